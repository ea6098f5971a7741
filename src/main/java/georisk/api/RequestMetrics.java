package georisk.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Objects;

/**
 * HTTP request metrics in Micrometer's usual name: {@code http_server_requests_seconds{method,route,status}}
 * (count, sum, max, and buckets from 5 ms to 10 s for latency quantiles).
 */
public final class RequestMetrics implements RequestObserver {
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    public RequestMetrics(final MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void observe(final String method, final String route, final int status, final double seconds) {
        Timer.builder("http.server.requests").tag("method", method).tag("route", route)
                .tag("status", String.valueOf(status)).serviceLevelObjectives(BUCKETS)
                .description("HTTP requests answered by the API, by route template and status").register(registry)
                .record(Duration.ofNanos((long) (seconds * 1e9)));
    }
}
