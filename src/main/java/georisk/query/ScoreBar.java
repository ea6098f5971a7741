package georisk.query;

import java.time.Instant;

/**
 * A dyad's scores within one event-time window, like a price bar: the {@code ScoreWindow} record with the
 * window's bounds.
 *
 * @param start        window start (inclusive)
 * @param end          window end (exclusive)
 * @param firstAsOf    event time of the earliest score in the window
 * @param lastAsOf     event time of the latest score in the window
 * @param openTension  tension of the earliest score
 * @param closeTension tension of the latest score
 * @param highTension  highest tension
 * @param lowTension   lowest tension
 * @param closeRisk    exposure-weighted risk of the latest score
 * @param highRisk     highest exposure-weighted risk
 * @param closeLevel   level of the latest score
 * @param updates      score updates in the window
 * @param decayed      true when nothing was scored in the window: its close is the decayed close of the last
 *                     bar before it ({@code georisk.scoring.DailyCloses}), not a score
 */
public record ScoreBar(Instant start, Instant end, Instant firstAsOf, Instant lastAsOf, double openTension,
                       double closeTension, double highTension, double lowTension, double closeRisk, double highRisk,
                       String closeLevel, long updates, boolean decayed) {
}
