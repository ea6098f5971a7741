package georisk.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes generated Avro records in Confluent's wire format ({@link WireFormat}): magic byte, the writer
 * schema's registry id, the Avro binary encoding.
 *
 * <p>The schema is registered under the TopicNameStrategy subject, {@code <topic>-value} or
 * {@code <topic>-key}, the first time a topic is written; the id is cached per subject, so the registry
 * sees one request per subject and serializer, not one per record. {@code null} is written as
 * {@code null} (a tombstone on a compacted topic). Thread-safe.
 *
 * <p>Registry failures surface as {@link SchemaRegistryException} (for example an incompatible schema
 * change, HTTP 409), encoding failures as {@link SerializationException}.
 *
 * @param <T> the generated record type
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistryClient registry;
    private final boolean isKey;
    private final Map<String, Registered<T>> bySubject = new ConcurrentHashMap<>();

    /**
     * @param registry where schemas are registered
     * @param isKey    true to serialize record keys (subject {@code <topic>-key}), false for values
     */
    public AvroSerializer(SchemaRegistryClient registry, boolean isKey) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.isKey = isKey;
    }

    /** Nothing to configure: the registry and key-ness are given to the constructor. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Deliberately empty: serdes are built by SerdeFactory and set explicitly, never from client config.
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        String subject = subject(topic, isKey);
        Schema schema = record.getSchema();
        Registered<T> registered = bySubject.get(subject);
        if (registered == null || registered.schema() != schema) {
            registered = new Registered<>(schema, registry.register(subject, schema),
                    new SpecificDatumWriter<T>(schema)::write);
            bySubject.put(subject, registered);
        }
        // one reusable buffer and buffered encoder per thread: a record costs one array of its exact size,
        // not a growing stream written byte by byte and copied (the hot path of every Streams write)
        try {
            return FramedWriter.frame(registered.id(), record, registered.fields());
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize a " + schema.getFullName() + " for topic '" + topic
                    + "' with schema id " + registered.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The TopicNameStrategy subject of a topic's keys or values.
     *
     * @param topic the topic
     * @param isKey true for the key subject
     * @return {@code <topic>-key} or {@code <topic>-value}
     */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    /** A schema registered under a subject, with its id and a writer for it (writers are thread-safe). */
    private record Registered<T>(Schema schema, int id, FramedWriter.Fields<T> fields) {
    }
}
