package georisk.scoring;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Daily closes for days without events: what a dyad's tension and exposure-weighted risk were at the end of a
 * day on which nothing was scored, decayed from the last bar before it.
 *
 * <p>Every pressure component decays with the same half-life, so a dyad's total pressure decays exponentially,
 * {@code P(t) = P(t0) × 2^(−(t − t0) / halfLife)}, and tension is the logistic map of that pressure
 * ({@link DyadScorer#tension}). A bar keeps tension, not pressure, so the close is carried forward by inverting
 * the map ({@link #pressure}), decaying the pressure and mapping back: the same number
 * {@link DyadScorer#score(DyadState, double, long)} gives for the dyad's state at that time. Exposure-weighted
 * risk is tension × the exposure in force at the last bar ({@code closeRisk / closeTension}).
 *
 * <p>A filled day is a {@link Bar} with {@code updates == 0}: it opens at the day's start and closes at its last
 * millisecond, always from the last bar that had scores, so filling many
 * days accumulates no rounding. Whoever writes or shows bars for quiet days — the history API today; the
 * topology, should it write daily bars for quiet days itself — must use this class, so that both agree.
 */
public final class DailyCloses {
    private final DyadScorer scorer;
    private final double halfLifeMillis;
    private final double steepness;
    private final double centre;

    public DailyCloses(final ModelParameters parameters) {
        this.scorer = new DyadScorer(parameters);
        this.halfLifeMillis = parameters.tension().halfLife().toMillis();
        this.steepness = parameters.tension().steepness();
        this.centre = steepness * Math.log(100.0 / parameters.tension().baseline() - 1.0);
    }

    /**
     * The pressure whose tension is {@code tension}: the inverse of {@link DyadScorer#tension}. Tensions that
     * rounded to 0 or 100 are taken as the nearest representable ones inside (0, 100).
     */
    public double pressure(final double tension) {
        final double t = Math.min(Math.max(tension, Double.MIN_NORMAL), Math.nextDown(100.0));
        return centre - steepness * Math.log(100.0 / t - 1.0);
    }

    /** The tension {@code elapsedMillis} (≥ 0) after it was {@code tension}, with no events in between. */
    public double decayed(final double tension, final long elapsedMillis) {
        if (elapsedMillis <= 0) {
            return tension;
        }
        return scorer.tension(pressure(tension) * Math.pow(2.0, -elapsedMillis / halfLifeMillis));
    }

    /**
     * The bar of a UTC day without scores, decayed from {@code last}, the last bar with scores before it.
     *
     * @param last     the last bar with scores ({@code updates > 0}) before the day
     * @param dayStart the day's start, epoch milliseconds (after {@code last}'s close)
     */
    public Bar quietDay(final Bar last, final long dayStart) {
        final long closeAt = dayStart + ScoreBars.DAY_MILLIS - 1;
        final double open = decayed(last.closeTension(), dayStart - last.lastAsOf());
        final double close = decayed(last.closeTension(), closeAt - last.lastAsOf());
        final double exposure = last.closeRisk() / last.closeTension();
        final double high = Math.max(open, close);
        return new Bar(dayStart, closeAt, open, close, high, Math.min(open, close), close * exposure, high * exposure,
                scorer.level(close), 0L);
    }

    /**
     * The daily bars from {@code firstDay} to {@code lastDay} (starts of UTC days, inclusive) with every day that
     * has no bar filled by {@link #quietDay}, from the latest bar before it ({@code before} for the days before the
     * first of {@code bars}). Days before any bar stay empty (nothing was known then); only days that have ended by
     * {@code now} are filled (a close is the end of a day, and the answer stays the same all day).
     *
     * @param bars    the daily bars with scores, by the start of their day
     * @param before  the last bar with scores before {@code firstDay}, or null when there is none
     * @param now     the current time, epoch milliseconds
     * @return a new map: the bars given and the filled days
     */
    public NavigableMap<Long, Bar> fill(final NavigableMap<Long, Bar> bars, final Bar before, final long firstDay,
                                        final long lastDay, final long now) {
        final NavigableMap<Long, Bar> out = new TreeMap<>(bars);
        final long end = Math.min(ScoreBars.dayStart(lastDay), ScoreBars.dayStart(now + 1) - ScoreBars.DAY_MILLIS);
        Bar last = before;
        for (long day = ScoreBars.dayStart(firstDay); day <= end; day += ScoreBars.DAY_MILLIS) {
            final Bar scored = bars.get(day);
            if (scored != null) {
                last = scored;
            } else if (last != null) {
                out.put(day, quietDay(last, day));
            }
        }
        return out;
    }
}
