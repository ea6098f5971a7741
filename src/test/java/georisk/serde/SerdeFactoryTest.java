package georisk.serde;

import georisk.events.GeoEvent;
import georisk.events.TopicSpec;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerdeFactoryTest {
    private final String scope = "serde-factory-test-" + UUID.randomUUID();
    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
    private final SerdeFactory serdes = new SerdeFactory(registry);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldUseStringSerdeForStringKeysOfCatalogTopics() {
        Serde<String> keys = serdes.keySerde(Topics.GEO_EVENTS);

        assertThat(keys.serializer().serialize("geo-events", "CAN-USA"))
                .isEqualTo("CAN-USA".getBytes(StandardCharsets.UTF_8));
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void shouldPassDeadLetterBytesThroughUnchanged() {
        byte[] original = {0, 1, 2, (byte) 0xff};

        byte[] key = serdes.keySerde(Topics.GEO_EVENTS_DLQ).serializer().serialize("geo-events-dlq", original);
        byte[] value = serdes.valueSerde(Topics.GEO_EVENTS_DLQ).serializer().serialize("geo-events-dlq", original);

        assertThat(key).containsExactly(original);
        assertThat(value).containsExactly(original);
    }

    @Test
    void shouldRoundTripCatalogValuesInConfluentWireFormat() {
        Serde<GeoEvent> values = serdes.valueSerde(Topics.GEO_EVENTS);
        byte[] bytes = values.serializer().serialize(Topics.GEO_EVENTS.name(), Samples.fullGeoEvent());

        assertThat(bytes[0]).isZero();
        assertThat(values.deserializer().deserialize(Topics.GEO_EVENTS.name(), bytes))
                .isEqualTo(Samples.fullGeoEvent());
        assertThat(registry.subjects()).containsExactly("geo-events-value");
    }

    @Test
    void shouldRegisterAvroKeysUnderTheKeySubject() {
        TopicSpec<TradeExposure, String> avroKeyed = new TopicSpec<>("exposure-by-record", TradeExposure.class,
                String.class, Map.of(), "a topic keyed by an Avro record");

        Serde<TradeExposure> keys = serdes.keySerde(avroKeyed);
        byte[] bytes = keys.serializer().serialize(avroKeyed.name(), Samples.tradeExposure());

        assertThat(keys.deserializer().deserialize(avroKeyed.name(), bytes)).isEqualTo(Samples.tradeExposure());
        assertThat(registry.subjects()).containsExactly("exposure-by-record-key");
    }

    @Test
    void shouldRefuseTypesItHasNoSerdeForNamingTopicAndType() {
        TopicSpec<String, Integer> counts = new TopicSpec<>("counts", String.class, Integer.class, Map.of(), "counts");

        assertThatThrownBy(() -> serdes.valueSerde(counts))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'counts'")
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void shouldGiveEveryCatalogTopicASerde() {
        for (TopicSpec<?, ?> topic : Topics.ALL) {
            assertThat(serdes.keySerde(topic)).as(topic.name()).isNotNull();
            assertThat(serdes.valueSerde(topic)).as(topic.name()).isNotNull();
        }
    }
}
