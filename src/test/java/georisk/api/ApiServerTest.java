package georisk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    private static final String HOST = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<ApiServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(ApiServer::close);
    }

    @Test
    void shouldAnswerHealthWithUpWhileServing() throws Exception {
        final int port = start(() -> Readiness.notReady("Kafka Streams is CREATED"));

        final HttpResponse<String> response = get(port, "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(response)).isEqualTo(json("{\"status\":\"UP\"}"));
    }

    @Test
    void shouldReportNotReadyWithReasonUntilTheSupplierSaysReady() throws Exception {
        final AtomicReference<Readiness> state =
                new AtomicReference<>(Readiness.notReady("Kafka Streams is REBALANCING"));
        final int port = start(state::get);

        final HttpResponse<String> notReady = get(port, "/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady)).isEqualTo(
                json("{\"status\":\"NOT_READY\",\"reason\":\"Kafka Streams is REBALANCING\"}"));

        state.set(Readiness.READY);

        final HttpResponse<String> ready = get(port, "/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready)).isEqualTo(json("{\"status\":\"READY\"}"));
    }

    @Test
    void shouldAnswerUnknownPathWithJson404() throws Exception {
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> response = get(port, "/no-such-path");

        assertThat(response.statusCode()).isEqualTo(404);
        final JsonNode body = json(response);
        assertThat(body.properties()).extracting(e -> e.getKey())
                .containsExactly("status", "error", "message");
        assertThat(body.get("status").intValue()).isEqualTo(404);
        assertThat(body.get("error").textValue()).isEqualTo("Not Found");
        assertThat(body.get("message").textValue()).contains("/no-such-path").doesNotContain("\n");
    }

    @Test
    void shouldAnswerHandlerFailureWithJson500() throws Exception {
        final int port = start(() -> {
            throw new IllegalStateException("streams client\nwent away");
        });

        final HttpResponse<String> response = get(port, "/ready");

        assertThat(response.statusCode()).isEqualTo(500);
        final JsonNode body = json(response);
        assertThat(body.properties()).extracting(e -> e.getKey())
                .containsExactly("status", "error", "message");
        assertThat(body.get("status").intValue()).isEqualTo(500);
        assertThat(body.get("error").textValue()).isEqualTo("Server Error");
        assertThat(body.get("message").textValue()).isEqualTo(
                "GET /ready failed; the server log has the details");
    }

    @Test
    void shouldNameThePortWhenItIsAlreadyInUse() {
        final int taken = start(() -> Readiness.READY);
        final ApiServer second = new ApiServer(HOST, taken, () -> Readiness.READY);
        servers.add(second);

        assertThatThrownBy(second::start)
                .isInstanceOf(ApiServerException.class)
                .hasMessage("HTTP API cannot listen on 127.0.0.1:" + taken + ": port " + taken + " is already in use");
    }

    @Test
    void shouldStartOnAnEphemeralPortAndStopServingOnClose() throws Exception {
        final ApiServer server = new ApiServer(HOST, 0, () -> Readiness.READY);
        final int port = server.start();
        assertThat(port).isPositive();
        assertThat(get(port, "/health").statusCode()).isEqualTo(200);

        server.close();
        server.close();

        assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(IOException.class);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectAPortOutOfRange() {
        assertThatThrownBy(() -> new ApiServer(HOST, 65_536, () -> Readiness.READY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
    }

    @Test
    void shouldKeepTheNotReadyReasonOnOneLine() {
        assertThat(Readiness.notReady("Kafka Streams is\n  PENDING_SHUTDOWN ").reason())
                .isEqualTo("Kafka Streams is PENDING_SHUTDOWN");
        assertThatThrownBy(() -> Readiness.notReady(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private int start(final Supplier<Readiness> readiness) {
        final ApiServer server = new ApiServer(HOST, 0, readiness);
        servers.add(server);
        return server.start();
    }

    private static HttpResponse<String> get(final int port, final String path) throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws IOException {
        return json(response.body());
    }

    private static JsonNode json(final String text) throws IOException {
        return JSON.readTree(text);
    }
}
