package georisk.query;

import georisk.events.AlertKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * georisk's own metrics, fed by the {@link OutputFeed}: what the topology published, as read from its
 * output topics. In Prometheus' names:
 * <ul>
 *   <li>{@code georisk_events_scored_total}: events scored, all dyads (each score carries its dyad's count);</li>
 *   <li>{@code georisk_events_late_total}: events later than the window grace (counted, not windowed);</li>
 *   <li>{@code georisk_dead_letters_total{stage}}: records on {@code geo-events-dlq}, by the stage that set
 *       them aside ({@code validate-events} in the topology, {@code ingest} in a producer);</li>
 *   <li>{@code georisk_alerts_total{kind}}: alerts by kind;</li>
 *   <li>{@code georisk_tension{dyad}} and {@code georisk_risk{dyad}}: each dyad's latest tension and
 *       exposure-weighted risk.</li>
 * </ul>
 * Every instance reads every partition, so every instance reports the same figures: aggregate across
 * instances with {@code max}, not {@code sum}. Reading starts at the beginning of the topics' retention,
 * so after a restart the counters are counted again from there.
 */
public final class OutputMetrics implements FeedListener, OutputFeed.DeadLetterListener, MeterBinder {
    private final Map<String, Long> eventsByDyad = new ConcurrentHashMap<>();
    private final Map<String, Long> lateByDyad = new ConcurrentHashMap<>();
    private final Map<String, ScoreView> latest = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    @Override
    public void bindTo(final MeterRegistry meters) {
        this.registry = Objects.requireNonNull(meters, "meters");
        FunctionCounter.builder("georisk.events.scored", eventsByDyad, OutputMetrics::sum)
                .description("Events scored, all dyads (from the event counts on risk-scores)").register(meters);
        FunctionCounter.builder("georisk.events.late", lateByDyad, OutputMetrics::sum)
                .description("Events later than the window grace: in the tension, not in their windows")
                .register(meters);
        for (final AlertKind kind : AlertKind.values()) {
            if (kind != AlertKind.UNKNOWN) {
                alertCounter(kind.name());
            }
        }
        deadLetterCounter("validate-events");
        latest.keySet().forEach(this::registerGauges);
    }

    @Override
    public void score(final ScoreView score) {
        // counts only grow, but a replayed older score must not lower them
        eventsByDyad.merge(score.dyad(), score.eventCount(), Math::max);
        lateByDyad.merge(score.dyad(), score.lateEventCount(), Math::max);
        if (latest.put(score.dyad(), score) == null && registry != null) {
            registerGauges(score.dyad());
        }
    }

    @Override
    public void alert(final AlertView alert) {
        if (registry != null) {
            alertCounter(alert.kind()).increment();
        }
    }

    @Override
    public void deadLetter(final String stage) {
        if (registry != null) {
            deadLetterCounter(stage).increment();
        }
    }

    private void registerGauges(final String dyad) {
        Gauge.builder("georisk.tension", latest, m -> value(m, dyad, false)).tag("dyad", dyad)
                .description("Latest tension of the dyad, 0 to 100").register(registry);
        Gauge.builder("georisk.risk", latest, m -> value(m, dyad, true)).tag("dyad", dyad)
                .description("Latest exposure-weighted risk of the dyad (tension x exposure)").register(registry);
    }

    private Counter alertCounter(final String kind) {
        return Counter.builder("georisk.alerts").tag("kind", kind).description("Alerts published, by kind")
                .register(registry);
    }

    private Counter deadLetterCounter(final String stage) {
        return Counter.builder("georisk.dead.letters").tag("stage", stage)
                .description("Records set aside on geo-events-dlq, by the stage that set them aside")
                .register(registry);
    }

    private static double value(final Map<String, ScoreView> scores, final String dyad, final boolean risk) {
        final ScoreView s = scores.get(dyad);
        if (s == null) {
            return Double.NaN;
        }
        return risk ? s.exposureWeightedRisk() : s.tension();
    }

    private static double sum(final Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
