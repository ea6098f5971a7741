package georisk.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes values in Confluent's wire format ({@link WireFormat}) with one schema, registered under the
 * TopicNameStrategy value subject of each topic written (ids cached per topic), and an Avro binary body that
 * {@link Fields} writes. For serdes that write a hot record field by field instead of through a generic datum
 * writer; the bytes are whatever the fields write, so such a serde needs a test that they equal the generic
 * writer's. Thread-safe.
 *
 * @param <T> what is written
 */
public final class FramedWriter<T> {
    /** Writes a value's Avro binary encoding, field by field in the schema's order. */
    @FunctionalInterface
    public interface Fields<T> {
        void write(T value, BinaryEncoder out) throws IOException;
    }

    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final Fields<T> fields;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    /**
     * @param registry where {@code schema} is registered
     * @param schema   the schema the fields write
     * @param fields   the body's writer
     */
    public FramedWriter(final SchemaRegistryClient registry, final Schema schema, final Fields<T> fields) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.fields = Objects.requireNonNull(fields, "fields");
    }

    /** {@code value} framed for {@code topic}; {@code null} for {@code null}. */
    public byte[] write(final String topic, final T value) {
        if (value == null) {
            return null;
        }
        final int id = ids.computeIfAbsent(topic, t -> registry.register(AvroSerializer.subject(t, false), schema));
        try {
            return frame(id, value, fields);
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize a " + schema.getFullName() + " for topic '" + topic
                    + "' with schema id " + id + ": " + e, e);
        }
    }

    /**
     * The wire format of {@code value}: header with {@code schemaId}, then what {@code fields} writes, through one
     * reusable buffer and buffered encoder per thread, so a record costs one array of its exact size.
     */
    static <V> byte[] frame(final int schemaId, final V value, final Fields<V> fields) throws IOException {
        final Buffer buffer = BUFFERS.get();
        buffer.out.reset();
        buffer.out.writeBytes(WireFormat.header(schemaId));
        buffer.encoder = EncoderFactory.get().binaryEncoder(buffer.out, buffer.encoder);
        fields.write(value, buffer.encoder);
        buffer.encoder.flush();
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
}
