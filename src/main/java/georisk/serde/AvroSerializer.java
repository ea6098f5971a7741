package georisk.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
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
            registered = new Registered<>(schema, registry.register(subject, schema), new SpecificDatumWriter<>(schema));
            bySubject.put(subject, registered);
        }
        // one reusable buffer and buffered encoder per thread: a record costs one array of its exact size,
        // not a growing stream written byte by byte and copied (the hot path of every Streams write)
        final Buffer buffer = BUFFERS.get();
        buffer.out.reset();
        buffer.out.writeBytes(WireFormat.header(registered.id()));
        try {
            buffer.encoder = EncoderFactory.get().binaryEncoder(buffer.out, buffer.encoder);
            registered.writer().write(record, buffer.encoder);
            buffer.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize a " + schema.getFullName() + " for topic '" + topic
                    + "' with schema id " + registered.id() + ": " + e.getMessage(), e);
        }
        final byte[] bytes = buffer.out.toByteArray();
        if (buffer.out.capacity() > MAX_KEPT_BUFFER) {
            BUFFERS.remove(); // one huge record must not pin its buffer to the thread for ever
        }
        return bytes;
    }

    /** The largest buffer a thread keeps between records. */
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    /** A thread's output buffer and the encoder reused over it. */
    private static final class Buffer {
        final ExposedByteArrayOutputStream out = new ExposedByteArrayOutputStream();
        BinaryEncoder encoder;
    }

    /** A byte stream that says how large its array has grown. */
    private static final class ExposedByteArrayOutputStream extends ByteArrayOutputStream {
        ExposedByteArrayOutputStream() {
            super(1024);
        }

        int capacity() {
            return buf.length;
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
    private record Registered<T>(Schema schema, int id, DatumWriter<T> writer) {
    }
}
