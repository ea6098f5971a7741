package georisk.scoring;

import georisk.events.RiskLevel;

/**
 * A dyad's scores within one span of event time, like a price bar: open and close by event time (not by
 * arrival), high and low. {@link #plus} and {@link #merge} do not depend on the order scores arrive in, so a
 * late score lands where it belongs.
 *
 * @param firstAsOf    event time of the earliest score, epoch milliseconds
 * @param lastAsOf     event time of the latest score
 * @param openTension  tension of the earliest score
 * @param closeTension tension of the latest score (of the last one added, among scores of one instant)
 * @param highTension  highest tension
 * @param lowTension   lowest tension
 * @param closeRisk    exposure-weighted risk of the latest score
 * @param highRisk     highest exposure-weighted risk
 * @param closeLevel   level of the latest score
 * @param updates      scores in the span
 */
public record Bar(long firstAsOf, long lastAsOf, double openTension, double closeTension, double highTension,
                  double lowTension, double closeRisk, double highRisk, RiskLevel closeLevel, long updates) {

    /** The bar of one score. */
    public static Bar of(final Score s) {
        return new Bar(s.asOf(), s.asOf(), s.tension(), s.tension(), s.tension(), s.tension(),
                s.exposureWeightedRisk(), s.exposureWeightedRisk(), s.level(), 1L);
    }

    /** This bar with one more score. */
    public Bar plus(final Score s) {
        return merge(of(s));
    }

    /** The bar of both spans' scores; on a tie of event times the other bar's close wins (it came later). */
    public Bar merge(final Bar o) {
        final boolean earlier = o.firstAsOf < firstAsOf;
        final boolean later = o.lastAsOf >= lastAsOf;
        return new Bar(
                earlier ? o.firstAsOf : firstAsOf,
                later ? o.lastAsOf : lastAsOf,
                earlier ? o.openTension : openTension,
                later ? o.closeTension : closeTension,
                Math.max(highTension, o.highTension),
                Math.min(lowTension, o.lowTension),
                later ? o.closeRisk : closeRisk,
                Math.max(highRisk, o.highRisk),
                later ? o.closeLevel : closeLevel,
                updates + o.updates);
    }
}
