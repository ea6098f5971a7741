package georisk.scoring;

import java.time.Duration;
import java.util.List;

/**
 * Every weight, half-life, window, threshold and level boundary of the risk model, grouped as the
 * model file groups them ({@code impact.base-weight}, {@code tension.half-life}, ...). Each group
 * validates itself at construction, so a bad value stops start-up with a message that names its key.
 * {@link #defaults()} is the shipped model; {@code docs/scoring.md} explains every value.
 *
 * @param impact  how one event moves pressure
 * @param tension how pressure becomes tension and decays
 * @param history daily closes, deltas and the rolling baseline of the z-score
 * @param levels  level boundaries and their hysteresis
 * @param alerts  jump and anomaly alerts, and the evidence an alert needs
 * @param windows the 1-day, 7-day and 30-day event-time windows
 * @param drivers how many driver events are reported and kept
 */
public record ModelParameters(Impact impact, Tension tension, History history, Levels levels, Alerts alerts,
                              Windows windows, Drivers drivers) {

    /**
     * How one event moves its dyad's pressure (see {@link ImpactModel}).
     *
     * @param baseWeight           pressure points of a Goldstein −10 act at attention 1, magnitude 1, full confidence
     * @param threatWeight         weight of threats (intentions not carried out)
     * @param actWeight            weight of acts
     * @param cooperationWeight    weight of cooperative events
     * @param homeActsWeight       weight of events where the home country acts (retaliation), relative to 1
     *                             for events where it is acted upon
     * @param tariffMagnitudeCap   tariff rate (percent) beyond which a higher rate adds no magnitude
     * @param tradeShareWeight     magnitude added by an event that affects all of the dyad's trade
     * @param attentionBase        attention multiplier of an event nobody mentions
     * @param attentionPerDecade   attention added per tenfold mentions and per tenfold sources
     * @param attentionCap         highest attention multiplier
     * @param corroborationSources sources at which an event counts as fully corroborated (coverage)
     */
    public record Impact(double baseWeight, double threatWeight, double actWeight, double cooperationWeight,
                         double homeActsWeight, double tariffMagnitudeCap, double tradeShareWeight,
                         double attentionBase, double attentionPerDecade, double attentionCap,
                         int corroborationSources) {
        public Impact {
            Check.positive("impact.base-weight", baseWeight);
            Check.nonNegative("impact.threat-weight", threatWeight);
            Check.nonNegative("impact.act-weight", actWeight);
            Check.nonNegative("impact.cooperation-weight", cooperationWeight);
            Check.nonNegative("impact.home-acts-weight", homeActsWeight);
            Check.positive("impact.tariff-magnitude-cap", tariffMagnitudeCap);
            Check.nonNegative("impact.trade-share-weight", tradeShareWeight);
            Check.positive("impact.attention-base", attentionBase);
            Check.nonNegative("impact.attention-per-decade", attentionPerDecade);
            Check.atLeast("impact.attention-cap", attentionCap, attentionBase, "impact.attention-base");
            Check.positive("impact.corroboration-sources", corroborationSources);
        }
    }

    /**
     * How pressure becomes tension (0–100) and how it decays.
     *
     * @param halfLife  time for an event's contribution to halve
     * @param baseline  tension of a dyad with no recent events (0 < baseline < 100)
     * @param steepness pressure points that move tension by one logistic unit
     */
    public record Tension(Duration halfLife, double baseline, double steepness) {
        public Tension {
            Check.positive("tension.half-life", halfLife);
            Check.between("tension.baseline", baseline, 0, 100);
            Check.positive("tension.steepness", steepness);
        }
    }

    /**
     * Daily closes (tension at the end of each UTC day, with the events known now), from which the
     * deltas and the z-score are computed.
     *
     * @param baselineDays    days of closes in the rolling baseline of the z-score
     * @param minBaselineDays days of history a dyad needs before it has a z-score
     * @param minBaselineStd  floor of the baseline's standard deviation (tension points), so that a
     *                        flat baseline does not turn a small move into an infinite z-score
     */
    public record History(int baselineDays, int minBaselineDays, double minBaselineStd) {
        public History {
            Check.atLeast("history.baseline-days", baselineDays, 7, "7 (delta-7d needs a week of closes)");
            Check.positive("history.min-baseline-days", minBaselineDays);
            Check.atLeast("history.baseline-days", baselineDays, minBaselineDays, "history.min-baseline-days",
                    List.of("history.min-baseline-days"));
            Check.positive("history.min-baseline-std", minBaselineStd);
        }
    }

    /**
     * Risk levels LOW < GUARDED < ELEVATED < HIGH < SEVERE.
     *
     * @param bounds     tension at which GUARDED, ELEVATED, HIGH and SEVERE start (4 ascending values)
     * @param hysteresis points a tension must fall below a level's bound before the level is left,
     *                   so a score that wobbles around a boundary changes level once
     */
    public record Levels(List<Double> bounds, double hysteresis) {
        public Levels {
            bounds = List.copyOf(bounds);
            Check.ascending("levels.bounds", bounds, 4);
            Check.nonNegative("levels.hysteresis", hysteresis);
            if (hysteresis >= bounds.get(0)) {
                throw Check.invalid("levels.hysteresis", hysteresis, "must be below the lowest bound (" + bounds.get(0) + ")",
                        List.of("levels.bounds"));
            }
        }
    }

    /**
     * Jump and anomaly alerts, and the evidence any rising alert needs.
     *
     * @param jumpPoints    tension rise that is a jump
     * @param jumpSpan      event-time span within which the rise counts
     * @param anomalyZ      z-score at or above which a score is anomalous
     * @param minSources    sources an event needs to drive an alert on its own
     * @param minConfidence confidence an event needs to drive an alert on its own
     * @param cooldown      event time before the same kind of alert fires again for a dyad
     * @param minDriverPoints tension points an event must still contribute to count as a driver of an
     *                        alert (long-decayed events neither pass the evidence gate nor get named)
     * @param decayTick     how often, on the wall clock, a live dyad stage closes the days of quiet dyads to
     *                      raise their decay alerts without a new event (docs/scoring.md §4)
     */
    public record Alerts(double jumpPoints, Duration jumpSpan, double anomalyZ, int minSources, double minConfidence,
                         Duration cooldown, double minDriverPoints, Duration decayTick) {
        /** With the shipped decay tick (1 hour). */
        public Alerts(final double jumpPoints, final Duration jumpSpan, final double anomalyZ, final int minSources,
                      final double minConfidence, final Duration cooldown, final double minDriverPoints) {
            this(jumpPoints, jumpSpan, anomalyZ, minSources, minConfidence, cooldown, minDriverPoints,
                    Duration.ofHours(1));
        }

        public Alerts {
            Check.positive("alerts.decay-tick", decayTick);
            Check.positive("alerts.jump-points", jumpPoints);
            Check.positive("alerts.jump-span", jumpSpan);
            Check.positive("alerts.anomaly-z", anomalyZ);
            Check.positive("alerts.min-sources", minSources);
            Check.between("alerts.min-confidence", minConfidence, 0, 1.000001);
            Check.nonNegative("alerts.cooldown", cooldown.toMillis());
            Check.positive("alerts.min-driver-points", minDriverPoints);
        }
    }

    /**
     * The 1-day, 7-day and 30-day event-time windows.
     *
     * @param grace     how late (behind stream time) an event may arrive and still count in its windows;
     *                  later events still count in the decayed level and are counted as late
     * @param retention how long windows are kept for history queries
     */
    public record Windows(Duration grace, Duration retention) {
        public Windows {
            Check.nonNegative("windows.grace", grace.toMillis());
            Check.atLeast("windows.retention", retention.toMillis(), Duration.ofDays(30).plus(grace).toMillis(),
                    "30 days + windows.grace", List.of("windows.grace"));
        }
    }

    /**
     * Driver events.
     *
     * @param top     drivers a score reports
     * @param tracked events kept per dyad to choose drivers from (at least {@code top})
     */
    public record Drivers(int top, int tracked) {
        public Drivers {
            Check.positive("drivers.top", top);
            Check.atLeast("drivers.tracked", tracked, top, "drivers.top", List.of("drivers.top"));
        }
    }

    /**
     * The shipped model: {@value ModelFile#SHIPPED_RESOURCE}, read once. That file is the one place
     * the default values live, each with the reason for it.
     */
    public static ModelParameters defaults() {
        return ModelFile.shipped();
    }

    /** A copy with another tension half-life (tests shrink it). */
    public ModelParameters withHalfLife(final Duration halfLife) {
        return new ModelParameters(impact, new Tension(halfLife, tension.baseline(), tension.steepness()), history, levels,
                alerts, windows, drivers);
    }

    /** The rules every value is held to; messages name the model-file key. */
    static final class Check {
        private Check() {
        }

        static void positive(final String key, final double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw invalid(key, value, "must be a positive number");
            }
        }

        static void positive(final String key, final Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw invalid(key, value, "must be a positive duration");
            }
        }

        static void nonNegative(final String key, final double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw invalid(key, value, "must be zero or more");
            }
        }

        static void between(final String key, final double value, final double low, final double high) {
            if (!(value > low && value < high)) {
                throw invalid(key, value, "must be between " + low + " and " + high + ", exclusive");
            }
        }

        static void atLeast(final String key, final double value, final double min, final String what) {
            atLeast(key, value, min, what, List.of());
        }

        static void atLeast(final String key, final double value, final double min, final String what,
                            final List<String> relatedKeys) {
            if (!(value >= min)) {
                throw invalid(key, value, "must be at least " + what, relatedKeys);
            }
        }

        static void ascending(final String key, final List<Double> values, final int count) {
            if (values.size() != count) {
                throw invalid(key, values, "needs " + count + " ascending values");
            }
            double previous = 0;
            for (final double v : values) {
                if (!(v > previous && v < 100)) {
                    throw invalid(key, values, "must ascend strictly between 0 and 100");
                }
                previous = v;
            }
        }

        static ModelParameterException invalid(final String key, final Object value, final String rule) {
            return invalid(key, value, rule, List.of());
        }

        /** The rejected key and the keys its rule compares it with travel as data; the message is for people. */
        static ModelParameterException invalid(final String key, final Object value, final String rule,
                                               final List<String> relatedKeys) {
            return new ModelParameterException(key, relatedKeys, "model parameter " + key + " = " + value + ": " + rule);
        }
    }
}
