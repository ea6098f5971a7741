package georisk.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP client against a tiny local server that answers like Confluent Schema Registry (or Apicurio). */
class HttpSchemaRegistryClientTest {
    private static final String BASE_PATH = "/apis/ccompat/v7";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String body = "{}";
    private volatile boolean hang;
    private final java.util.concurrent.atomic.AtomicInteger conflictsFirst = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer server;
    private ExecutorService executor;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void shouldPostCanonicalSchemaToUrlEncodedSubjectUnderBasePath() throws IOException {
        answer(200, "{\"id\":7}");

        int id = client().register("geo events/value", GeoEvent.getClassSchema());

        assertThat(id).isEqualTo(7);
        Recorded request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo(BASE_PATH + "/subjects/geo%20events%2Fvalue/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        JsonNode sent = JSON.readTree(request.body());
        assertThat(sent.size()).isEqualTo(1);
        assertThat(sent.get("schema").asText()).isEqualTo(GeoEvent.getClassSchema().toString());
    }

    @Test
    void shouldRetryRegistrationWhenRegistryReportsCreationRace() {
        conflictsFirst.set(2);
        answer(200, "{\"id\":7}");

        assertThat(client().register("geo-events-value", GeoEvent.getClassSchema())).isEqualTo(7);
        assertThat(requests).hasSize(3);
    }

    @Test
    void shouldCacheIdsBySubjectAndSchemaAndSchemasById() {
        HttpSchemaRegistryClient client = client();
        answer(200, "{\"id\":7}");
        client.register("geo-events-value", GeoEvent.getClassSchema());
        client.register("geo-events-value", GeoEvent.getClassSchema());
        assertThat(client.schemaById(7)).isEqualTo(GeoEvent.getClassSchema());

        answer(200, "{\"schema\":" + JSON.valueToTree(RiskScore.getClassSchema().toString()) + ",\"references\":[]}");
        assertThat(client.schemaById(8)).isEqualTo(RiskScore.getClassSchema());
        assertThat(client.schemaById(8)).isEqualTo(RiskScore.getClassSchema());

        answer(200, "{\"id\":7}");
        client.register("replay-value", GeoEvent.getClassSchema());

        assertThat(requests).extracting(r -> r.method() + " " + r.rawPath()).containsExactly(
                "POST " + BASE_PATH + "/subjects/geo-events-value/versions",
                "GET " + BASE_PATH + "/schemas/ids/8",
                "POST " + BASE_PATH + "/subjects/replay-value/versions");
    }

    @Test
    void shouldReportIncompatibleSchemaOnConfluent409() {
        answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema"
                + " for subject \\\"geo-events-value\\\"\"}");

        assertThatThrownBy(() -> client().register("geo-events-value", GeoEvent.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageContaining("subject 'geo-events-value'")
                .hasMessageContaining("incompatible")
                .hasMessageContaining("give every new field a default")
                .hasMessageContaining(BASE_PATH + "/config/geo-events-value");
    }

    @Test
    void shouldReportIncompatibleSchemaOnApicurio409WithErrorCodeZero() {
        answer(409, "{\"error_code\":0,\"message\":\"Incompatible artifact: geo-events-value [AVRO]\"}");

        assertThatThrownBy(() -> client().register("geo-events-value", GeoEvent.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.errorCode()).isZero();
                })
                .hasMessageContaining("HTTP 409, error_code 0")
                .hasMessageContaining("Incompatible artifact");
    }

    @Test
    void shouldReportInvalidSchemaOn42201() {
        answer(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");

        assertThatThrownBy(() -> client().register("geo-events-value", GeoEvent.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isInvalidSchema()).isTrue();
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                })
                .hasMessageContaining("as invalid")
                .hasMessageContaining("Invalid schema");
    }

    @Test
    void shouldReportSubjectNotFoundOn40401() {
        answer(404, "{\"error_code\":40401,\"message\":\"Subject 'geo-events-value' not found.\"}");

        assertThatThrownBy(() -> client().register("geo-events-value", GeoEvent.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.isSubjectNotFound()).isTrue())
                .hasMessageContaining("Subject 'geo-events-value' was not found")
                .hasMessageContaining("-key/-value suffix");
    }

    @Test
    void shouldReportSchemaNotFoundOn40403() {
        answer(404, "{\"error_code\":40403,\"message\":\"Schema 5 not found\"}");

        assertThatThrownBy(() -> client().schemaById(5))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isSchemaNotFound()).isTrue();
                    assertThat(e.status()).isEqualTo(404);
                })
                .hasMessageContaining("Schema id 5 was not found")
                .hasMessageContaining(baseUrl())
                .hasMessageContaining("Point the consumer at the registry the producer used");
    }

    @Test
    void shouldShowNonJsonErrorBodyAndStatusOfOtherFailures() {
        answer(503, "<html><body>upstream unavailable</body></html>");

        assertThatThrownBy(() -> client().schemaById(5))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.NO_ERROR_CODE);
                })
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("upstream unavailable")
                .hasMessageContaining("retry later");
    }

    @Test
    void shouldAdviseOnCredentialsWhenUnauthorized() {
        answer(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");

        assertThatThrownBy(() -> client().register("geo-events-value", GeoEvent.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("credentials");
    }

    @Test
    void shouldRefuseNonAvroSchemas() {
        answer(200, "{\"schema\":\"{\\\"type\\\":\\\"object\\\"}\",\"schemaType\":\"JSON\"}");

        assertThatThrownBy(() -> client().schemaById(3))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("JSON schema, not Avro");
    }

    @Test
    void shouldNameUrlWhenConnectionIsRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + BASE_PATH;

        assertThatThrownBy(() -> new HttpSchemaRegistryClient(URI.create(url)).schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_STATUS))
                .hasMessageContaining("Cannot connect to the schema registry at " + url)
                .hasMessageContaining("connection refused");
    }

    @Test
    void shouldGiveUpAfterRequestTimeout() {
        hang = true;
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(URI.create(baseUrl()), Duration.ofSeconds(2),
                Duration.ofMillis(300));

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("did not answer within PT0.3S")
                .hasMessageContaining("fetching schema id 1");
    }

    @Test
    void shouldSendBasicAuthFromUserInfoAndKeepItOutOfMessages() {
        answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        URI withCredentials = URI.create("http://alice:s%40cret@127.0.0.1:" + server.getAddress().getPort()
                + BASE_PATH);
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(withCredentials);

        assertThatThrownBy(() -> client.schemaById(1)).hasMessageNotContaining("cret");
        assertThat(client.baseUrl()).isEqualTo(baseUrl());
        assertThat(requests.get(0).authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("alice:s@cret".getBytes(StandardCharsets.UTF_8)));
    }

    private HttpSchemaRegistryClient client() {
        return new HttpSchemaRegistryClient(URI.create(baseUrl() + "/"));
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    private void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (hang) {
                release.await(10, TimeUnit.SECONDS);
            }
            boolean conflict = conflictsFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            byte[] bytes = (conflict ? "{\"error_code\":0,\"message\":\"An artifact with ID 'x' already exists.\"}" : body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(conflict ? 409 : status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Recorded(String method, String rawPath, String contentType, String authorization, String body) {
    }
}
