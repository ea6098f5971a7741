package georisk.ingest;

import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.ValidationProblem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads event files record by record, in either {@link EventFileFormat}, and checks each record with
 * {@link EventValidator}: every record comes out as an {@link EventLine}, valid or with the error that
 * keeps it from being sent, so that a caller can go on after a bad line (dead-letter it) or stop
 * ({@code --strict}). Nothing here sends anything; {@link FileIngest} does.
 *
 * <p>Memory is bounded whatever the file holds: a record (a JSON line, a CSV record with its quoted line
 * breaks) longer than {@link #MAX_RECORD_CHARS} is rejected without being held whole, its first
 * {@link #KEPT_CHARS} characters kept for its dead letter, and reading goes on with the next line.
 */
public final class EventFiles {
    /**
     * The longest record read, in characters: far above any valid event (whose fields are bounded by
     * {@link EventValidator}), far below what would strain the heap or the broker.
     */
    public static final int MAX_RECORD_CHARS = 256 * 1024;
    /** How much of an overlong record its dead letter keeps: enough to recognise it, well under a broker's limit. */
    public static final int KEPT_CHARS = 16 * 1024;

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
        read(source, in, format, now, MAX_RECORD_CHARS, handler);
    }

    /** As {@link #read(String, BufferedReader, EventFileFormat, Instant, Handler)} with another bound on a record. */
    static void read(final String source, final Reader in, final EventFileFormat format, final Instant now,
                     final int maxRecordChars, final Handler handler) throws IOException {
        switch (format) {
            case JSONL -> JsonLines.forEachRecord(source, in, maxRecordChars, new JsonLines.LineHandler() {
                @Override
                public boolean accept(final String text, final int line) {
                    return handler.accept(check(source, line, text, () -> EventJson.read(text), now));
                }

                @Override
                public boolean tooLong(final String start, final int line, final long length, final int max) {
                    return handler.accept(rejected(source, line, kept(start), EventFiles.tooLong(length, max)));
                }
            });
            case CSV -> CsvEvents.read(source, in, now, maxRecordChars, handler);
        }
    }

    /** The error of a record longer than {@code max} characters. */
    static EventFormatException tooLong(final long length, final int max) {
        return new EventFormatException(null, "the record has " + length + " characters, more than the " + max
                + " a record may have; its first " + Math.min(max, KEPT_CHARS) + " are kept in its dead letter");
    }

    /** What the dead letter of an overlong record keeps: its start. */
    static String kept(final String start) {
        return start.length() <= KEPT_CHARS ? start : start.substring(0, KEPT_CHARS);
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
