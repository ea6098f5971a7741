package georisk.query;

import java.time.Instant;

/**
 * A watched dyad and, once it has been scored, the headline of its latest score (the full score, with
 * components and drivers, is {@link RiskQueries#score}).
 *
 * @param dyad                 {@code HOME-COUNTERPARTY}
 * @param home                 home country, alpha-3
 * @param counterparty         counterparty, alpha-3
 * @param asOf                 event time of the latest score, or null while unscored
 * @param tension              latest tension, or null
 * @param exposureWeightedRisk latest risk, or null
 * @param level                latest level, or null
 * @param eventCount           events scored so far (0 while unscored)
 */
public record DyadSummary(String dyad, String home, String counterparty, Instant asOf, Double tension,
                          Double exposureWeightedRisk, String level, long eventCount) {

    /** A watched dyad without a score yet. */
    static DyadSummary unscored(final String dyad) {
        final int dash = dyad.indexOf('-');
        return new DyadSummary(dyad, dyad.substring(0, dash), dyad.substring(dash + 1), null, null, null, null, 0);
    }

    /** The headline of a score. */
    static DyadSummary of(final ScoreView score) {
        return new DyadSummary(score.dyad(), score.home(), score.counterparty(), score.asOf(), score.tension(),
                score.exposureWeightedRisk(), score.level(), score.eventCount());
    }
}
