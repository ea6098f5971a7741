package georisk.topology;

import georisk.events.RiskScore;
import georisk.scoring.Dyad;
import georisk.scoring.Score;
import georisk.scoring.TrackedEvent;
import georisk.serde.AvroSerializer;
import georisk.serde.SchemaRegistryClient;
import georisk.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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

    private final SchemaRegistryClient registry;
    /** The id of RiskScore's schema, per topic (subject). */
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    /** @param registry where the schema is registered */
    ScoreUpdateSerde(final SchemaRegistryClient registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
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
        if (update == null) {
            return null;
        }
        final int id = ids.computeIfAbsent(topic, t -> registry.register(AvroSerializer.subject(t, false), SCHEMA));
        final Buffer buffer = BUFFERS.get();
        buffer.out.reset();
        buffer.out.writeBytes(WireFormat.header(id));
        try {
            buffer.encoder = EncoderFactory.get().binaryEncoder(buffer.out, buffer.encoder);
            write(update.dyad(), update.score(), buffer.encoder);
            buffer.encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize the score of " + update.dyad().key() + " for topic '"
                    + topic + "': " + e, e);
        }
        final byte[] bytes = buffer.out.toByteArray();
        if (bytes.length > MAX_KEPT_BUFFER) {
            BUFFERS.remove();
        }
        return bytes;
    }

    /** In RiskScore's field order (schemas/RiskScore.avsc), as {@link ScoringMapping#toRiskScore} fills it. */
    private static void write(final Dyad dyad, final Score s, final BinaryEncoder out) throws IOException {
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

    /** The largest buffer a thread keeps between records. */
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    /** A thread's output buffer and the encoder reused over it. */
    private static final class Buffer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        BinaryEncoder encoder;
    }
}
