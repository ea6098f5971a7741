package georisk.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.EnumMap;
import java.util.Map;

/**
 * The counters of one webhook, in Prometheus' names:
 * <ul>
 *   <li>{@code georisk_webhook_deliveries_total{webhook,result}}: alerts handled, by how it ended —
 *       {@code delivered}, {@code failed} (given up after the last attempt, or refused with a 4xx),
 *       {@code dropped} (its queue was full), {@code duplicate} (an alert id already delivered);</li>
 *   <li>{@code georisk_webhook_attempts_total{webhook,outcome}}: HTTP attempts, {@code ok} (2xx),
 *       {@code http_error} (any other status) or {@code io_error} (no answer: refused, timed out);</li>
 *   <li>{@code georisk_webhook_queue_size{webhook}}: alerts waiting for this webhook.</li>
 * </ul>
 * {@code webhook} is the webhook's number on the command line and its format ({@code 1-slack}), never its URL.
 * Every series exists from the start, at 0, so that alert rules see them before the first failure.
 */
final class DeliveryMetrics {
    /** How the delivery of one alert to one webhook ended. */
    enum Result { DELIVERED, FAILED, DROPPED, DUPLICATE }

    /** The outcome of one HTTP attempt. */
    enum Outcome { OK, HTTP_ERROR, IO_ERROR }

    private final Map<Result, Counter> results = new EnumMap<>(Result.class);
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    DeliveryMetrics(final MeterRegistry registry, final String webhook, final String host) {
        final Tags tags = Tags.of("webhook", webhook, "host", host);
        for (final Result r : Result.values()) {
            results.put(r, Counter.builder("georisk.webhook.deliveries").tags(tags).tag("result", name(r))
                    .description("Alerts handled per webhook, by how the delivery ended").register(registry));
        }
        for (final Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("georisk.webhook.attempts").tags(tags).tag("outcome", name(o))
                    .description("HTTP attempts per webhook, by outcome").register(registry));
        }
    }

    void result(final Result r) {
        results.get(r).increment();
    }

    void attempt(final Outcome o) {
        outcomes.get(o).increment();
    }

    double count(final Result r) {
        return results.get(r).count();
    }

    double count(final Outcome o) {
        return outcomes.get(o).count();
    }

    private static String name(final Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
