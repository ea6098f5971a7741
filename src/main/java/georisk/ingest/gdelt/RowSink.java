package georisk.ingest.gdelt;

/**
 * Where rejected rows go, exactly as read, with why: the dead-letter path of the producer. Its
 * signature is the producer's {@code deadLetter(source, line, raw, reasonClass, reason)}, so a method
 * reference to it fits.
 */
@FunctionalInterface
public interface RowSink {
    /** A sink that keeps nothing (dry runs, tests that only count). */
    RowSink NONE = (source, line, raw, reasonClass, reason) -> { };

    /**
     * @param source the file ({@code archive.zip!entry} inside a zip)
     * @param line   1-based line number in it
     * @param raw         the row's bytes, without the line end
     * @param reasonClass what is wrong, the same for every row with the same fault ({@link RejectedRow#reason()})
     * @param reason      why it was rejected, with the offending value
     */
    void reject(String source, long line, byte[] raw, String reasonClass, String reason);
}
