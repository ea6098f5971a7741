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

    private HttpResponse<String> openAndClose(final int port) throws Exception {
        // the refusal comes before any stream opens: a plain response with a body
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/stream")).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A stream opened on a plain socket, its response headers read; closing the socket ends it. */
    static java.net.Socket rawStream(final int port) throws java.io.IOException {
        final java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
        socket.getOutputStream().write(("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return socket;
    }

    @Test
    void shouldRefuseAStreamBeyondTheTotalLimitWith503AndServeAgainOnceOneCloses() throws Exception {
        server = ApiServer.builder("127.0.0.1", 0).queries(queries).streamLimits(2, 10)
                .keepAlive(Duration.ofMillis(100)).build();
        final int port = server.start();
        lines(port, "/api/stream", "text/event-stream");
        final java.net.Socket second = rawStream(port);
        await().alias("two streams open").atMost(Duration.ofSeconds(10)).until(() -> server.streams() == 2);

        final HttpResponse<String> refused = openAndClose(port);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        ApiServerTest.assertErrorShape(json(refused), 503, "Service Unavailable");
        assertThat(json(refused).get("message").textValue()).contains("at most 2 event streams");
        assertThat(get(port, "/health").statusCode()).isEqualTo(200);

        second.close();
        await().alias("the closed stream gives its place back").atMost(Duration.ofSeconds(30))
                .until(() -> server.streams() == 1);
        assertThat(lines(port, "/api/stream", "text/event-stream").get(0)).startsWith("HTTP 200");
    }

    @Test
    void shouldTakeNoPlaceForARequestThatOpensNoStream() throws Exception {
        server = ApiServer.builder("127.0.0.1", 0).queries(queries).streamLimits(1, 1).build();
        final int port = server.start();
        for (int i = 0; i < 3; i++) {
            final HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/stream")).header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isBetween(400, 499);
        }
        assertThat(lines(port, "/api/stream", "text/event-stream").get(0)).startsWith("HTTP 200");
    }

    @Test
    void shouldRefuseAStreamBeyondThePerClientLimitWith503() throws Exception {
        server = ApiServer.builder("127.0.0.1", 0).queries(queries).streamLimits(10, 1).build();
        final int port = server.start();
        lines(port, "/api/stream", "text/event-stream");
        await().alias("one stream open").atMost(Duration.ofSeconds(10)).until(() -> server.streams() == 1);

        final HttpResponse<String> refused = openAndClose(port);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).get("message").textValue()).contains("at most 1 event streams per client address");
    }

    @Test
    void shouldCutOffAClientThatStopsReadingCountItAndKeepFeedingTheOthers() throws Exception {
        final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        final List<String> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
        server = ApiServer.builder("127.0.0.1", 0).queries(queries).streamQueue(8).meters(meters)
                .requestObserver((method, route, status, seconds) -> answered.add(method + " " + route)).build();
        final int port = server.start();
        final java.net.Socket stalled = new java.net.Socket();
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        stalled.getOutputStream().write(("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        final List<String> reader = lines(port, "/api/stream", "text/event-stream");
        await().alias("two streams open").atMost(Duration.ofSeconds(10)).until(() -> server.streams() == 2);
        final io.micrometer.core.instrument.Counter dropped = meters.get("georisk.sse.dropped").counter();

        // 10 KB frames until the stalled client's socket buffers are full and 8 frames wait for it; the reading
        // client gets each one before the next is published, so only the stalled one falls behind
        final String headline = "x".repeat(10_000);
        int sent = 0;
        while (dropped.count() == 0 && sent < 5_000) {
            sent++;
            queries.publish(FakeRiskQueries.score("CAN-USA", sent, headline));
            final String marker = "\"tension\":" + (double) sent + ",";
            await().alias("the reading client gets update " + sent).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> endsWith(reader, marker));
        }

        assertThat(dropped.count()).as("after %d frames", sent).isEqualTo(1.0);
        await().alias("the stalled stream gone, its place given back").atMost(Duration.ofSeconds(10))
                .until(() -> server.streams() == 1);
        // the cut-off stream's request was finished while it was still there: its end is logged like any other
        await().alias("the cut-off stream's request answered").atMost(Duration.ofSeconds(10))
                .until(() -> answered.contains("GET /api/stream"));
        assertThat(answered).containsExactly("GET /api/stream");
        queries.publish(FakeRiskQueries.score("CAN-USA", -1.0));
        await().alias("the reading client still fed").atMost(Duration.ofSeconds(10))
                .until(() -> endsWith(reader, "\"tension\":-1.0,"));
        stalled.close();
    }

    /** Whether one of the last lines received holds {@code text}. */
    private static boolean endsWith(final List<String> lines, final String text) {
        for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - 4); i--) {
            if (lines.get(i).contains(text)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldSerializeEachUpdateOnceForEveryStream() {
        final int port = start(Duration.ofMinutes(1));
        final List<List<String>> clients = List.of(lines(port, "/api/stream", "text/event-stream"),
                lines(port, "/api/stream", "text/event-stream"), lines(port, "/api/stream", "text/event-stream"));
        await().alias("three streams open").atMost(Duration.ofSeconds(10)).until(() -> server.streams() == 3);

        queries.publish(FakeRiskQueries.score("CAN-USA", 42.0));

        for (final List<String> lines : clients) {
            await().alias("the update on every stream").atMost(Duration.ofSeconds(10))
                    .until(() -> lines.stream().anyMatch(l -> l.contains("\"tension\":42.0")));
        }
        // one subscription to the feed, whatever the number of streams
        assertThat(queries.listeners).hasSize(1);
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
