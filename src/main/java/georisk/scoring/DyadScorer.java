package georisk.scoring;

import georisk.events.RiskLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk model's two pure steps: {@link #add} folds an event into a dyad's state, {@link #score}
 * turns a state into a score. No Kafka, no clocks: time is the events' own.
 *
 * <p>Tension maps the total pressure P (decayed sum of signed impacts) through a logistic curve
 * that gives the baseline at P = 0: {@code T = 100 / (1 + exp((c − P) / steepness))} with
 * {@code c = steepness × ln(100 / baseline − 1)}. As pressure decays toward 0, tension returns to
 * the baseline. Components attribute {@code T − baseline} to threats, acts and cooperation in
 * proportion to their pressure, so that baseline + threats + acts + cooperation = T exactly.
 */
public final class DyadScorer {
    /** Names of the score components, in the order they are reported. */
    public static final String BASELINE = "baseline";
    public static final String THREATS = "threats";
    public static final String ACTS = "acts";
    public static final String COOPERATION = "cooperation";

    private static final Comparator<TrackedEvent> BY_RANK =
            Comparator.comparingDouble(TrackedEvent::rank).reversed().thenComparing(TrackedEvent::id);

    private final ModelParameters p;
    private final ImpactModel impacts;
    private final double halfLifeMillis;
    private final double centre;

    public DyadScorer(final ModelParameters parameters) {
        this.p = parameters;
        this.impacts = new ImpactModel(parameters);
        this.halfLifeMillis = parameters.halfLife().toMillis();
        this.centre = parameters.steepness() * Math.log(100.0 / parameters.baselineTension() - 1.0);
    }

    /** The model's parameters. */
    public ModelParameters parameters() {
        return p;
    }

    /** The impact model used for single events. */
    public ImpactModel impacts() {
        return impacts;
    }

    /** The state after one more event. Commutative: the order of {@code add} calls does not matter. */
    public DyadState add(final DyadState state, final ScoringEvent e) {
        final double impact = impacts.impact(e);
        final double evidence = impacts.evidence(e);
        final long ref;
        final double keep;    // decay applied to what the state holds
        final double weight;  // decay applied to the new event
        if (state.eventCount() == 0 || e.occurredAt() > state.refTime()) {
            ref = e.occurredAt();
            keep = state.eventCount() == 0 ? 0.0 : decay(ref - state.refTime());
            weight = 1.0;
        } else {
            ref = state.refTime();
            keep = 1.0;
            weight = decay(ref - e.occurredAt());
        }
        double threats = state.threats() * keep;
        double acts = state.acts() * keep;
        double cooperation = state.cooperation() * keep;
        switch (e.eventClass()) {
            case THREAT -> threats += impact * weight;
            case ACT -> acts += impact * weight;
            case COOPERATION -> cooperation += impact * weight;
            case DATA -> { }
        }
        final double totalEvidence = state.evidence() * keep + evidence * weight;
        return new DyadState(ref, threats, acts, cooperation, totalEvidence, state.eventCount() + 1,
                track(state.tracked(), e, impact));
    }

    /** The score of a state at its own reference time. */
    public Score score(final DyadState state, final double exposure) {
        return score(state, exposure, state.refTime());
    }

    /**
     * The score of a state at a time at or after its reference time: without new events, pressure
     * decays and tension returns toward the baseline.
     */
    public Score score(final DyadState state, final double exposure, final long asOf) {
        final long at = Math.max(asOf, state.refTime());
        final double d = state.eventCount() == 0 ? 0.0 : decay(at - state.refTime());
        final double threats = state.threats() * d;
        final double acts = state.acts() * d;
        final double cooperation = state.cooperation() * d;
        final double pressure = threats + acts + cooperation;
        final double tension = tension(pressure);
        final double perPoint = attribution(pressure, tension);

        final Map<String, Double> components = new LinkedHashMap<>();
        components.put(BASELINE, p.baselineTension());
        components.put(THREATS, threats * perPoint);
        components.put(ACTS, acts * perPoint);
        components.put(COOPERATION, cooperation * perPoint);

        final List<Score.Driver> drivers = new ArrayList<>();
        for (final TrackedEvent t : state.tracked()) {
            if (drivers.size() == p.topDrivers()) {
                break;
            }
            drivers.add(new Score.Driver(t, t.impact() * decay(at - t.occurredAt()) * perPoint));
        }
        final double coverage = 1.0 - Math.exp(-state.evidence() * d);
        return new Score(at, tension, exposure, tension * exposure, level(tension), components, drivers,
                state.eventCount(), coverage);
    }

    /** Tension (0–100) of a pressure. */
    public double tension(final double pressure) {
        return 100.0 / (1.0 + Math.exp((centre - pressure) / p.steepness()));
    }

    /** The level of a tension, by the model's bounds. */
    public RiskLevel level(final double tension) {
        final List<Double> bounds = p.levelBounds();
        int i = 0;
        while (i < bounds.size() && tension >= bounds.get(i)) {
            i++;
        }
        return RiskLevel.values()[i];
    }

    /** Tension points per pressure point: (T − baseline) / P, or the curve's slope at P = 0. */
    private double attribution(final double pressure, final double tension) {
        if (Math.abs(pressure) < 1e-9) {
            final double b = p.baselineTension();
            return b * (1.0 - b / 100.0) / p.steepness();
        }
        return (tension - p.baselineTension()) / pressure;
    }

    private double decay(final long elapsedMillis) {
        return Math.pow(2.0, -elapsedMillis / halfLifeMillis);
    }

    private List<TrackedEvent> track(final List<TrackedEvent> tracked, final ScoringEvent e, final double impact) {
        if (impact == 0.0) {
            return tracked;
        }
        final double rank = Math.log(Math.abs(impact)) + e.occurredAt() * Math.log(2.0) / halfLifeMillis;
        final List<TrackedEvent> next = new ArrayList<>(tracked.size() + 1);
        next.addAll(tracked);
        next.add(new TrackedEvent(e.id(), e.occurredAt(), e.type(), e.headline(), impact, rank));
        next.sort(BY_RANK);
        return next.size() > p.trackedDrivers() ? next.subList(0, p.trackedDrivers()) : next;
    }
}
