package georisk.ingest;

import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.ValidationProblem;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads event files record by record, in either {@link EventFileFormat}, and checks each record with
 * {@link EventValidator}: every record comes out as an {@link EventLine}, valid or with the error that
 * keeps it from being sent, so that a caller can go on after a bad line (dead-letter it) or stop
 * ({@code --strict}). Nothing here sends anything; {@link FileIngest} does.
 */
public final class EventFiles {
    /** Receives each record of a file in order. */
    @FunctionalInterface
    public interface Handler {
        /** @return {@code false} to stop reading */
        boolean accept(EventLine line);
    }

    private EventFiles() {
    }

    /**
     * Reads every record of one file.
     *
     * @param source  the file name for messages, e.g. {@code events.csv}
     * @param in      the file's text
     * @param format  its format
     * @param now     the reference time of validation (how far ahead an event may lie)
     * @param handler receives each record
     * @throws EventFormatException located at its line when the file as a whole cannot be read (a CSV header
     *                              with unknown or missing columns)
     * @throws IOException          if reading fails (including bytes that are not UTF-8)
     */
    public static void read(final String source, final BufferedReader in, final EventFileFormat format,
                            final Instant now, final Handler handler) throws IOException {
        switch (format) {
            case JSONL -> JsonLines.forEachRecord(source, in,
                    (text, line) -> handler.accept(check(source, line, text, () -> EventJson.read(text), now)));
            case CSV -> CsvEvents.read(source, in, now, handler);
        }
    }

    /** Parses and validates one record; a format or validation error becomes a rejected line. */
    static EventLine check(final String source, final long line, final String raw, final Supplier<GeoEvent> parse,
                           final Instant now) {
        try {
            final GeoEvent event = parse.get();
            final List<ValidationProblem> problems = EventValidator.validate(event, now);
            if (!problems.isEmpty()) {
                throw EventFormatException.invalid(problems);
            }
            return new EventLine(source, line, raw, event, null);
        } catch (final EventFormatException e) {
            return rejected(source, line, raw, e);
        }
    }

    /** A record that cannot be sent, its error located at the file and line. */
    static EventLine rejected(final String source, final long line, final String raw, final EventFormatException e) {
        return new EventLine(source, line, raw, null, e.at(source, (int) Math.min(line, Integer.MAX_VALUE)));
    }
}
