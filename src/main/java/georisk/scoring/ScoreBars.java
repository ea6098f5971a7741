package georisk.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The window maths of a dyad's history. The topology keeps one {@link Bar} per dyad and UTC day; longer
 * views (7 days, 30 days: one window starting each day, as hopping windows would) are rolled up from the
 * daily bars when they are asked for, so each score updates one bar instead of 38.
 */
public final class ScoreBars {
    /** One UTC day in milliseconds. */
    public static final long DAY_MILLIS = 24L * 3600 * 1000;

    private ScoreBars() {
    }

    /** The start (epoch milliseconds) of the UTC day that holds {@code time}. */
    public static long dayStart(final long time) {
        return Math.floorDiv(time, DAY_MILLIS) * DAY_MILLIS;
    }

    /**
     * The daily bars that {@code days}-day windows overlapping {@code [from, to]} are made of: from the first
     * such window's start (not before the epoch) to the last one's last day, saturating at the end of time
     * ({@code to} may be {@code Long.MAX_VALUE} for "everything").
     *
     * @return {first day's start, last day's start}, epoch milliseconds
     */
    public static long[] dailyRange(final long from, final long to, final int days) {
        final long span = days * DAY_MILLIS;
        final long first = Math.max(0, from - span + 1);
        final long last = to > Long.MAX_VALUE - span ? Long.MAX_VALUE : to + span - DAY_MILLIS;
        return new long[] {first, Math.max(first, last)};
    }

    /**
     * A window of the rolled-up history.
     *
     * @param start window start, epoch milliseconds, the start of a UTC day
     * @param bar   the window's bar
     */
    public record Window(long start, Bar bar) {
    }

    /**
     * The {@code days}-day windows that start on each UTC day from {@code fromStart} to {@code toStart}
     * (inclusive, rounded to days) and hold at least one score, each the merge of its daily bars.
     *
     * @param daily daily bars by the start of their day; it must hold every day from {@code fromStart} to
     *              {@code toStart + (days - 1)} days that has scores
     */
    public static List<Window> rollUp(final NavigableMap<Long, Bar> daily, final int days, final long fromStart,
                                      final long toStart) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        final List<Window> out = new ArrayList<>();
        final long span = days * DAY_MILLIS;
        for (long start = Math.floorDiv(fromStart + DAY_MILLIS - 1, DAY_MILLIS) * DAY_MILLIS; start <= toStart;
             start += DAY_MILLIS) {
            Bar bar = null;
            for (final Map.Entry<Long, Bar> d : daily.subMap(start, true, start + span, false).entrySet()) {
                bar = bar == null ? d.getValue() : bar.merge(d.getValue());
            }
            if (bar != null) {
                out.add(new Window(start, bar));
            }
            if (bar == null) {
                // no score from here to the next daily bar: jump to the first window that holds it
                final Long next = daily.ceilingKey(start + span);
                if (next == null) {
                    break;
                }
                start = Math.max(start, next - span);
            }
        }
        return out;
    }
}
