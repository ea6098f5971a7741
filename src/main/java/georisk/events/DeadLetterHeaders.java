package georisk.events;

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

    private DeadLetterHeaders() {
    }
}
