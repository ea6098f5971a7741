package georisk.query;

import java.time.Instant;
import java.util.List;

/**
 * A dyad's risk score as the API shows it: the fields of the {@code RiskScore} record, with ISO times and
 * plain names for the enums. Field names follow the Avro schema, so that a consumer of {@code risk-scores}
 * and a client of the API read the same words.
 *
 * @param dyad                 {@code HOME-COUNTERPARTY}, e.g. {@code CAN-USA}
 * @param home                 home country, alpha-3
 * @param counterparty         counterparty, alpha-3
 * @param asOf                 event time the score describes
 * @param tension              decayed tension, 0 to 100
 * @param exposure             exposure weight of the dyad, 0 to 1
 * @param exposureWeightedRisk tension x exposure
 * @param level                {@code LOW}, {@code GUARDED}, {@code ELEVATED}, {@code HIGH} or {@code SEVERE}
 * @param components           named parts that add up to the tension
 * @param drivers              the events that drove the score, largest contribution first
 * @param delta24h             tension minus the previous UTC day's close, or null
 * @param delta7d              tension minus the close seven days earlier, or null
 * @param zScore               against the rolling baseline, or null until there is enough history
 * @param eventCount           distinct events scored for the dyad
 * @param lateEventCount       events later than the window grace
 * @param coverage             evidence behind the number, 0 to 1
 */
public record ScoreView(String dyad, String home, String counterparty, Instant asOf, double tension, double exposure,
                        double exposureWeightedRisk, String level, List<Component> components, List<Driver> drivers,
                        Double delta24h, Double delta7d, Double zScore, long eventCount, long lateEventCount,
                        double coverage) {

    public ScoreView {
        components = List.copyOf(components);
        drivers = List.copyOf(drivers);
    }

    /** One named part of the tension (baseline, threats, acts, cooperation). */
    public record Component(String name, double value) {
    }

    /**
     * An event that drove a score or an alert.
     *
     * @param contribution tension points it contributes at the score's time; positive raises tension
     */
    public record Driver(String eventId, String type, Instant occurredAt, String headline, double contribution,
                         int sources, double confidence) {
    }
}
