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
 * @param level                the level of the tension by the bounds alone (alerts add hysteresis)
 * @param components           baseline, threats, acts, cooperation in tension points; they add up to tension
 * @param drivers              the events with the largest contribution, largest first
 * @param delta24h             tension minus the close of the previous UTC day
 * @param delta7d              tension minus the close of the UTC day a week earlier
 * @param zScore               (tension − mean) / std of the daily closes of the baseline days; null
 *                             while the dyad has less history than the baseline needs
 * @param eventCount           events scored for the dyad
 * @param lateEvents           events that arrived later than the window grace
 * @param coverage             how much evidence stands behind the number, 0 … 1
 */
public record Score(long asOf, double tension, double exposure, double exposureWeightedRisk, RiskLevel level,
                    Map<String, Double> components, List<Driver> drivers, double delta24h, double delta7d,
                    Double zScore, long eventCount, long lateEvents, double coverage) {

    /**
     * An event's share of a score.
     *
     * @param event        the event
     * @param contribution tension points it contributes at the score's time (positive raises tension)
     */
    public record Driver(TrackedEvent event, double contribution) {
    }
}
