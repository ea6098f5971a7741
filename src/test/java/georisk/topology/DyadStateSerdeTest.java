package georisk.topology;

import georisk.events.DyadRiskState;
import georisk.events.EventType;
import georisk.events.RiskLevel;
import georisk.scoring.AlertPolicy;
import georisk.scoring.Bar;
import georisk.scoring.DayBucket;
import georisk.scoring.DyadState;
import georisk.scoring.TrackedEvent;
import georisk.serde.AvroSerializer;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SchemaRegistryClient;
import georisk.serde.SerdeFactory;
import georisk.serde.WireFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dyad-state serde writes what the generic Avro path writes, byte for byte, and reads it back; records of an
 * older schema version are read through schema resolution.
 */
class DyadStateSerdeTest {
    private static final String SCOPE = "dyad-state-serde-" + UUID.randomUUID();
    private static final String CHANGELOG = "georisk-dyad-state-changelog";
    private final SchemaRegistryClient registry = InMemorySchemaRegistry.forScope(SCOPE);
    private final DyadStateSerde serde = new DyadStateSerde(registry);
    private final AvroSerializer<DyadRiskState> generic = new AvroSerializer<>(registry, false);

    @AfterContainer
    static void dropRegistry() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Property(tries = 300)
    void shouldWriteWhatTheGenericAvroWriterWritesAndReadItBack(@ForAll("states") final DyadStage.State state) {
        final byte[] fast = serde.serialize(CHANGELOG, state);
        assertThat(fast).isEqualTo(generic.serialize(CHANGELOG, ScoringMapping.toAvro(state)));
        assertThat(serde.deserialize(CHANGELOG, fast)).isEqualTo(state);
        // and what the generic path reads of the same bytes maps to the same state
        assertThat(ScoringMapping.toStageState(new SerdeFactory(registry).avro(DyadRiskState.class, false)
                .deserializer().deserialize(CHANGELOG, fast))).isEqualTo(state);
    }

    @Test
    void shouldReadAStateWrittenWithAnOlderSchemaThroughResolution() throws IOException {
        // the schema before the stage kept the alert memory and the day's bar: those fields take their defaults
        final Schema current = DyadRiskState.getClassSchema();
        final Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream().filter(f -> !f.name().equals("alert") && !f.name().equals("bar"))
                        .map(f -> new Schema.Field(f, f.schema())).toList());
        final int olderId = registry.register(AvroSerializer.subject(CHANGELOG, false), older);
        final GenericRecord record = new GenericData.Record(older);
        record.put("refTime", 1_000L);
        record.put("threats", 1.5);
        record.put("acts", 2.5);
        record.put("cooperation", -0.5);
        record.put("evidence", 3.0);
        record.put("eventCount", 2L);
        record.put("firstEventTime", 500L);
        record.put("lateEvents", 0L);
        record.put("days", List.of());
        record.put("tracked", List.of());
        record.put("exposure", 0.25);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(older).write(record, encoder);
        encoder.flush();

        final DyadStage.State read = serde.deserialize(CHANGELOG, WireFormat.frame(olderId, out.toByteArray()));

        assertThat(read.model()).isEqualTo(new DyadState(1_000L, 1.5, 2.5, -0.5, 3.0, 2L, 500L, 0L, List.of(),
                List.of()));
        assertThat(read.exposure()).isEqualTo(0.25);
        assertThat(read.alert()).isEqualTo(AlertPolicy.State.INITIAL);
        assertThat(read.bar()).isNull();
    }

    @Test
    void shouldRefuseTruncatedStateAsASerializationError() {
        final byte[] whole = serde.serialize(CHANGELOG, new DyadStage.State(new DyadState(1L, 1, 1, 0, 1, 1L, 1L, 0L,
                List.of(), List.of()), 0.5, AlertPolicy.State.INITIAL, null));
        assertThatThrownBy(() -> serde.deserialize(CHANGELOG, Arrays.copyOf(whole, whole.length - 9)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated or corrupt");
        assertThat(serde.serialize(CHANGELOG, null)).isNull();
        assertThat(serde.deserialize(CHANGELOG, null)).isNull();
    }

    @Provide
    Arbitrary<DyadStage.State> states() {
        final Arbitrary<Double> reals = Arbitraries.doubles().between(-1e6, 1e6);
        final Arbitrary<Long> times = Arbitraries.longs().between(-1L, 4_000_000_000_000L);
        // whole code points only: a lone surrogate is not text, and neither path can encode it in UTF-8
        final Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40)
                .withChars("aé€ -CANUSA0123456789"), Arbitraries.of("", "Zölle 😀 auf Stahl", "関税"));
        final Arbitrary<DayBucket> day = Combinators.combine(times, reals, reals, reals,
                Arbitraries.integers().between(0, 10_000)).as(DayBucket::new);
        final Arbitrary<TrackedEvent> tracked = Combinators.combine(texts, times, Arbitraries.of(EventType.class),
                texts.injectNull(0.3), reals, reals, Arbitraries.integers().between(0, 500),
                Arbitraries.doubles().between(0, 1)).as(TrackedEvent::new);
        final Arbitrary<List<Double>> pressures = reals.list().ofSize(4);
        final Arbitrary<DyadState> model = Combinators.combine(times, pressures,
                Arbitraries.longs().between(0, 1L << 40), times, Arbitraries.longs().between(0, 1000),
                day.list().ofMaxSize(35), tracked.list().ofMaxSize(6)).as((ref, p, count, first, late, days, t) ->
                new DyadState(ref, p.get(0), p.get(1), p.get(2), p.get(3), count, first, late, days, t));
        final Arbitrary<AlertPolicy.State> alert = Combinators.combine(Arbitraries.of(RiskLevel.class),
                Combinators.combine(times, reals).as(AlertPolicy.Sample::new).list().ofMaxSize(16), times, times,
                Arbitraries.longs().between(-1, 30_000), times, Arbitraries.of(RiskLevel.class).injectNull(0.5),
                Arbitraries.of(true, false)).as(AlertPolicy.State::new);
        final Arbitrary<Bar> bar = Combinators.combine(times, times, reals.list().ofSize(6),
                Arbitraries.of(RiskLevel.class), Arbitraries.longs().between(0, 1_000_000)).as((first, last, x, level, n) ->
                new Bar(first, last, x.get(0), x.get(1), x.get(2), x.get(3), x.get(4), x.get(5), level, n));
        return Combinators.combine(model, reals, alert, bar.injectNull(0.2)).as(DyadStage.State::new);
    }
}
