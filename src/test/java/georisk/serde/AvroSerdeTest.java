package georisk.serde;

import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.SourceKind;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {
    private static final String TOPIC = "geo-events";

    private final String scope = "avro-serde-test-" + UUID.randomUUID();
    private final String url = "mock://" + scope;

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldFrameAvroBinaryAfterMagicByteAndBigEndianId() throws IOException {
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(url);
        registry.register("other-value", Samples.tradeExposure().getSchema()); // so that GeoEvent's id is not 1
        GeoEvent event = Samples.fullGeoEvent();

        byte[] framed = new AvroSerializer<GeoEvent>(registry, false).serialize(TOPIC, event);

        int id = registry.register(TOPIC + "-value", GeoEvent.getClassSchema());
        assertThat(id).isEqualTo(2);
        assertThat(framed[0]).isZero();
        assertThat(Arrays.copyOfRange(framed, 1, 5)).containsExactly(0, 0, 0, 2);
        assertThat(Arrays.copyOfRange(framed, 5, framed.length)).containsExactly(avroBinary(event));
    }

    @Test
    void shouldWriteNullAsNullAndReadNullAsNull() {
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(url);

        assertThat(new AvroSerializer<GeoEvent>(registry, false).serialize(TOPIC, null)).isNull();
        assertThat(new AvroDeserializer<>(registry, GeoEvent.class).deserialize(TOPIC, null)).isNull();
    }

    static Stream<SpecificRecord> everyTopLevelSchema() {
        return Stream.of(Samples.fullGeoEvent(), Samples.minimalGeoEvent(), Samples.tradeExposure(),
                Samples.riskScore(), Samples.riskAlert());
    }

    @ParameterizedTest
    @MethodSource("everyTopLevelSchema")
    void shouldRoundTripThroughSeparatelyBuiltSerializerAndDeserializerOnOneMockUrl(SpecificRecord record) {
        byte[] framed = new AvroSerializer<>(SchemaRegistryClients.forUrl(url), false).serialize(TOPIC, record);

        SpecificRecord read = new AvroDeserializer<>(SchemaRegistryClients.forUrl(url), record.getClass())
                .deserialize(TOPIC, framed);

        assertThat(read).isEqualTo(record).isInstanceOf(record.getClass());
    }

    @Test
    void shouldKeepDefaultsOfMinimalGeoEventAfterRoundTrip() {
        GeoEvent read = roundTrip(Samples.minimalGeoEvent());

        assertThat(read.getMentions()).isEqualTo(1);
        assertThat(read.getSectors()).isEmpty();
        assertThat(read.getSourceKind()).isEqualTo(SourceKind.UNKNOWN);
        assertThat(read.getConfidence()).isEqualTo(1.0);
        assertThat(read.getTariffRate()).isNull();
    }

    @Test
    void shouldKeepComponentsAndDriversOfRiskScoreInOrder() {
        RiskScore read = new AvroDeserializer<>(SchemaRegistryClients.forUrl(url), RiskScore.class).deserialize(
                "risk-scores", new AvroSerializer<RiskScore>(SchemaRegistryClients.forUrl(url), false)
                        .serialize("risk-scores", Samples.riskScore()));

        assertThat(read.getComponents()).extracting(c -> c.getName())
                .containsExactly("baseline", "threats", "acts", "cooperation");
        assertThat(read.getComponents().stream().mapToDouble(c -> c.getValue()).sum()).isEqualTo(read.getTension());
        assertThat(read.getDrivers()).extracting(d -> d.getEventId()).containsExactly("evt-1", "evt-2");
        assertThat(read.getDrivers().get(0).getOccurredAt()).isEqualTo(Samples.MARCH_4);
    }

    @Test
    void shouldRegisterUnderTopicNameStrategySubjects() {
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);

        new AvroSerializer<GeoEvent>(registry, false).serialize(TOPIC, Samples.fullGeoEvent());
        new AvroSerializer<GeoEvent>(registry, true).serialize("keyed-by-event", Samples.fullGeoEvent());

        assertThat(registry.subjects()).containsExactlyInAnyOrder("geo-events-value", "keyed-by-event-key");
        assertThat(AvroSerializer.subject("risk-scores", true)).isEqualTo("risk-scores-key");
    }

    @Test
    void shouldRegisterOncePerSubjectAndFetchOncePerWriterId() {
        CountingRegistry registry = new CountingRegistry(InMemorySchemaRegistry.forScope(scope));
        AvroSerializer<GeoEvent> serializer = new AvroSerializer<>(registry, false);
        AvroDeserializer<GeoEvent> deserializer = new AvroDeserializer<>(registry, GeoEvent.class);

        for (int i = 0; i < 5; i++) {
            deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, Samples.fullGeoEvent()));
            deserializer.deserialize("other", serializer.serialize("other", Samples.minimalGeoEvent()));
        }

        assertThat(registry.registrations).containsExactly("geo-events-value", "other-value");
        assertThat(registry.fetches).isEqualTo(1);
    }

    @Test
    void shouldFillReaderDefaultsWhenWriterIsAnOlderGeoEventSchema() throws IOException {
        Schema older = fixtureSchema("GeoEvent-v0.avsc");
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(url);
        int id = registry.register(TOPIC + "-value", older);
        GenericRecord old = new GenericData.Record(older);
        old.put("id", "evt-old");
        old.put("occurredAt", Samples.MARCH_4.toEpochMilli());
        old.put("reportedAt", Samples.MARCH_4.toEpochMilli());
        old.put("actor", "USA");
        old.put("target", "CAN");
        old.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "TARIFF_THREATENED"));
        old.put("headline", "Tariffs threatened");
        old.put("retired", "a field the current schema no longer has");

        GeoEvent read = new AvroDeserializer<>(registry, GeoEvent.class)
                .deserialize(TOPIC, WireFormat.frame(id, genericBinary(older, old)));

        assertThat(read.getId()).isEqualTo("evt-old");
        assertThat(read.getOccurredAt()).isEqualTo(Samples.MARCH_4);
        assertThat(read.getType()).isEqualTo(EventType.TARIFF_THREATENED);
        assertThat(read.getHeadline()).isEqualTo("Tariffs threatened");
        assertThat(read.getMentions()).isEqualTo(1);
        assertThat(read.getSources()).isEqualTo(1);
        assertThat(read.getArticles()).isEqualTo(1);
        assertThat(read.getSectors()).isEmpty();
        assertThat(read.getSourceKind()).isEqualTo(SourceKind.UNKNOWN);
        assertThat(read.getConfidence()).isEqualTo(1.0);
        assertThat(read.getCameoCode()).isNull();
        assertThat(read.getTariffRate()).isNull();
    }

    @Test
    void shouldNameTopicIdAndMissingFieldWhenWriterSchemaCannotBeResolved() throws IOException {
        Schema withoutHeadline = fixtureSchema("GeoEvent-without-headline.avsc");
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(url);
        int id = registry.register(TOPIC + "-value", withoutHeadline);
        GenericRecord record = new GenericData.Record(withoutHeadline);
        record.put("id", "evt");
        record.put("occurredAt", 0L);

        assertThatThrownBy(() -> new AvroDeserializer<>(registry, GeoEvent.class)
                .deserialize(TOPIC, WireFormat.frame(id, genericBinary(withoutHeadline, record))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining("id " + id)
                .hasMessageContaining("headline");
    }

    @Test
    void shouldRefuseToReadOneRecordTypeAsAnother() {
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(url);
        byte[] score = new AvroSerializer<RiskScore>(registry, false).serialize("risk-scores", Samples.riskScore());

        assertThatThrownBy(() -> new AvroDeserializer<>(registry, GeoEvent.class).deserialize("risk-scores", score))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("georisk.events.RiskScore")
                .hasMessageContaining("georisk.events.GeoEvent");
    }

    @Test
    void shouldNameTopicAndIdWhenAvroDataIsTruncated() {
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(url);
        byte[] framed = new AvroSerializer<GeoEvent>(registry, false).serialize(TOPIC, Samples.fullGeoEvent());
        int id = WireFormat.schemaId(framed);
        byte[] truncated = Arrays.copyOf(framed, framed.length - 20);

        assertThatThrownBy(() -> new AvroDeserializer<>(registry, GeoEvent.class).deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining("schema id " + id)
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void shouldNameTopicAndIdWhenAvroDataIsGarbage() {
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(url);
        int id = registry.register(TOPIC + "-value", GeoEvent.getClassSchema());
        // a string length of -1 (zig-zag 0x01) where the id's length should be
        byte[] garbage = WireFormat.frame(id, new byte[]{0x01, 0x7f, 0x7f});

        assertThatThrownBy(() -> new AvroDeserializer<>(registry, GeoEvent.class).deserialize(TOPIC, garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining("schema id " + id);
    }

    @Test
    void shouldNameTopicAndMagicByteWhenHeaderIsWrong() {
        AvroDeserializer<GeoEvent> deserializer =
                new AvroDeserializer<>(SchemaRegistryClients.forUrl(url), GeoEvent.class);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[]{7, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining("magic byte 0x07");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[]{0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining("too short");
    }

    @Test
    void shouldReportUnknownSchemaIdAsSerializationExceptionCausedBy40403() {
        AvroDeserializer<GeoEvent> deserializer =
                new AvroDeserializer<>(SchemaRegistryClients.forUrl(url), GeoEvent.class);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, WireFormat.frame(4242, new byte[]{2, 65})))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining("schema id 4242")
                .cause()
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.isSchemaNotFound()).isTrue();
                });
    }

    @Test
    void shouldLetUnreachableRegistryFailureThroughUnwrapped() {
        SchemaRegistryClient down = new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                throw SchemaRegistryException.connectionRefused("http://127.0.0.1:1", null);
            }

            @Override
            public Schema schemaById(int id) {
                throw SchemaRegistryException.connectionRefused("http://127.0.0.1:1", null);
            }
        };

        assertThatThrownBy(() -> new AvroDeserializer<>(down, GeoEvent.class)
                .deserialize(TOPIC, WireFormat.frame(1, new byte[]{2, 65})))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("connection refused");
        assertThatThrownBy(() -> new AvroSerializer<GeoEvent>(down, false).serialize(TOPIC, Samples.fullGeoEvent()))
                .isExactlyInstanceOf(SchemaRegistryException.class);
    }

    private GeoEvent roundTrip(GeoEvent event) {
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(url);
        return new AvroDeserializer<>(registry, GeoEvent.class)
                .deserialize(TOPIC, new AvroSerializer<GeoEvent>(registry, false).serialize(TOPIC, event));
    }

    /** What SpecificDatumWriter and a BinaryEncoder make of a record, independently of the serializer. */
    private static byte[] avroBinary(GeoEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<GeoEvent>(GeoEvent.getClassSchema()).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] genericBinary(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static Schema fixtureSchema(String name) throws IOException {
        try (InputStream in = AvroSerdeTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource georisk/serde/%s", name).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }

    /** Counts what reaches the registry behind the serdes' caches. */
    private static final class CountingRegistry implements SchemaRegistryClient {
        private final SchemaRegistryClient delegate;
        private final List<String> registrations = new java.util.concurrent.CopyOnWriteArrayList<>();
        private int fetches;

        CountingRegistry(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            registrations.add(subject);
            return delegate.register(subject, schema);
        }

        @Override
        public synchronized Schema schemaById(int id) {
            fetches++;
            return delegate.schemaById(id);
        }
    }
}
