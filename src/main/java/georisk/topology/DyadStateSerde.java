package georisk.topology;

import georisk.events.DyadRiskState;
import georisk.events.EventType;
import georisk.events.RiskLevel;
import georisk.scoring.AlertPolicy;
import georisk.scoring.Bar;
import georisk.scoring.DayBucket;
import georisk.scoring.DyadState;
import georisk.scoring.TrackedEvent;
import georisk.serde.AvroDeserializer;
import georisk.serde.FramedWriter;
import georisk.serde.SchemaRegistryClient;
import georisk.serde.SchemaRegistryException;
import georisk.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serde of the {@value Names#DYAD_STATE_STORE} store: the dyad stage's {@link DyadStage.State} in Confluent's
 * wire format with {@code DyadRiskState}'s Avro binary encoding, written and read field by field straight from
 * and into the stage's records, with no Avro object in between. The state is read and written once per event, so
 * this is the stage's hottest serde: the generic Avro path (build a {@code DyadRiskState}, walk it by schema)
 * cost about three times as much.
 *
 * <p>The bytes are exactly those {@link AvroSerializer} writes for {@link ScoringMapping#toAvro(DyadStage.State)}
 * ({@code DyadStateSerdeTest} holds them equal for arbitrary states), and the schema is registered under the same
 * subject, so changelogs written before restore, and any Avro reader decodes them. A record written with another
 * version of the schema (before an upgrade) is read through Avro's schema resolution ({@link AvroDeserializer}),
 * then mapped; this class only knows the current version's field order.
 */
final class DyadStateSerde implements Serde<DyadStage.State> {
    private static final Schema SCHEMA = DyadRiskState.getClassSchema();
    private static final EventType[] EVENT_TYPES = EventType.values();
    private static final RiskLevel[] LEVELS = RiskLevel.values();

    private final SchemaRegistryClient registry;
    private final FramedWriter<DyadStage.State> writer;
    private final AvroDeserializer<DyadRiskState> resolving;
    /** Per writer schema id: whether it is the current schema, so that the fast reader applies. */
    private final Map<Integer, Boolean> current = new ConcurrentHashMap<>();

    /** @param registry where the schema is registered and writer schemas are looked up */
    DyadStateSerde(final SchemaRegistryClient registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.writer = new FramedWriter<>(registry, SCHEMA, DyadStateSerde::write);
        this.resolving = new AvroDeserializer<>(registry, DyadRiskState.class);
    }

    @Override
    public Serializer<DyadStage.State> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<DyadStage.State> deserializer() {
        return this::deserialize;
    }

    byte[] serialize(final String topic, final DyadStage.State state) {
        return writer.write(topic, state);
    }

    DyadStage.State deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        final int id = WireFormat.schemaId(data);
        if (!isCurrent(id)) {
            return ScoringMapping.toStageState(resolving.deserialize(topic, data));
        }
        try {
            final BinaryDecoder in = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                    data.length - WireFormat.HEADER_SIZE, DECODERS.get());
            DECODERS.set(in);
            return read(in);
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Cannot read the state of a dyad from topic '" + topic
                    + "' written with schema id " + id + ": the Avro data is truncated or corrupt (" + e + ")", e);
        }
    }

    private boolean isCurrent(final int id) {
        final Boolean known = current.get(id);
        if (known != null) {
            return known;
        }
        final Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (final SchemaRegistryException e) {
            if (e.kind() == SchemaRegistryException.Kind.NOT_FOUND
                    || e.kind() == SchemaRegistryException.Kind.UNUSABLE_ANSWER) {
                return false;   // the resolving reader says what is wrong with the id, as for every other record
            }
            throw e;
        }
        final boolean same = SCHEMA.equals(writer);
        current.put(id, same);
        return same;
    }

    // --- the encoding, in DyadRiskState's field order (schemas/DyadRiskState.avsc) ---

    private static void write(final DyadStage.State s, final BinaryEncoder out) throws IOException {
        final DyadState m = s.model();
        out.writeLong(m.refTime());
        out.writeDouble(m.threats());
        out.writeDouble(m.acts());
        out.writeDouble(m.cooperation());
        out.writeDouble(m.evidence());
        out.writeLong(m.eventCount());
        out.writeLong(m.firstEventTime());
        out.writeLong(m.lateEvents());
        final List<DayBucket> days = m.days();
        out.writeArrayStart();
        out.setItemCount(days.size());
        for (final DayBucket d : days) {   // DayBucketState
            out.startItem();
            out.writeLong(d.day());
            out.writeDouble(d.threats());
            out.writeDouble(d.acts());
            out.writeDouble(d.cooperation());
            out.writeInt(d.events());
        }
        out.writeArrayEnd();
        final List<TrackedEvent> tracked = m.tracked();
        out.writeArrayStart();
        out.setItemCount(tracked.size());
        for (final TrackedEvent t : tracked) {   // TrackedEventState
            out.startItem();
            out.writeString(t.id());
            out.writeLong(t.occurredAt());
            out.writeEnum(t.type().ordinal());
            writeNullableString(t.headline(), out);
            out.writeDouble(t.impact());
            out.writeDouble(t.rank());
            out.writeInt(t.sources());
            out.writeDouble(t.confidence());
        }
        out.writeArrayEnd();
        out.writeDouble(s.exposure());
        out.writeIndex(1);   // alert: always written (AlertState)
        final AlertPolicy.State a = s.alert();
        out.writeEnum(a.level().ordinal());
        out.writeArrayStart();
        out.setItemCount(a.recent().size());
        for (final AlertPolicy.Sample x : a.recent()) {   // TensionSample
            out.startItem();
            out.writeLong(x.asOf());
            out.writeDouble(x.tension());
        }
        out.writeArrayEnd();
        out.writeLong(a.lastJumpAt());
        out.writeLong(a.lastAnomalyAt());
        out.writeLong(a.closedDay());
        out.writeLong(a.burstAt());
        if (a.burstFrom() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeEnum(a.burstFrom().ordinal());
        }
        out.writeBoolean(a.burstUp());
        final Bar b = s.bar();
        if (b == null) {
            out.writeIndex(0);
        } else {   // ScoreWindow
            out.writeIndex(1);
            out.writeLong(b.firstAsOf());
            out.writeLong(b.lastAsOf());
            out.writeDouble(b.openTension());
            out.writeDouble(b.closeTension());
            out.writeDouble(b.highTension());
            out.writeDouble(b.lowTension());
            out.writeDouble(b.closeRisk());
            out.writeDouble(b.highRisk());
            out.writeEnum(b.closeLevel().ordinal());
            out.writeLong(b.updates());
        }
    }

    private static DyadStage.State read(final BinaryDecoder in) throws IOException {
        final long refTime = in.readLong();
        final double threats = in.readDouble();
        final double acts = in.readDouble();
        final double cooperation = in.readDouble();
        final double evidence = in.readDouble();
        final long eventCount = in.readLong();
        final long firstEventTime = in.readLong();
        final long lateEvents = in.readLong();
        final List<DayBucket> days = new ArrayList<>();
        for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                days.add(new DayBucket(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(), in.readInt()));
            }
        }
        final List<TrackedEvent> tracked = new ArrayList<>();
        for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                tracked.add(new TrackedEvent(in.readString(), in.readLong(), EVENT_TYPES[in.readEnum()],
                        readNullableString(in), in.readDouble(), in.readDouble(), in.readInt(), in.readDouble()));
            }
        }
        final DyadState model = new DyadState(refTime, threats, acts, cooperation, evidence, eventCount,
                firstEventTime, lateEvents, days, tracked);
        final double exposure = in.readDouble();
        final AlertPolicy.State alert = in.readIndex() == 0 ? AlertPolicy.State.INITIAL : readAlert(in);
        final Bar bar = in.readIndex() == 0 ? null : new Bar(in.readLong(), in.readLong(), in.readDouble(),
                in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                LEVELS[in.readEnum()], in.readLong());
        return new DyadStage.State(model, exposure, alert, bar);
    }

    private static AlertPolicy.State readAlert(final BinaryDecoder in) throws IOException {
        final RiskLevel level = LEVELS[in.readEnum()];
        final List<AlertPolicy.Sample> recent = new ArrayList<>();
        for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                recent.add(new AlertPolicy.Sample(in.readLong(), in.readDouble()));
            }
        }
        final long lastJumpAt = in.readLong();
        final long lastAnomalyAt = in.readLong();
        final long closedDay = in.readLong();
        final long burstAt = in.readLong();
        final RiskLevel burstFrom = in.readIndex() == 0 ? null : LEVELS[in.readEnum()];
        return new AlertPolicy.State(level, recent, lastJumpAt, lastAnomalyAt, closedDay, burstAt, burstFrom,
                in.readBoolean());
    }

    private static void writeNullableString(final String s, final BinaryEncoder out) throws IOException {
        if (s == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeString(s);
        }
    }

    private static String readNullableString(final BinaryDecoder in) throws IOException {
        return in.readIndex() == 0 ? null : in.readString();
    }

    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();
}
