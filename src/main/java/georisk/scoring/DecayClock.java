package georisk.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * Decay on the clock: brings a dyad from the last UTC day whose close was evaluated up to a given day, without
 * events. Each day's close (tension at 24:00 UTC) is checked for a level bound crossed by decay alone
 * ({@link AlertPolicy#close}), and each day without events gets its bar, so a chart has a point for it.
 *
 * <p>Pure and driven by event time: the dyad stage calls it before it applies an event of a later day (replays
 * are deterministic) and, on the wall clock, for quiet dyads of a live task (docs/scoring.md §4).
 *
 * <p>Bounded: between events every class decays by the same factor, so tension moves monotonically toward the
 * baseline and the level it ends at is known up front; the days are walked only while a crossing is still ahead
 * or a bar is still due, and at most {@link #MAX_QUIET_BARS} bars are made, whatever the length of the gap.
 */
public final class DecayClock {
    /** Bars made for one gap at most: the first days after the last event, where decay shows. */
    public static final int MAX_QUIET_BARS = 31;
    private static final long DAY = DyadScorer.DAY_MILLIS;

    private final DyadScorer scorer;
    private final AlertPolicy policy;

    public DecayClock(final DyadScorer scorer, final AlertPolicy policy) {
        this.scorer = scorer;
        this.policy = policy;
    }

    /**
     * What bringing a dyad up to a day gives.
     *
     * @param alert  the alert policy's state, its days closed through the day before the target
     * @param bars   bars of the days without events, oldest first (each within its day)
     * @param alerts decay alerts, oldest first
     */
    public record Advance(AlertPolicy.State alert, List<Bar> bars, List<AlertPolicy.Alert> alerts) {
        public boolean isEmpty() {
            return bars.isEmpty() && alerts.isEmpty();
        }
    }

    /**
     * Closes the days of a dyad from the one after its last closed day (at the earliest, the day of its latest
     * event) up to, not including, {@code toDay}.
     *
     * @param dyad     the dyad key
     * @param model    its model state (the latest event is at {@code refTime})
     * @param exposure its exposure, for the bars' risk
     * @param alert    what the alert policy remembers
     * @param toDay    the first day not to close, days since the epoch
     */
    public Advance advance(final String dyad, final DyadState model, final double exposure,
                           final AlertPolicy.State alert, final long toDay) {
        if (model.eventCount() == 0) {
            return new Advance(alert, List.of(), List.of());
        }
        final long eventDay = Math.floorDiv(model.refTime(), DAY);
        final long from = Math.max(alert.closedDay() + 1, eventDay);
        if (from >= toDay) {
            return new Advance(alert, List.of(), List.of());
        }
        // monotone toward the baseline: the level at the last close is where the walk ends
        final var end = policy.levelWithHysteresis(alert.level(), scorer.tensionAt(model, toDay * DAY));
        final List<Bar> bars = new ArrayList<>();
        final List<AlertPolicy.Alert> alerts = new ArrayList<>();
        AlertPolicy.State state = alert;
        double open = scorer.tensionAt(model, from * DAY);
        for (long d = from; d < toDay; d++) {
            final boolean bar = d > eventDay && bars.size() < MAX_QUIET_BARS;
            final boolean crossing = state.level() != end;
            if (!bar && !crossing) {
                break;
            }
            final double close = scorer.tensionAt(model, (d + 1) * DAY);
            if (crossing) {
                final AlertPolicy.Outcome o = policy.close(state, dyad, d, close, model.refTime());
                state = o.state();
                alerts.addAll(o.alerts());
            }
            if (bar) {
                final double high = Math.max(open, close);
                bars.add(new Bar(d * DAY, (d + 1) * DAY - 1, open, close, high, Math.min(open, close),
                        close * exposure, high * exposure, scorer.level(close), 0L));
            }
            open = close;
        }
        return new Advance(state.closedThrough(toDay - 1), List.copyOf(bars), List.copyOf(alerts));
    }
}
