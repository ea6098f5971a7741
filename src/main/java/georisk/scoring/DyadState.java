package georisk.scoring;

import java.util.List;

/**
 * The scoring state of one dyad: decayed sums of the threat, act and cooperation pressures and of
 * the evidence, all expressed at {@code refTime} (the latest event time seen), the recent days'
 * buckets from which daily closes are recomputed, and the events that may drive its score. Every
 * field but {@code lateEvents} is a commutative aggregate of the events in event time, so the same
 * events in any order give the same state (up to floating-point rounding).
 *
 * @param refTime        the latest event time seen, epoch milliseconds (0 when empty)
 * @param threats        decayed threat pressure at refTime (points)
 * @param acts           decayed act pressure at refTime
 * @param cooperation    decayed cooperation pressure at refTime (≤ 0 for cooperative events)
 * @param evidence       decayed sum of the events' evidence weights (confidence × corroboration)
 * @param eventCount     number of events added
 * @param firstEventTime the earliest event time seen (0 when empty)
 * @param lateEvents     events that arrived later than the window grace behind refTime (they still
 *                       count in the pressures); depends on arrival order by nature
 * @param days           buckets of the last {@code history.baseline-days} days up to refTime's day, by day
 * @param tracked        the events with the largest decayed contribution, largest first
 */
public record DyadState(long refTime, double threats, double acts, double cooperation, double evidence,
                        long eventCount, long firstEventTime, long lateEvents, List<DayBucket> days,
                        List<TrackedEvent> tracked) {

    /** The state of a dyad nothing has happened to. */
    public static final DyadState EMPTY = new DyadState(0L, 0.0, 0.0, 0.0, 0.0, 0L, 0L, 0L, List.of(), List.of());

    public DyadState {
        days = List.copyOf(days);
        tracked = List.copyOf(tracked);
    }

    /** Total pressure at refTime. */
    public double pressure() {
        return threats + acts + cooperation;
    }
}
