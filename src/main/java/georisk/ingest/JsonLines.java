package georisk.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * The line loop of every JSON Lines reader ({@link Scenario}, {@link EventFiles}): one record per line,
 * blank lines and lines whose first non-space character is {@code #} skipped, a UTF-8 byte order mark
 * at the start ignored, lines numbered from 1 as an editor shows them. A line longer than the bound on a
 * record ({@link EventFiles#MAX_RECORD_CHARS} unless given) is not held in memory: the handler is told its
 * start and length instead.
 */
final class JsonLines {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** Receives one record line. */
    interface LineHandler {
        /**
         * @param text the line as read, without its line terminator (the original bytes of a dead letter)
         * @param line its 1-based number
         * @return {@code false} to stop reading
         * @throws EventFormatException to stop reading with this error, located at the line
         */
        boolean accept(String text, int line);

        /**
         * A line longer than the bound; by default an error that stops reading.
         *
         * @param start  the line's first characters (as many as the bound)
         * @param line   its 1-based number
         * @param length its full length in characters
         * @param max    the bound
         * @return {@code false} to stop reading
         */
        default boolean tooLong(final String start, final int line, final long length, final int max) {
            throw EventFiles.tooLong(length, max);
        }
    }

    private JsonLines() {
    }

    /** As {@link #forEachRecord(String, Reader, int, LineHandler)} with the bound {@link EventFiles#MAX_RECORD_CHARS}. */
    static void forEachRecord(final String source, final Reader lines, final LineHandler handler) throws IOException {
        forEachRecord(source, lines, EventFiles.MAX_RECORD_CHARS, handler);
    }

    /**
     * Calls {@code handler} with each record line until the end of input or until it returns {@code false}.
     *
     * @param maxChars the longest line handed on whole
     * @throws EventFormatException thrown by the handler, located at {@code source} and the line
     */
    static void forEachRecord(final String source, final Reader lines, final int maxChars, final LineHandler handler)
            throws IOException {
        final BoundedLineReader reader = new BoundedLineReader(lines, maxChars);
        for (BoundedLineReader.Line read = reader.next(); read != null; read = reader.next()) {
            final int lineNumber = (int) Math.min(read.number(), Integer.MAX_VALUE);
            String text = read.text();
            if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
                text = text.substring(1);
            }
            if (!read.tooLong() && isSkipped(text)) {
                continue;
            }
            final boolean more;
            try {
                more = read.tooLong() ? handler.tooLong(text, lineNumber, read.length(), maxChars)
                        : handler.accept(text, lineNumber);
            } catch (final EventFormatException e) {
                throw e.at(source, lineNumber);
            }
            if (!more) {
                return;
            }
        }
    }

    /** Blank lines and {@code #} comments carry no record. */
    static boolean isSkipped(final String text) {
        final String trimmed = text.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#");
    }
}
