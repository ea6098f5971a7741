package georisk.serde;

import georisk.events.TopicSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.Objects;

/**
 * The one place serdes are made. Built once from a {@link SchemaRegistryClient} and handed to
 * producers, the topology and tests, which set serdes explicitly at every boundary instead of relying
 * on default serde configuration.
 *
 * <p>Keys and values of the topic catalog ({@link georisk.events.Topics}) map as: {@code String} →
 * {@link Serdes#String()}, {@code byte[]} → {@link Serdes#ByteArray()}, generated Avro classes → the
 * Confluent-wire-format {@link AvroSerializer}/{@link AvroDeserializer} pair. Every call returns a new
 * serde; they share the registry client and hence its caches.
 */
public final class SerdeFactory {

    private final SchemaRegistryClient registry;

    /**
     * @param registry where Avro serdes register and look up schemas
     */
    public SerdeFactory(SchemaRegistryClient registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The registry client the Avro serdes use. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    /**
     * An Avro serde in Confluent's wire format.
     *
     * @param type  the generated class
     * @param isKey true for keys (subject {@code <topic>-key}), false for values ({@code <topic>-value})
     * @param <T>   the generated class
     * @return a new serde
     */
    public <T extends SpecificRecord> Serde<T> avro(Class<T> type, boolean isKey) {
        Objects.requireNonNull(type, "type");
        return Serdes.serdeFrom(new AvroSerializer<>(registry, isKey), new AvroDeserializer<>(registry, type));
    }

    /**
     * The serde of a catalog topic's keys.
     *
     * @throws IllegalArgumentException if the key type is neither String, byte[] nor a generated Avro class
     */
    public <K> Serde<K> keySerde(TopicSpec<K, ?> topic) {
        return serdeFor(topic.name(), topic.keyType(), true);
    }

    /**
     * The serde of a catalog topic's values.
     *
     * @throws IllegalArgumentException if the value type is neither String, byte[] nor a generated Avro class
     */
    public <V> Serde<V> valueSerde(TopicSpec<?, V> topic) {
        return serdeFor(topic.name(), topic.valueType(), false);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> Serde<T> serdeFor(String topic, Class<T> type, boolean isKey) {
        if (type == String.class) {
            return (Serde<T>) Serdes.String();
        }
        if (type == byte[].class) {
            return (Serde<T>) Serdes.ByteArray();
        }
        if (SpecificRecord.class.isAssignableFrom(type)) {
            return (Serde<T>) avro((Class) type, isKey);
        }
        throw new IllegalArgumentException("No serde for the " + (isKey ? "keys" : "values") + " of topic '" + topic
                + "': " + type.getName() + " is neither String, byte[] nor a generated Avro class");
    }
}
