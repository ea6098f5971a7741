package georisk.query;

import java.time.Instant;
import java.util.List;

/**
 * An alert as the API shows it: the fields of the {@code RiskAlert} record.
 *
 * @param id          stable id (the same inputs give the same id)
 * @param dyad        {@code HOME-COUNTERPARTY}
 * @param kind        {@code LEVEL_CHANGE}, {@code JUMP} or {@code ANOMALY}
 * @param fromLevel   level before a level change, else null
 * @param toLevel     level at the time of the alert
 * @param score       tension at the time of the alert
 * @param drivers     the events that drove it
 * @param explanation one line a person can read
 * @param time        event time at which it fired
 */
public record AlertView(String id, String dyad, String kind, String fromLevel, String toLevel, double score,
                        List<ScoreView.Driver> drivers, String explanation, Instant time) {

    public AlertView {
        drivers = List.copyOf(drivers);
    }
}
