package georisk.scoring;

import georisk.events.EventType;

/**
 * An event kept in a dyad's state so that scores can name their drivers and alerts can weigh the
 * evidence behind them.
 *
 * @param id         event id
 * @param occurredAt event time, epoch milliseconds
 * @param type       domain type
 * @param headline   one line for people, at most {@link Headlines#MAX_LENGTH} characters; null for an event
 *                   below the drivers a score reports (it can never be named again)
 * @param impact     impact in pressure points when it happened (before decay)
 * @param rank       ln|impact| + occurredAt × ln2 / halfLife: orders events by their decayed
 *                   contribution at any common later time, so the kept set does not depend on the
 *                   order events arrive in
 * @param sources    distinct sources that reported it
 * @param confidence confidence that it happened as described, 0 … 1
 */
public record TrackedEvent(String id, long occurredAt, EventType type, String headline, double impact, double rank,
                           int sources, double confidence) {
}
