package georisk.ingest.gdelt;

import java.util.Objects;

/**
 * A row that was rejected: where it is, its bytes as read (without the line end), and why.
 *
 * @param source the file, or {@code archive.zip!entry}
 * @param line   1-based line number in {@code source}
 * @param raw    the row's bytes, for the dead-letter topic
 * @param reason what is wrong, the same text for every row with the same fault (counted by it)
 * @param detail what this row had (the bad value, the column count), or empty
 */
public record RejectedRow(String source, long line, byte[] raw, String reason, String detail) {
    public RejectedRow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** The reason with this row's detail: {@code GoldsteinScale is not a number: abc}. */
    public String fullReason() {
        return detail.isEmpty() ? reason : reason + ": " + detail;
    }

    /** {@code file:line: reason: detail}, for people and logs. */
    @Override
    public String toString() {
        return source + ":" + line + ": " + fullReason();
    }
}
