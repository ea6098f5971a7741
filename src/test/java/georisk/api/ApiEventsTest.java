package georisk.api;

import static georisk.api.ApiServerTest.json;
import static georisk.api.ApiServerTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/events}: token, size limit, the intake's verdict. */
class ApiEventsTest {
    private static final String TOKEN = "s3cret-token";
    private static final String EVENT = "{\"id\":\"e1\",\"occurredAt\":\"2025-03-04\",\"actor\":\"USA\",\"target\":\"CAN\","
            + "\"type\":\"TARIFF_IMPOSED\",\"headline\":\"Tariffs\"}";

    private final FakeRiskQueries queries = new FakeRiskQueries("127.0.0.1:1");
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final EventIntake intake = json -> {
        received.add(json);
        if (json.contains("\"occurredAt\":\"2025-13-01\"")) {
            throw new EventIntake.InvalidEventException("occurredAt: \"2025-13-01\" is not an ISO date or instant");
        }
        if (json.contains("kafka-down")) {
            throw new EventIntake.IntakeUnavailableException("Kafka did not acknowledge the events within 10 s", null);
        }
        return List.of(new EventIntake.Accepted("e1", 2, 41));
    };
    private ApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(final String token) {
        server = ApiServer.builder("127.0.0.1", 0).queries(queries).events(intake, token).maxEventBytes(1024).build();
        return server.start();
    }

    @Test
    void shouldAcceptAValidEventWithTheTokenAndAnswer202WithItsId() throws Exception {
        final int port = start(TOKEN);

        final HttpResponse<String> response = post(port, EVENT, "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response)).isEqualTo(json("{\"accepted\":[{\"id\":\"e1\",\"partition\":2,\"offset\":41}]}"));
        assertThat(received).containsExactly(EVENT);
    }

    @Test
    void shouldAnswer401WithoutTheTokenOrWithAnotherOne() throws Exception {
        final int port = start(TOKEN);

        final HttpResponse<String> none = post(port, EVENT, null);
        final HttpResponse<String> wrong = post(port, EVENT, "Bearer not-the-token");
        final HttpResponse<String> basic = post(port, EVENT, "Basic dXNlcjpwYXNz");

        for (final HttpResponse<String> r : List.of(none, wrong, basic)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"georisk\"");
            ApiServerTest.assertErrorShape(json(r), 401, "Unauthorized");
        }
        assertThat(message(wrong)).isEqualTo("the bearer token is not the one configured");
        assertThat(message(none)).contains("Authorization: Bearer");
        assertThat(received).isEmpty();
    }

    @Test
    void shouldAnswer403SayingHowToEnablePostingWhenNoTokenIsConfigured() throws Exception {
        final int port = start(null);

        final HttpResponse<String> response = post(port, EVENT, "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(message(response)).contains("--api-token", "GEORISK_API_TOKEN");
        assertThat(received).isEmpty();
    }

    @Test
    void shouldAnswer400WithTheFieldAndReasonOfAnInvalidEvent() throws Exception {
        final int port = start(TOKEN);

        final HttpResponse<String> response =
                post(port, EVENT.replace("2025-03-04", "2025-13-01"), "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).isEqualTo("occurredAt: \"2025-13-01\" is not an ISO date or instant");
    }

    @Test
    void shouldAnswer413ForABodyOverTheLimitWithOrWithoutContentLength() throws Exception {
        final int port = start(TOKEN);
        final String large = "[" + (EVENT + ",").repeat(20) + EVENT + "]";

        final HttpResponse<String> sized = post(port, large, "Bearer " + TOKEN);
        final HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(port))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(large.getBytes())))
                        .build(), HttpResponse.BodyHandlers.ofString());

        for (final HttpResponse<String> r : List.of(sized, chunked)) {
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(message(r)).isEqualTo("the body is larger than 1024 bytes; send fewer events per request");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void shouldAnswer503WhenKafkaDoesNotAcknowledge() throws Exception {
        final int port = start(TOKEN);

        final HttpResponse<String> response = post(port, EVENT.replace("Tariffs", "kafka-down"), "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(message(response)).isEqualTo("Kafka did not acknowledge the events within 10 s");
    }

    private static HttpResponse<String> post(final int port, final String body, final String authorization)
            throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(port)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(final int port) {
        return URI.create("http://127.0.0.1:" + port + "/api/events");
    }
}
