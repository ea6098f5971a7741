package georisk.api;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Request metrics per route template and status, from real requests to a started server. */
class ApiRequestMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FakeRiskQueries queries = new FakeRiskQueries("127.0.0.1:1");
    private ApiServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    @Test
    void shouldCountRequestsByRouteTemplateAndStatusNeverByPathAsSent() throws Exception {
        server = ApiServer.builder("127.0.0.1", 0).queries(queries).metrics(registry::scrape)
                .requestObserver(new RequestMetrics(registry)).build();
        final int port = server.start();

        assertThat(ApiServerTest.get(port, "/api/dyads/CAN-USA/score").statusCode()).isEqualTo(404);
        assertThat(ApiServerTest.get(port, "/api/dyads/CAN-CHN/score").statusCode()).isEqualTo(404);
        assertThat(ApiServerTest.get(port, "/health").statusCode()).isEqualTo(200);
        assertThat(ApiServerTest.get(port, "/no/such/path").statusCode()).isEqualTo(404);
        assertThat(ApiServerTest.get(port, "/").statusCode()).isEqualTo(200);

        // the request is counted once its answer is written: wait for the last one
        await().alias("five requests counted").atMost(Duration.ofSeconds(10))
                .until(() -> registry.scrape().contains("route=\"static\""));
        final String text = ApiServerTest.get(port, "/metrics").body();
        assertThat(text)
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/dyads/{dyad}/score\","
                        + "status=\"404\"} 2")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"} 1")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"} 1")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"static\",status=\"200\"} 1")
                .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/health\",status=\"200\",le=")
                .doesNotContain("CAN-USA");
    }
}
