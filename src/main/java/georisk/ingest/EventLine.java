package georisk.ingest;

import georisk.events.GeoEvent;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One record read from an event file: where it was, its original text, and either the event (parsed
 * and valid) or the error that keeps it from being sent.
 *
 * @param source the file name as given, e.g. {@code data/events.csv}
 * @param line   the 1-based line where the record starts (a quoted CSV cell may span lines)
 * @param raw    the record's original text, without its final line terminator
 * @param event  the valid event, or {@code null} when {@code error} is set
 * @param error  why the record cannot be sent, located at {@code source} and {@code line}; {@code null} when valid
 */
public record EventLine(String source, long line, String raw, GeoEvent event, EventFormatException error) {
    public EventLine {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(raw, "raw");
        if ((event == null) == (error == null)) {
            throw new IllegalArgumentException("an event line has either an event or an error");
        }
    }

    /** True when the record parsed and passed validation. */
    public boolean isValid() {
        return event != null;
    }

    /** The original text as UTF-8, the value of its dead letter. */
    public byte[] rawBytes() {
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    /** The rejection as the report and the command line show it: {@code events.csv line 7: field: reason}. */
    public IngestReport.Rejection rejection() {
        if (error == null) {
            throw new IllegalStateException("line " + line + " of " + source + " is valid");
        }
        return new IngestReport.Rejection(source, line, IngestReport.reasonClass(error), error.problem());
    }
}
