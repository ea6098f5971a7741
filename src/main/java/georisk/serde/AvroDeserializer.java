package georisk.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads records in Confluent's wire format ({@link WireFormat}) into a generated Avro class.
 *
 * <p>The writer's schema is fetched from the registry by the id in the record's header and resolved
 * against the reader class's schema with Avro's schema resolution: fields the writer did not know get
 * their defaults, fields the reader does not know are skipped. One {@link DatumReader} is built per
 * writer schema id and cached. {@code null} reads as {@code null}. Thread-safe.
 *
 * <p>A record that cannot be read (bad header, truncated or garbage Avro, a writer schema the reader
 * cannot resolve, an id the registry does not know or that names no Avro schema) throws
 * {@link SerializationException} naming the topic and the schema id: a poison record for the consumer's
 * or Streams' deserialization handler. A registry that cannot be reached or refuses georisk throws
 * {@link SchemaRegistryException} instead, because it is not the record's fault.
 *
 * @param <T> the generated record type
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    /**
     * @param registry where writer schemas are looked up
     * @param type     the generated class to read into; its schema is the reader schema
     */
    public AvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.type = Objects.requireNonNull(type, "type");
        // the class's own model carries its logical-type conversions (timestamp-millis -> Instant)
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    /** Nothing to configure: the registry and reader class are given to the constructor. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Deliberately empty: serdes are built by SerdeFactory and set explicitly, never from client config.
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        final int id;
        try {
            id = WireFormat.schemaId(data);
        } catch (SerializationException e) {
            throw new SerializationException("Cannot read a " + type.getSimpleName() + " from topic '" + topic + "': "
                    + e.getMessage(), e);
        }
        DatumReader<T> reader = readerFor(topic, id);
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot read a " + type.getSimpleName() + " from topic '" + topic
                    + "' written with schema id " + id + ": the Avro data is truncated or corrupt (" + e + ")", e);
        }
    }

    private DatumReader<T> readerFor(String topic, int id) {
        DatumReader<T> cached = readersByWriterId.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.kind() == SchemaRegistryException.Kind.NOT_FOUND
                    || e.kind() == SchemaRegistryException.Kind.UNUSABLE_ANSWER) {
                // the registry answered: the id the record carries names no usable Avro schema
                throw new SerializationException("Cannot read a " + type.getSimpleName() + " from topic '" + topic
                        + "': its schema id " + id + " is unknown or not usable. " + e.getMessage(), e);
            }
            throw e; // the registry is down or refuses us: not this record's fault
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            String problems = compatibility.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + (i.getMessage() == null ? "" : " (" + i.getMessage() + ")"))
                    .collect(Collectors.joining("; "));
            throw new SerializationException("Cannot read a " + type.getSimpleName() + " from topic '" + topic
                    + "': its writer schema (id " + id + ", " + writerSchema.getFullName() + ") cannot be resolved to "
                    + readerSchema.getFullName() + ": " + problems);
        }
        DatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        DatumReader<T> previous = readersByWriterId.putIfAbsent(id, reader);
        return previous != null ? previous : reader;
    }
}
