package georisk.bench;

import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.TradeExposure;
import georisk.ingest.Scenario;
import georisk.scoring.AlertPolicy;
import georisk.scoring.Dyad;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.DyadState;
import georisk.scoring.ModelParameters;
import georisk.scoring.ScoringEvent;
import georisk.topology.BenchMapping;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A realistic, reproducible month of one dyad for the benchmarks: the built-in scenario's events
 * (their types, Goldstein values, tariff rates, trade shares and headlines) re-dated at random over
 * {@value #DAYS} days, with the attention and confidence of machine-coded reports and a fixed seed,
 * then folded into CAN-USA's state with the shipped model. The
 * result has a day bucket per day of the z-score's baseline and the full set of tracked drivers,
 * which is what the per-event cost depends on. {@link #next} holds the events to fold into it: each
 * later than the state, as most live events are.
 */
final class DyadHistory {
    static final long SEED = 20250304L;
    static final int EVENTS = 400;
    static final int DAYS = 30;
    /** Events the benchmarks fold in turn (a power of two: the index wraps with a mask). */
    static final int NEXT = 64;
    static final Dyad DYAD = new Dyad("CAN", "USA");
    /** Machine-coded reports: 1 to this many mentions, 1 to {@link #SOURCES} sources. */
    static final int MENTIONS = 40;
    static final int SOURCES = 8;
    /**
     * Share of events that raise tension. A month of hundreds of events saturates the logistic curve
     * unless conflict and cooperation nearly cancel; with this share and seed it ends mid-scale
     * (tension ≈ 47), where levels, hysteresis and alerts all have something to decide.
     */
    static final double RAISING = 0.43;
    static final Instant START = Instant.parse("2025-02-01T00:00:00Z");

    final DyadScorer scorer = new DyadScorer(ModelParameters.defaults());
    final AlertPolicy policy = new AlertPolicy(scorer.parameters());
    final double exposure;
    final List<GeoEvent> scenarioEvents;
    /** The dyad's state after {@value #EVENTS} events. */
    final DyadState state;
    /** Events later than {@link #state}, to fold in one at a time. */
    final ScoringEvent[] next;
    /** The alert policy's memory after scoring every event of the history in order. */
    final AlertPolicy.State policyState;

    DyadHistory() {
        final Scenario scenario = Scenario.builtIn();
        scenarioEvents = scenario.events();
        final Map<String, TradeExposure> exposures = scenario.exposures().stream()
                .collect(Collectors.toMap(TradeExposure::getDyad, Function.identity()));
        exposure = exposures.get(DYAD.key()).getExposure();

        // Each scenario event as its own dyad sees it (trade share against that dyad's exposure)
        final DyadResolver resolver = new DyadResolver(Set.of("CAN"), Set.of());
        final List<ScoringEvent> templates = new ArrayList<>();
        for (final GeoEvent e : scenarioEvents) {
            resolver.resolve(e.getActor(), e.getTarget()).ifPresent(d ->
                    templates.add(BenchMapping.toScoringEvent(e, d, exposures.get(d.key()))));
        }

        // Conflict and cooperation drawn at RAISING : 1 - RAISING (the scenario itself is two-thirds conflict)
        final List<ScoringEvent> raising = templates.stream().filter(t -> scorer.impacts().impact(t) > 0).toList();
        final List<ScoringEvent> calming = templates.stream().filter(t -> scorer.impacts().impact(t) <= 0).toList();
        final Random random = new Random(SEED);
        final long span = Duration.ofDays(DAYS).toMillis();
        final List<ScoringEvent> history = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            history.add(machineCoded(pick(raising, calming, random), "h" + i,
                    START.toEpochMilli() + (long) (random.nextDouble() * span), random));
        }
        history.sort(Comparator.comparingLong(ScoringEvent::occurredAt));

        DyadState s = DyadState.EMPTY;
        AlertPolicy.State alerts = AlertPolicy.State.INITIAL;
        for (final ScoringEvent e : history) {
            s = scorer.add(s, e);
            alerts = policy.evaluate(alerts, snapshot(s)).state();
        }
        state = s;
        policyState = alerts;

        next = new ScoringEvent[NEXT];
        final long hours = Duration.ofHours(12).toMillis();
        for (int i = 0; i < NEXT; i++) {
            next[i] = machineCoded(pick(raising, calming, random), "n" + i,
                    state.refTime() + 1 + (long) (random.nextDouble() * hours), random);
        }
    }

    /** The score of a state, as the alert stage receives it (through its Avro record). */
    AlertPolicy.Snapshot snapshot(final DyadState s) {
        return BenchMapping.toSnapshot(riskScore(s));
    }

    RiskScore riskScore(final DyadState s) {
        return BenchMapping.toRiskScore(DYAD, scorer.score(s, exposure));
    }

    /** One line saying what the benchmarks run on, for their output. */
    String describe() {
        return String.format(Locale.ROOT, "dyad %s: %d events over %d days (seed %d), %d day buckets, %d tracked"
                        + " drivers, %d alert samples; tension %.1f", DYAD, state.eventCount(), DAYS, SEED,
                state.days().size(), state.tracked().size(), policyState.recent().size(),
                scorer.score(state, exposure).tension());
    }

    private static ScoringEvent pick(final List<ScoringEvent> raising, final List<ScoringEvent> calming,
                                     final Random random) {
        final List<ScoringEvent> from = random.nextDouble() < RAISING ? raising : calming;
        return from.get(random.nextInt(from.size()));
    }

    /**
     * A template re-dated, with the attention and confidence of a machine-coded (GDELT-like) report
     * rather than the curated scenario's front-page figures: hundreds of those a month would pin
     * tension at 100, which is not the typical state.
     */
    private static ScoringEvent machineCoded(final ScoringEvent t, final String suffix, final long occurredAt,
                                             final Random random) {
        return new ScoringEvent(t.id() + "#" + suffix, occurredAt, t.type(), t.goldstein(), t.tariffRate(),
                t.tradeShare(), 1 + random.nextInt(MENTIONS), 1 + random.nextInt(SOURCES),
                0.3 + 0.7 * random.nextDouble(), t.homeIsActor(), t.headline());
    }
}
