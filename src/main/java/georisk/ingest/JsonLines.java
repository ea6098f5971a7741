package georisk.ingest;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The line loop of every JSON Lines reader ({@link Scenario}, {@link EventFiles}): one record per line,
 * blank lines and lines whose first non-space character is {@code #} skipped, a UTF-8 byte order mark
 * at the start ignored, lines numbered from 1 as an editor shows them.
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
    }

    private JsonLines() {
    }

    /**
     * Calls {@code handler} with each record line until the end of input or until it returns {@code false}.
     *
     * @throws EventFormatException thrown by the handler, located at {@code source} and the line
     */
    static void forEachRecord(final String source, final BufferedReader lines, final LineHandler handler)
            throws IOException {
        int lineNumber = 0;
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
                text = text.substring(1);
            }
            if (isSkipped(text)) {
                continue;
            }
            final boolean more;
            try {
                more = handler.accept(text, lineNumber);
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
