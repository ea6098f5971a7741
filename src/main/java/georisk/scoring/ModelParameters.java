package georisk.scoring;

import java.time.Duration;
import java.util.List;

/**
 * Every weight and constant of the risk model, validated at construction so that a bad value
 * stops start-up with a message that names it. {@link #defaults()} is the shipped model.
 *
 * @param halfLife            time for an event's contribution to halve (decay toward the baseline)
 * @param baseWeight          tension pressure, in points, of a Goldstein −10 event at attention 1,
 *                            no magnitude and full confidence
 * @param baselineTension     tension (0–100) of a dyad with no recent events
 * @param steepness           pressure points that move tension by one logistic unit around the middle
 * @param homeActsWeight      weight of events where the home country acts (its retaliation)
 *                            relative to events where it is acted upon (weight 1)
 * @param tariffMagnitudeCap  tariff rate (percent) beyond which a higher rate adds no magnitude
 * @param attentionBase       attention multiplier of an event nobody mentions
 * @param attentionPerDecade  attention added per tenfold increase of mentions and of sources
 * @param attentionCap        highest attention multiplier
 * @param corroborationSources number of sources at which an event counts as fully corroborated
 * @param topDrivers          number of driver events a score reports
 * @param trackedDrivers      number of events kept per dyad to choose drivers from (≥ topDrivers)
 * @param levelBounds         tension at which GUARDED, ELEVATED, HIGH and SEVERE start (ascending)
 */
public record ModelParameters(Duration halfLife, double baseWeight, double baselineTension, double steepness,
                              double homeActsWeight, double tariffMagnitudeCap, double attentionBase,
                              double attentionPerDecade, double attentionCap, int corroborationSources,
                              int topDrivers, int trackedDrivers, List<Double> levelBounds) {

    public ModelParameters {
        positive("halfLife", halfLife == null ? 0 : halfLife.toMillis());
        positive("baseWeight", baseWeight);
        if (!(baselineTension > 0 && baselineTension < 100)) {
            throw invalid("baselineTension", baselineTension, "must be between 0 and 100, exclusive");
        }
        positive("steepness", steepness);
        nonNegative("homeActsWeight", homeActsWeight);
        positive("tariffMagnitudeCap", tariffMagnitudeCap);
        positive("attentionBase", attentionBase);
        nonNegative("attentionPerDecade", attentionPerDecade);
        if (!(attentionCap >= attentionBase)) {
            throw invalid("attentionCap", attentionCap, "must be at least attentionBase (" + attentionBase + ")");
        }
        positive("corroborationSources", corroborationSources);
        positive("topDrivers", topDrivers);
        if (trackedDrivers < topDrivers) {
            throw invalid("trackedDrivers", trackedDrivers, "must be at least topDrivers (" + topDrivers + ")");
        }
        levelBounds = List.copyOf(levelBounds);
        if (levelBounds.size() != 4) {
            throw invalid("levelBounds", levelBounds, "needs 4 ascending values (GUARDED, ELEVATED, HIGH, SEVERE)");
        }
        double previous = 0;
        for (final double bound : levelBounds) {
            if (!(bound > previous && bound < 100)) {
                throw invalid("levelBounds", levelBounds, "must ascend strictly between 0 and 100");
            }
            previous = bound;
        }
    }

    /** The shipped model. */
    public static ModelParameters defaults() {
        return new ModelParameters(Duration.ofDays(30), 20.0, 10.0, 25.0, 0.8, 100.0, 0.5, 0.25, 2.0, 3,
                5, 20, List.of(20.0, 40.0, 60.0, 80.0));
    }

    /** A copy with another half-life (tests shrink it). */
    public ModelParameters withHalfLife(final Duration newHalfLife) {
        return new ModelParameters(newHalfLife, baseWeight, baselineTension, steepness, homeActsWeight,
                tariffMagnitudeCap, attentionBase, attentionPerDecade, attentionCap, corroborationSources,
                topDrivers, trackedDrivers, levelBounds);
    }

    private static void positive(final String name, final double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(name, value, "must be a positive number");
        }
    }

    private static void nonNegative(final String name, final double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(name, value, "must be zero or more");
        }
    }

    private static IllegalArgumentException invalid(final String name, final Object value, final String rule) {
        return new IllegalArgumentException("model parameter " + name + " = " + value + ": " + rule);
    }
}
