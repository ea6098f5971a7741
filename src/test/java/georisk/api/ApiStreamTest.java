package georisk.api;

import static georisk.api.ApiServerTest.get;
import static georisk.api.ApiServerTest.json;
import static georisk.api.ApiServerTest.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/stream}: Server-Sent Events of scores and alerts. */
class ApiStreamTest {
    private final FakeRiskQueries queries = new FakeRiskQueries("127.0.0.1:1");
    private ApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(final Duration keepAlive) {
        server = ApiServer.builder("127.0.0.1", 0).queries(queries).keepAlive(keepAlive).build();
        return server.start();
    }

    @Test
    void shouldStreamTheLatestScoresThenNewScoresAndAlertsAsEvents() {
        queries.latest.add(FakeRiskQueries.score("CAN-CHN", 30.0));
        final int port = start(Duration.ofMinutes(1));

        final List<String> lines = lines(port, "/api/stream", "text/event-stream");
        assertThat(lines.get(0)).startsWith("HTTP 200 text/event-stream");
        await().alias("the snapshot of the latest scores").atMost(Duration.ofSeconds(10))
                .until(() -> lines.contains("event: score"));
        assertThat(lines).anyMatch(l -> l.startsWith("data: {\"dyad\":\"CAN-CHN\""));

        await().alias("the client subscribed").atMost(Duration.ofSeconds(10)).until(() -> !queries.listeners.isEmpty());
        queries.publish(FakeRiskQueries.score("CAN-USA", 80.1));
        queries.publish(FakeRiskQueries.alert("alert-1", "CAN-USA", "2025-03-04T00:00:00Z"));

        await().alias("a live score and an alert").atMost(Duration.ofSeconds(10))
                .until(() -> lines.contains("event: alert"));
        assertThat(lines).anyMatch(l -> l.startsWith("data: {\"dyad\":\"CAN-USA\"") && l.contains("\"tension\":80.1"));
        assertThat(lines).anyMatch(l -> l.startsWith("data: {\"id\":\"alert-1\"")
                && l.contains("\"time\":\"2025-03-04T00:00:00Z\""));
        assertThat(lines.indexOf("event: alert")).isGreaterThan(lines.lastIndexOf("event: score"));
    }

    @Test
    void shouldSendKeepAliveCommentsOnAnIdleStream() {
        final int port = start(Duration.ofMillis(100));

        final List<String> lines = lines(port, "/api/stream", "text/event-stream");

        await().alias("two keep-alive comments").atMost(Duration.ofSeconds(10))
                .until(() -> lines.stream().filter(l -> l.equals(": keep-alive")).count() >= 2);
    }

    @Test
    void shouldUnsubscribeWhenTheServerCloses() {
        final int port = start(Duration.ofMinutes(1));
        lines(port, "/api/stream", "text/event-stream");
        await().alias("the client subscribed").atMost(Duration.ofSeconds(10)).until(() -> !queries.listeners.isEmpty());

        server.close();

        assertThat(queries.listeners).isEmpty();
    }

    @Test
    void shouldAnswer406InTheErrorShapeWithoutTheEventStreamAcceptHeader() throws Exception {
        final int port = start(Duration.ofMinutes(1));

        final HttpResponse<String> plain = get(port, "/api/stream");
        final HttpResponse<String> any = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/stream")).header("Accept", "*/*").build(),
                HttpResponse.BodyHandlers.ofString());

        for (final HttpResponse<String> r : List.of(plain, any)) {
            assertThat(r.statusCode()).isEqualTo(406);
            ApiServerTest.assertErrorShape(json(r), 406, "Not Acceptable");
            assertThat(json(r).get("message").textValue()).contains("Accept: text/event-stream");
        }
        assertThat(queries.listeners).isEmpty();
    }
}
