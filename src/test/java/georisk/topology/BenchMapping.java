package georisk.topology;

import georisk.events.AlertState;
import georisk.events.DyadRiskState;
import georisk.events.GeoEvent;
import georisk.events.RiskAlert;
import georisk.events.RiskScore;
import georisk.events.TradeExposure;
import georisk.scoring.AlertPolicy;
import georisk.scoring.Dyad;
import georisk.scoring.DyadState;
import georisk.scoring.Score;
import georisk.scoring.ScoringEvent;
import georisk.serde.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serde;

import java.util.function.Function;

/**
 * Opens the package-private {@link ScoringMapping} to the JMH benchmarks in {@code georisk.bench}, so
 * they measure the conversions the topology really runs per event. Test code only; adds no logic.
 */
public final class BenchMapping {
    private BenchMapping() {
    }

    public static ScoringEvent toScoringEvent(final GeoEvent e, final Dyad dyad, final TradeExposure exposure) {
        return ScoringMapping.toScoringEvent(e, dyad, exposure);
    }

    public static DyadState toState(final DyadRiskState s) {
        return ScoringMapping.toState(s);
    }

    public static DyadRiskState toAvro(final DyadState s) {
        return ScoringMapping.toAvro(s);
    }

    public static RiskScore toRiskScore(final Dyad dyad, final Score score) {
        return ScoringMapping.toRiskScore(dyad, score);
    }

    public static AlertPolicy.Snapshot toSnapshot(final RiskScore s) {
        return ScoringMapping.toSnapshot(s);
    }

    public static AlertPolicy.State toPolicyState(final AlertState s) {
        return ScoringMapping.toPolicyState(s);
    }

    public static AlertState toAvro(final AlertPolicy.State s) {
        return ScoringMapping.toAvro(s);
    }

    public static RiskAlert toRiskAlert(final AlertPolicy.Alert a) {
        return ScoringMapping.toRiskAlert(a);
    }

    /** The risk-scores sink's serializer, as the topology builds it, over a score of {@code dyad}. */
    public static Function<Score, byte[]> scoreWriter(final SchemaRegistryClient registry,
                                                     final String topic, final Dyad dyad) {
        final ScoreUpdateSerde serde = new ScoreUpdateSerde(registry);
        return score -> serde.serializer().serialize(topic, new ScoreUpdate(dyad, score));
    }

    /** The dyad-state store's serde, as the topology builds it. */
    public static Serde<DyadStage.State> stateSerde(final SchemaRegistryClient registry) {
        return new DyadStateSerde(registry);
    }

    /** What the dyad stage stores of a dyad whose model is {@code model}: no alert evaluated yet, no bar. */
    public static DyadStage.State stageState(final DyadState model, final double exposure) {
        return new DyadStage.State(model, exposure, AlertPolicy.State.INITIAL, null);
    }

    /** The changelog topic of the dyad-state store: the subject its values are registered under. */
    public static String dyadStateChangelog() {
        return Names.DEFAULT_APPLICATION_ID + "-" + Names.DYAD_STATE_STORE + "-changelog";
    }
}
