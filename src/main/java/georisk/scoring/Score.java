package georisk.scoring;

import georisk.events.RiskLevel;

import java.util.List;
import java.util.Map;

/**
 * A dyad's score at a moment: what {@code RiskScore} carries, computed by {@link DyadScorer}.
 *
 * @param asOf                 event time the score describes, epoch milliseconds
 * @param tension              0 … 100
 * @param exposure             exposure weight used, 0 … 1 (0 while the dyad's exposure is unknown)
 * @param exposureWeightedRisk tension × exposure
 * @param level                the level of the tension
 * @param components           baseline, threats, acts, cooperation in tension points; they add up to tension
 * @param drivers              the events with the largest contribution, largest first
 * @param eventCount           events scored for the dyad
 * @param coverage             how much evidence stands behind the number, 0 … 1
 */
public record Score(long asOf, double tension, double exposure, double exposureWeightedRisk, RiskLevel level,
                    Map<String, Double> components, List<Driver> drivers, long eventCount, double coverage) {

    /**
     * An event's share of a score.
     *
     * @param event        the event
     * @param contribution tension points it contributes at the score's time (positive raises tension)
     */
    public record Driver(TrackedEvent event, double contribution) {
    }
}
