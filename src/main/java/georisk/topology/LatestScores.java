package georisk.topology;

import georisk.events.RiskScore;
import georisk.scoring.Dyad;
import georisk.scoring.DyadScorer;

/**
 * A dyad's latest score, from its state in the {@value Names#DYAD_STATE_STORE} store: the score is a function
 * of the state (the model's state at its newest event and the exposure in force), so the dyad stage does not
 * write it to a store of its own with every event; interactive queries compute it when asked. It equals the
 * last score the dyad stage sent to {@code risk-scores}.
 */
public final class LatestScores {
    private final DyadScorer scorer;

    /** @param scorer the model the topology scores with */
    public LatestScores(final DyadScorer scorer) {
        this.scorer = scorer;
    }

    /** The model the topology scores with. */
    public georisk.scoring.ModelParameters model() {
        return scorer.parameters();
    }

    /** The latest score of {@code dyad} with state {@code state}, or null when it has none yet. */
    public RiskScore of(final String dyad, final DyadStage.State s) {
        if (s == null || s.model().eventCount() == 0) {
            return null;
        }
        return ScoringMapping.toRiskScore(Dyad.parse(dyad), scorer.score(s.model(), s.exposure()));
    }
}
