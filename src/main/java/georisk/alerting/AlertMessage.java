package georisk.alerting;

import georisk.events.RiskAlert;
import georisk.events.ScoreDriver;

import java.time.Instant;
import java.util.List;

/**
 * An alert as a webhook receives it (the generic JSON body, field for field): the fields of the {@code RiskAlert}
 * record with enums as names and times as ISO-8601 instants.
 *
 * @param id          stable id of the alert: the same inputs give the same id, so receivers can deduplicate on it
 * @param dyad        {@code HOME-COUNTERPARTY}
 * @param kind        {@code LEVEL_CHANGE}, {@code JUMP}, {@code ANOMALY}, ...
 * @param fromLevel   level before a level change, else null
 * @param toLevel     level at the time of the alert
 * @param score       tension at the time of the alert, 0 to 100
 * @param explanation one line a person can read
 * @param time        event time at which it fired
 * @param drivers     the events that drove it, largest contribution first
 */
public record AlertMessage(String id, String dyad, String kind, String fromLevel, String toLevel, double score,
                           String explanation, Instant time, List<Driver> drivers) {

    public AlertMessage {
        drivers = List.copyOf(drivers);
    }

    /** One event that drove the alert. */
    public record Driver(String eventId, String type, Instant occurredAt, String headline, double contribution) {
    }

    /** The webhook's view of a {@code RiskAlert}. */
    /**
     * The key of this version of the alert, for delivery: a day's burst of level changes re-sends one alert (same
     * {@code id}) each time it reaches a further level, so the id with the level reached tells the versions apart
     * (docs/scoring.md §4.3). The same record always gives the same key.
     */
    public String deliveryKey() {
        return id + "/" + toLevel;
    }

    public static AlertMessage of(final RiskAlert a) {
        return new AlertMessage(a.getId(), a.getDyad(), a.getKind().name(),
                a.getFromLevel() == null ? null : a.getFromLevel().name(), a.getToLevel().name(), a.getScore(),
                a.getExplanation(), a.getTime(), a.getDrivers().stream().map(AlertMessage::driver).toList());
    }

    private static Driver driver(final ScoreDriver d) {
        return new Driver(d.getEventId(), d.getType().name(), d.getOccurredAt(), d.getHeadline(), d.getContribution());
    }
}
