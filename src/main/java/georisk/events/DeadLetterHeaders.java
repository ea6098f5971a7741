package georisk.events;

import java.nio.charset.StandardCharsets;

/**
 * Header names of records on {@code geo-events-dlq}. A dead letter keeps the original key and
 * value bytes untouched; these headers say why it was set aside and where it came from.
 *
 * <p>Two kinds of dead letters share the topic: records the topology could not use (stage
 * {@code validate-events}, with {@link #SOURCE_TOPIC}, {@link #SOURCE_PARTITION} and {@link #SOURCE_OFFSET})
 * and input lines a producer rejected before sending (stage {@code ingest}, keyed by the source name,
 * with {@link #SOURCE_FILE} and {@link #SOURCE_LINE}).
 */
public final class DeadLetterHeaders {
    /** Why the record could not be used, one line (UTF-8). */
    public static final String REASON = "georisk.dlq.reason";
    /** The stage that set it aside, e.g. {@code validate-events} (UTF-8). */
    public static final String STAGE = "georisk.dlq.stage";
    /** Topic the record was read from (UTF-8). */
    public static final String SOURCE_TOPIC = "georisk.dlq.source.topic";
    /** Partition it was read from (decimal, UTF-8). */
    public static final String SOURCE_PARTITION = "georisk.dlq.source.partition";
    /** Offset it was read from (decimal, UTF-8). */
    public static final String SOURCE_OFFSET = "georisk.dlq.source.offset";
    /** File (or other named source) an ingested line came from, as given to the producer (UTF-8). */
    public static final String SOURCE_FILE = "georisk.dlq.source.file";
    /** 1-based line of the record in {@link #SOURCE_FILE} (decimal, UTF-8); where a record spans lines, its first. */
    public static final String SOURCE_LINE = "georisk.dlq.source.line";
    /** When it was set aside, ISO-8601 instant (UTF-8). */
    public static final String FAILED_AT = "georisk.dlq.failed.at";
    /**
     * The most bytes (UTF-8) of a {@link #REASON} header: a reason quoting a huge value must not make the dead
     * letter larger than the broker accepts, nor fill a log line. Longer reasons are cut by {@link #reason}.
     */
    public static final int MAX_REASON_BYTES = 1024;

    private static final String CUT = "... (cut; ";

    private DeadLetterHeaders() {
    }

    /**
     * The value of a {@link #REASON} header: the reason on one line, cut to at most {@link #MAX_REASON_BYTES}
     * bytes of UTF-8 at a character boundary, with its full length said when it was cut. Every writer of dead
     * letters sets the header through this.
     */
    public static String reason(final String reason) {
        final String oneLine = String.valueOf(reason).replaceAll("\\s*\\R\\s*", " ");
        final byte[] utf8 = oneLine.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_REASON_BYTES) {
            return oneLine;
        }
        final String tail = CUT + utf8.length + " bytes in all)";
        final int room = MAX_REASON_BYTES - tail.length();
        // the longest prefix of whole characters that fits in room bytes
        int chars = 0;
        int bytes = 0;
        while (chars < oneLine.length()) {
            final int cp = oneLine.codePointAt(chars);
            final int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > room) {
                break;
            }
            bytes += size;
            chars += Character.charCount(cp);
        }
        return oneLine.substring(0, chars) + tail;
    }
}
