package georisk.query;

import georisk.events.AlertKind;
import georisk.events.RiskLevel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

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
 *       exposure-weighted risk;</li>
 *   <li>{@code georisk_dyad_level{dyad}}: each dyad's latest level, 0 (LOW) to 4 (SEVERE).</li>
 * </ul>
 * Every instance reads every partition, so every instance reports the same figures: aggregate across
 * instances with {@code max}, not {@code sum}.
 *
 * <p>The counters count what is on the topics (within their retention), not what this process happened to see:
 * the feed reads the topics from the beginning. Bound with {@link #bindWhenCaughtUp}, the series appear only once
 * the feed has read what was there at start, so after a restart they come back at the value they had (as far as
 * retention kept the records) instead of climbing from zero — which Prometheus would read as a counter reset
 * followed by a burst of everything in the topics.
 */
public final class OutputMetrics implements FeedListener, OutputFeed.DeadLetterListener, MeterBinder {
    private final Map<String, Long> eventsByDyad = new ConcurrentHashMap<>();
    private final Map<String, Long> lateByDyad = new ConcurrentHashMap<>();
    private final Map<String, ScoreView> latest = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> alertsByKind = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLettersByStage = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    /** Binds to {@code meters} once {@code feed} has caught up with its topics (see the class comment). */
    public void bindWhenCaughtUp(final MeterRegistry meters, final OutputFeed feed) {
        Objects.requireNonNull(meters, "meters");
        feed.onCaughtUp(() -> bindTo(meters));
    }

    @Override
    public synchronized void bindTo(final MeterRegistry meters) {
        this.registry = Objects.requireNonNull(meters, "meters");
        FunctionCounter.builder("georisk.events.scored", eventsByDyad, OutputMetrics::sum)
                .description("Events scored, all dyads (from the event counts on risk-scores)").register(meters);
        FunctionCounter.builder("georisk.events.late", lateByDyad, OutputMetrics::sum)
                .description("Events later than the window grace: in the tension, not in their windows")
                .register(meters);
        for (final AlertKind kind : AlertKind.values()) {
            if (kind != AlertKind.UNKNOWN) {
                alertsByKind.computeIfAbsent(kind.name(), k -> new LongAdder());
            }
        }
        deadLettersByStage.computeIfAbsent("validate-events", k -> new LongAdder());
        alertsByKind.forEach(this::registerAlertCounter);
        deadLettersByStage.forEach(this::registerDeadLetterCounter);
        latest.keySet().forEach(this::registerGauges);
    }

    @Override
    public void score(final ScoreView score) {
        // counts only grow, but a replayed older score must not lower them
        eventsByDyad.merge(score.dyad(), score.eventCount(), Math::max);
        lateByDyad.merge(score.dyad(), score.lateEventCount(), Math::max);
        if (latest.put(score.dyad(), score) == null) {
            register(() -> registerGauges(score.dyad()));
        }
    }

    @Override
    public void alert(final AlertView alert) {
        count(alertsByKind, alert.kind(), this::registerAlertCounter);
    }

    @Override
    public void deadLetter(final String stage) {
        count(deadLettersByStage, stage, this::registerDeadLetterCounter);
    }

    private void count(final Map<String, LongAdder> counts, final String key,
                       final java.util.function.BiConsumer<String, LongAdder> registerNew) {
        final LongAdder[] created = new LongAdder[1];
        final LongAdder adder = counts.computeIfAbsent(key, k -> created[0] = new LongAdder());
        adder.increment();
        if (created[0] != null) {
            register(() -> registerNew.accept(key, adder));
        }
    }

    /** Registers a new series now if bound; else {@link #bindTo} registers it with the rest. */
    private synchronized void register(final Runnable registration) {
        if (registry != null) {
            registration.run();
        }
    }

    private void registerGauges(final String dyad) {
        Gauge.builder("georisk.tension", latest, m -> value(m, dyad, Field.TENSION)).tag("dyad", dyad)
                .description("Latest tension of the dyad, 0 to 100").register(registry);
        Gauge.builder("georisk.risk", latest, m -> value(m, dyad, Field.RISK)).tag("dyad", dyad)
                .description("Latest exposure-weighted risk of the dyad (tension x exposure)").register(registry);
        Gauge.builder("georisk.dyad.level", latest, m -> value(m, dyad, Field.LEVEL)).tag("dyad", dyad)
                .description("Latest level of the dyad: 0 LOW, 1 GUARDED, 2 ELEVATED, 3 HIGH, 4 SEVERE")
                .register(registry);
    }

    private void registerAlertCounter(final String kind, final LongAdder count) {
        FunctionCounter.builder("georisk.alerts", count, LongAdder::doubleValue).tag("kind", kind)
                .description("Alerts published, by kind").register(registry);
    }

    private void registerDeadLetterCounter(final String stage, final LongAdder count) {
        FunctionCounter.builder("georisk.dead.letters", count, LongAdder::doubleValue).tag("stage", stage)
                .description("Records set aside on geo-events-dlq, by the stage that set them aside")
                .register(registry);
    }

    private enum Field { TENSION, RISK, LEVEL }

    private static double value(final Map<String, ScoreView> scores, final String dyad, final Field field) {
        final ScoreView s = scores.get(dyad);
        if (s == null) {
            return Double.NaN;
        }
        return switch (field) {
            case TENSION -> s.tension();
            case RISK -> s.exposureWeightedRisk();
            case LEVEL -> level(s.level());
        };
    }

    /** A level's number, LOW 0 to SEVERE 4; NaN for a level this version does not know. */
    static double level(final String name) {
        try {
            return RiskLevel.valueOf(name).ordinal();
        } catch (final IllegalArgumentException | NullPointerException e) {
            return Double.NaN;
        }
    }

    private static double sum(final Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
