package georisk.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Confluent's wire format for a schema-registry-framed record:
 * <pre>
 * byte 0      magic byte, always 0
 * bytes 1–4   schema id, 32-bit big-endian (the registry's global id of the writer's schema)
 * bytes 5–    the record in Avro binary encoding, written with that schema
 * </pre>
 * Byte-compatible with Confluent's {@code KafkaAvroSerializer}/{@code KafkaAvroDeserializer} and every
 * client that speaks the same format.
 */
public final class WireFormat {
    /** The only magic byte Confluent has defined. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /**
     * @param schemaId   the writer schema's registry id
     * @param avroBinary the record in Avro binary encoding
     * @return the framed record: magic byte, id, then {@code avroBinary}
     */
    public static byte[] frame(int schemaId, byte[] avroBinary) {
        return ByteBuffer.allocate(HEADER_SIZE + avroBinary.length)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(avroBinary)
                .array();
    }

    /**
     * @param schemaId the writer schema's registry id
     * @return the 5-byte header: magic byte then the id, big-endian
     */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /**
     * Checks the header of a framed record and returns its schema id. The Avro payload starts at
     * {@link #HEADER_SIZE}.
     *
     * @param framed a record value or key as read from Kafka
     * @return the schema id in bytes 1–4
     * @throws SerializationException if the record is shorter than the header or its first byte is not
     *                                {@link #MAGIC_BYTE}
     */
    public static int schemaId(byte[] framed) {
        if (framed == null || framed.length < HEADER_SIZE) {
            throw new SerializationException("Record too short for the schema-registry wire format: "
                    + (framed == null ? 0 : framed.length) + " bytes, expected at least " + HEADER_SIZE
                    + " (magic byte 0 and a 4-byte schema id) before the Avro data");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + describe(framed[0]) + ", expected 0x00: the record"
                    + " was not written in the schema-registry wire format" + guess(framed) + ".");
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    private static String describe(byte b) {
        String hex = String.format(Locale.ROOT, "0x%02x", b & 0xff);
        return b >= 0x20 && b < 0x7f ? hex + " ('" + (char) b + "')" : hex;
    }

    private static String guess(byte[] framed) {
        if (framed[0] == (byte) 0xc3 && framed[1] == 0x01) {
            return " (it starts with 0xc3 0x01: Avro single-object encoding, as written by the generated classes'"
                    + " toByteBuffer())";
        }
        if (framed[0] == '{' || framed[0] == '[') {
            return " (it looks like JSON)";
        }
        return "";
    }
}
