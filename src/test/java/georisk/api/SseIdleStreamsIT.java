package georisk.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault suite: 2,000 clients open {@code GET /api/stream} and never read. The server holds as many as its limit
 * allows, refuses the rest with 503, keeps serving a client that does read, and answers {@code /health} within
 * a second throughout.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SseIdleStreamsIT {
    private static final int CLIENTS = 2_000;
    private static final int LIMIT = ApiServer.DEFAULT_MAX_STREAMS;

    private final FakeRiskQueries queries = new FakeRiskQueries("127.0.0.1:1");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Socket> idle = new ArrayList<>();
    private ApiServer server;

    @AfterEach
    void stop() {
        for (final Socket s : idle) {
            try {
                s.close();
            } catch (final IOException e) {
                // closing on the way out
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> health(final HttpClient http, final int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private double refused() {
        return meters.find("georisk.sse.refused").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void shouldHoldItsLimitOfIdleStreamsRefuseTheRestAndStayResponsive() throws Exception {
        // every client comes from 127.0.0.1: lift the per-address limit so that the total limit is the one tested
        server = ApiServer.builder("127.0.0.1", 0).queries(queries).streamLimits(LIMIT, CLIENTS * 2)
                .keepAlive(Duration.ofSeconds(1)).meters(meters).build();
        final int port = server.start();
        queries.latest.add(FakeRiskQueries.score("CAN-USA", 10.0));
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        final List<String> reader = ApiServerTest.lines(port, "/api/stream", "text/event-stream");

        for (int i = 0; i < CLIENTS; i++) {
            idle.add(ApiStreamTest.rawStream(port));
            if (i % 250 == 0) {
                assertThat(health(http, port).statusCode()).as("/health with %d idle streams", i).isEqualTo(200);
            }
        }

        await().alias("the limit reached, the rest refused").atMost(Duration.ofSeconds(60))
                .until(() -> server.streams() == LIMIT && refused() >= CLIENTS + 1 - LIMIT);
        // updates go on for the stream that reads, while a thousand others do not read at all
        for (int i = 0; i < 50; i++) {
            queries.publish(FakeRiskQueries.score("CAN-USA", 20.0 + i));
        }
        await().alias("the reading client gets every update").atMost(Duration.ofSeconds(30))
                .until(() -> reader.stream().anyMatch(l -> l.contains("\"tension\":69.0")));
        for (int i = 0; i < 5; i++) {
            final long started = System.nanoTime();
            assertThat(health(http, port).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }
        final HttpResponse<String> beyond = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/stream")).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(beyond.statusCode()).isEqualTo(503);
        assertThat(beyond.body()).contains("at most " + LIMIT + " event streams");
    }
}
