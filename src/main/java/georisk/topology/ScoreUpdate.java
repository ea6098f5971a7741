package georisk.topology;

import georisk.scoring.Dyad;
import georisk.scoring.Score;

/**
 * A score as the dyad stage sends it to {@code risk-scores}: the dyad and the model's score, written as a
 * {@code RiskScore} by {@link ScoreUpdateSerde}.
 *
 * @param dyad  the dyad scored
 * @param score its score
 */
record ScoreUpdate(Dyad dyad, Score score) {
}
