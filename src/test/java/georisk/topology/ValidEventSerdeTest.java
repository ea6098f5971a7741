package georisk.topology;

import static georisk.topology.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.Topics;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The repartition's serde: an event's bytes as they arrived, or the event encoded when it has none. */
class ValidEventSerdeTest {
    private static final String TOPIC = "app-by-dyad-repartition";
    private final Serde<GeoEvent> avro = new SerdeFactory(SchemaRegistryClients.forUrl("mock://" + UUID.randomUUID()))
            .valueSerde(Topics.GEO_EVENTS);
    private final ValidEventSerde serde = new ValidEventSerde(avro);
    private final GeoEvent e = event("e-1", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED);

    @Test
    void shouldWriteTheBytesAnEventArrivedInAsTheyAre() {
        final byte[] wire = avro.serializer().serialize(Topics.GEO_EVENTS.name(), e);

        final byte[] written = serde.serializer().serialize(TOPIC, new ValidEvent(e, wire));

        assertThat(written).isSameAs(wire);
        assertThat(serde.deserializer().deserialize(TOPIC, written)).isEqualTo(new ValidEvent(e, null));
    }

    @Test
    void shouldEncodeAnEventValidationChanged() {
        final GeoEvent moved = GeoEvent.newBuilder(e).setOccurredAt(e.getReportedAt()).build();

        final byte[] written = serde.serializer().serialize(TOPIC, new ValidEvent(moved, null));

        assertThat(written).isEqualTo(avro.serializer().serialize(TOPIC, moved));
        assertThat(serde.deserializer().deserialize(TOPIC, written).event()).isEqualTo(moved);
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    }
}
