package georisk.topology;

import georisk.events.GeoEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Objects;

/**
 * The serde of the repartition by dyad: writes a {@link ValidEvent}'s bytes as they arrived when it has them, else
 * the event through the {@code GeoEvent} serde; reads the event with that serde. The bytes read are the producer's:
 * their schema id may be another version of {@code GeoEvent} than georisk's, which the reader resolves as the
 * validate stage did when it first read them.
 */
final class ValidEventSerde implements Serde<ValidEvent> {
    private final Serde<GeoEvent> events;

    /** @param events the {@code geo-events} value serde */
    ValidEventSerde(final Serde<GeoEvent> events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Serializer<ValidEvent> serializer() {
        final Serializer<GeoEvent> avro = events.serializer();
        return (topic, value) -> value == null ? null
                : value.wire() != null ? value.wire() : avro.serialize(topic, value.event());
    }

    @Override
    public Deserializer<ValidEvent> deserializer() {
        final Deserializer<GeoEvent> avro = events.deserializer();
        return (topic, data) -> data == null ? null : new ValidEvent(avro.deserialize(topic, data), null);
    }
}
