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
 *
 * <p>Daily closes — the tension at the end of each UTC day, with the events known now — are
 * recomputed from the state's day buckets; the deltas and the z-score compare against them, so they
 * too depend only on the set of events, not on their order.
 */
public final class DyadScorer {
    /** Names of the score components, in the order they are reported. */
    public static final String BASELINE = "baseline";
    public static final String THREATS = "threats";
    public static final String ACTS = "acts";
    public static final String COOPERATION = "cooperation";

    static final long DAY_MILLIS = 24L * 3600 * 1000;

    private static final Comparator<TrackedEvent> BY_RANK =
            Comparator.comparingDouble(TrackedEvent::rank).reversed().thenComparing(TrackedEvent::id);

    private final ModelParameters p;
    private final ImpactModel impacts;
    private final double halfLifeMillis;
    private final double baseline;
    private final double steepness;
    private final double centre;

    public DyadScorer(final ModelParameters parameters) {
        this.p = parameters;
        this.impacts = new ImpactModel(parameters);
        this.halfLifeMillis = parameters.tension().halfLife().toMillis();
        this.baseline = parameters.tension().baseline();
        this.steepness = parameters.tension().steepness();
        this.centre = steepness * Math.log(100.0 / baseline - 1.0);
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
        final boolean first = state.eventCount() == 0;
        final long ref = first ? e.occurredAt() : Math.max(state.refTime(), e.occurredAt());
        final double keep = first ? 0.0 : decay(ref - state.refTime());  // decay of what the state holds
        final double weight = decay(ref - e.occurredAt());               // decay of the new event
        final EventClass cls = e.eventClass();
        final double threats = state.threats() * keep + (cls == EventClass.THREAT ? impact * weight : 0.0);
        final double acts = state.acts() * keep + (cls == EventClass.ACT ? impact * weight : 0.0);
        final double cooperation = state.cooperation() * keep + (cls == EventClass.COOPERATION ? impact * weight : 0.0);
        final boolean late = !first && e.occurredAt() < state.refTime() - p.windows().grace().toMillis();
        return new DyadState(ref, threats, acts, cooperation, state.evidence() * keep + evidence * weight,
                state.eventCount() + 1, first ? e.occurredAt() : Math.min(state.firstEventTime(), e.occurredAt()),
                state.lateEvents() + (late ? 1 : 0), bucket(state.days(), e, cls, impact, ref),
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
        components.put(BASELINE, baseline);
        components.put(THREATS, threats * perPoint);
        components.put(ACTS, acts * perPoint);
        components.put(COOPERATION, cooperation * perPoint);

        final List<Score.Driver> drivers = new ArrayList<>();
        for (final TrackedEvent t : state.tracked()) {
            if (drivers.size() == p.drivers().top()) {
                break;
            }
            drivers.add(new Score.Driver(t, t.impact() * decay(at - t.occurredAt()) * perPoint));
        }
        final double[] closes = closes(state, pressure, at, p.history().baselineDays());
        final double delta24h = tension - closes[0];
        final double delta7d = tension - closes[6];
        final double coverage = 1.0 - Math.exp(-state.evidence() * d);
        return new Score(at, tension, exposure, tension * exposure, level(tension), components, drivers, delta24h,
                delta7d, zScore(state, at, tension, closes), state.eventCount(), state.lateEvents(), coverage);
    }

    /**
     * The closes of the {@code count} UTC days before {@code at}'s day, newest first: the tension at the
     * end of each day, counting the events known now that happened by then. Pressure at {@code at} is
     * carried back to each day's end and the events after it — all in the day buckets, which cover
     * every day the closes look at — are taken out. One pass: each bucket is weighed once.
     */
    public double[] closes(final DyadState state, final double pressureAt, final long at, final int count) {
        final double[] closes = new double[count];
        final long today = Math.floorDiv(at, DAY_MILLIS);
        if (state.eventCount() == 0) {
            java.util.Arrays.fill(closes, baseline);
            return closes;
        }
        // buckets newest first, each as pressure at `at`: B × 2^((dayStart − at) / halfLife)
        final List<DayBucket> days = state.days();
        double later = 0.0;                      // pressure at `at` of the buckets after the close's day
        int next = days.size() - 1;
        final double dayFactor = Math.pow(2.0, DAY_MILLIS / halfLifeMillis);
        double carry = Math.pow(2.0, (at - today * DAY_MILLIS) / halfLifeMillis);   // at → end of yesterday
        for (int k = 1; k <= count; k++) {
            final long day = today - k;
            while (next >= 0 && days.get(next).day() > day) {
                final DayBucket b = days.get(next--);
                later += (b.threats() + b.acts() + b.cooperation())
                        * Math.pow(2.0, (b.day() * DAY_MILLIS - (double) at) / halfLifeMillis);
            }
            final long end = (day + 1) * DAY_MILLIS;
            closes[k - 1] = end <= state.firstEventTime() ? baseline : tension((pressureAt - later) * carry);
            carry *= dayFactor;
        }
        return closes;
    }

    /**
     * Tension at a time at or after the state's reference time, without new events: the cheap part of
     * {@link #score(DyadState, double, long)}. Decay scales every class by the same factor, so between events
     * tension moves monotonically toward the baseline.
     */
    public double tensionAt(final DyadState state, final long at) {
        if (state.eventCount() == 0) {
            return baseline;
        }
        return tension(state.pressure() * decay(Math.max(0L, at - state.refTime())));
    }

    /**
     * The tension a dyad at {@code tension} has {@code elapsedMillis} later without new events: the curve is
     * inverted to the pressure, which decays, and mapped back. Exact, since the curve is one-to-one.
     */
    public double decayed(final double tension, final long elapsedMillis) {
        final double t = Math.min(Math.max(tension, 1e-12), 100.0 - 1e-12);
        final double pressure = centre - steepness * Math.log(100.0 / t - 1.0);
        return tension(pressure * decay(Math.max(0L, elapsedMillis)));
    }

    /** Tension (0–100) of a pressure. */
    public double tension(final double pressure) {
        return 100.0 / (1.0 + Math.exp((centre - pressure) / steepness));
    }

    /** The level of a tension by the model's bounds (no hysteresis: that is the alert policy's). */
    public RiskLevel level(final double tension) {
        final List<Double> bounds = p.levels().bounds();
        int i = 0;
        while (i < bounds.size() && tension >= bounds.get(i)) {
            i++;
        }
        return RiskLevel.values()[i];
    }

    private Double zScore(final DyadState state, final long at, final double tension, final double[] closes) {
        final ModelParameters.History h = p.history();
        final long today = Math.floorDiv(at, DAY_MILLIS);
        if (state.eventCount() == 0 || state.firstEventTime() > (today - h.minBaselineDays()) * DAY_MILLIS) {
            return null;
        }
        double sum = 0;
        double sumSquares = 0;
        for (final double c : closes) {
            sum += c;
            sumSquares += c * c;
        }
        final double mean = sum / closes.length;
        final double variance = Math.max(0.0, sumSquares / closes.length - mean * mean);
        return (tension - mean) / Math.max(Math.sqrt(variance), h.minBaselineStd());
    }

    /** Tension points per pressure point: (T − baseline) / P, or the curve's slope at P = 0. */
    private double attribution(final double pressure, final double tension) {
        if (Math.abs(pressure) < 1e-9) {
            return baseline * (1.0 - baseline / 100.0) / steepness;
        }
        return (tension - baseline) / pressure;
    }

    private double decay(final long elapsedMillis) {
        return Math.pow(2.0, -elapsedMillis / halfLifeMillis);
    }

    /** Adds the event to its day's bucket and drops the days the closes no longer look at. */
    private List<DayBucket> bucket(final List<DayBucket> days, final ScoringEvent e, final EventClass cls,
                                   final double impact, final long ref) {
        final long oldest = Math.floorDiv(ref, DAY_MILLIS) - p.history().baselineDays();
        final long day = Math.floorDiv(e.occurredAt(), DAY_MILLIS);
        final List<DayBucket> next = new ArrayList<>(days.size() + 1);
        boolean added = day < oldest;  // an event older than every close is in the pressures already
        final double scaled = impact * Math.pow(2.0, (e.occurredAt() - day * DAY_MILLIS) / halfLifeMillis);
        for (final DayBucket b : days) {
            if (b.day() < oldest) {
                continue;
            }
            if (b.day() == day) {
                next.add(plus(b, cls, scaled));
                added = true;
            } else {
                if (!added && b.day() > day) {
                    next.add(plus(new DayBucket(day, 0, 0, 0, 0), cls, scaled));
                    added = true;
                }
                next.add(b);
            }
        }
        if (!added) {
            next.add(plus(new DayBucket(day, 0, 0, 0, 0), cls, scaled));
        }
        return next;
    }

    private static DayBucket plus(final DayBucket b, final EventClass cls, final double scaled) {
        return new DayBucket(b.day(),
                b.threats() + (cls == EventClass.THREAT ? scaled : 0.0),
                b.acts() + (cls == EventClass.ACT ? scaled : 0.0),
                b.cooperation() + (cls == EventClass.COOPERATION ? scaled : 0.0),
                b.events() + 1);
    }

    private List<TrackedEvent> track(final List<TrackedEvent> tracked, final ScoringEvent e, final double impact) {
        if (impact == 0.0) {
            return tracked;
        }
        final double rank = Math.log(Math.abs(impact)) + e.occurredAt() * Math.log(2.0) / halfLifeMillis;
        final List<TrackedEvent> next = new ArrayList<>(tracked.size() + 1);
        next.addAll(tracked);
        next.add(new TrackedEvent(Headlines.capId(e.id()), e.occurredAt(), e.type(), Headlines.cap(e.headline()), impact, rank,
                e.sources(), e.confidence()));
        next.sort(BY_RANK);
        final List<TrackedEvent> kept = next.size() > p.drivers().tracked() ? next.subList(0, p.drivers().tracked()) : next;
        // Ranks never change, so an event below the top can never climb back: only the top keep their headline.
        for (int i = p.drivers().top(); i < kept.size(); i++) {
            final TrackedEvent t = kept.get(i);
            if (t.headline() != null) {
                kept.set(i, new TrackedEvent(t.id(), t.occurredAt(), t.type(), null, t.impact(), t.rank(), t.sources(),
                        t.confidence()));
            }
        }
        return kept;
    }
}
