package georisk.serde;

/**
 * Avro's allocation limits, so that no record can make a decoder allocate what the record does not hold.
 * Avro reads a string, bytes or collection length from the data and allocates it before reading the
 * content: ten bytes claiming a 2 GB string are an {@code OutOfMemoryError} (an {@code Error}, which kills a
 * stream thread) unless a limit turns them into an exception first.
 *
 * <p>Avro reads these system properties once, when its classes load, so {@link #apply()} must run before any
 * Avro class is touched: first thing in every process entry point ({@code georisk.cli.GeoriskCommand#main}).
 * A value already set (e.g. {@code -Dorg.apache.avro.limits.string.maxLength=…}) wins.
 *
 * <p>The limits follow from Kafka's record size: a record of at most a few MB cannot hold a longer string
 * or more collection items than these, so no valid record is refused.
 */
public final class AvroLimits {
    /** Longest string, in bytes. */
    public static final long MAX_STRING_BYTES = 8L * 1024 * 1024;
    /** Longest bytes value. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;
    /** Most items in one array or map. */
    public static final long MAX_COLLECTION_ITEMS = 1_000_000;

    static final String STRING = "org.apache.avro.limits.string.maxLength";
    static final String BYTES = "org.apache.avro.limits.bytes.maxLength";
    static final String COLLECTION = "org.apache.avro.limits.collectionItems.maxLength";

    private AvroLimits() {
    }

    /** Sets the limits as system properties, unless set already. Call before any Avro class loads. */
    public static void apply() {
        setIfAbsent(STRING, MAX_STRING_BYTES);
        setIfAbsent(BYTES, MAX_BYTES);
        setIfAbsent(COLLECTION, MAX_COLLECTION_ITEMS);
    }

    private static void setIfAbsent(final String property, final long value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(value));
        }
    }
}
