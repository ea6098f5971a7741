package georisk.topology;

import georisk.events.RiskScore;
import georisk.scoring.Dyad;
import georisk.scoring.Score;
import georisk.scoring.TrackedEvent;
import georisk.serde.AvroSerializer;
import georisk.serde.FramedWriter;
import georisk.serde.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The serde of the {@code risk-scores} sink: writes each {@link ScoreUpdate} the dyad stage sends as a
 * {@code RiskScore} in Confluent's wire format, field by field from the model's {@link Score}, with no Avro object
 * in between. Every event writes a score, and building a {@code RiskScore} to walk it by schema cost the stage about
 * as much as scoring.
 *
 * <p>The bytes are exactly those {@link AvroSerializer} writes for {@link ScoringMapping#toRiskScore} of the same
 * score ({@code ScoreUpdateSerdeTest} holds them equal for arbitrary scores), under the same subject and schema id:
 * consumers see no difference. A sink only serializes; {@code risk-scores} is read as {@code RiskScore} with the
 * topic's own serde, so {@link #deserializer()} refuses.
 */
final class ScoreUpdateSerde implements Serde<ScoreUpdate> {
    private static final Schema SCHEMA = RiskScore.getClassSchema();
    private static final String HEADLINE_NOT_KEPT = "(headline not kept)";

    private final FramedWriter<ScoreUpdate> writer;

    /** @param registry where the schema is registered */
    ScoreUpdateSerde(final SchemaRegistryClient registry) {
        this.writer = new FramedWriter<>(registry, SCHEMA, ScoreUpdateSerde::write);
    }

    @Override
    public Serializer<ScoreUpdate> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<ScoreUpdate> deserializer() {
        return (topic, data) -> {
            throw new UnsupportedOperationException("read " + topic + " as RiskScore, with the topic's Avro serde");
        };
    }

    byte[] serialize(final String topic, final ScoreUpdate update) {
        return writer.write(topic, update);
    }

    /** In RiskScore's field order (schemas/RiskScore.avsc), as {@link ScoringMapping#toRiskScore} fills it. */
    private static void write(final ScoreUpdate update, final BinaryEncoder out) throws IOException {
        final Dyad dyad = update.dyad();
        final Score s = update.score();
        out.writeString(dyad.key());
        out.writeString(dyad.home());
        out.writeString(dyad.counterparty());
        out.writeLong(s.asOf());
        out.writeDouble(s.tension());
        out.writeDouble(s.exposure());
        out.writeDouble(s.exposureWeightedRisk());
        out.writeEnum(s.level().ordinal());
        out.writeArrayStart();
        out.setItemCount(s.components().size());
        for (final Map.Entry<String, Double> c : s.components().entrySet()) {   // ScoreComponent
            out.startItem();
            out.writeString(c.getKey());
            out.writeDouble(c.getValue());
        }
        out.writeArrayEnd();
        final List<Score.Driver> drivers = s.drivers();
        out.writeArrayStart();
        out.setItemCount(drivers.size());
        for (final Score.Driver d : drivers) {   // ScoreDriver
            final TrackedEvent e = d.event();
            out.startItem();
            out.writeString(e.id());
            out.writeEnum(e.type().ordinal());
            out.writeLong(e.occurredAt());
            out.writeString(e.headline() != null ? e.headline() : HEADLINE_NOT_KEPT);
            out.writeDouble(d.contribution());
            out.writeInt(e.sources());
            out.writeDouble(e.confidence());
        }
        out.writeArrayEnd();
        out.writeIndex(1);
        out.writeDouble(s.delta24h());
        out.writeIndex(1);
        out.writeDouble(s.delta7d());
        if (s.zScore() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeDouble(s.zScore());
        }
        out.writeLong(s.eventCount());
        out.writeLong(s.lateEvents());
        out.writeDouble(s.coverage());
    }
}
