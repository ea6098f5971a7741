package georisk.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line, holding at most {@code maxChars} characters of a line: a longer line is cut there
 * and the rest of it skipped (its full length is still counted), so that a 100 MB file without a line break
 * costs no more memory than a short line. Lines end at {@code \n}, {@code \r} or {@code \r\n}, as
 * {@link java.io.BufferedReader#readLine()} has it; they are numbered from 1.
 */
final class BoundedLineReader {
    /**
     * One line.
     *
     * @param number its 1-based number
     * @param text   the line without its terminator, or its first {@code maxChars} characters when longer
     * @param length the line's full length in characters
     */
    record Line(long number, String text, long length) {
        /** Whether the line was longer than the reader's bound, and {@link #text()} holds only its start. */
        boolean tooLong() {
            return length > text.length();
        }
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;
    private boolean skipLineFeed;
    private long number;

    /**
     * @param in       the text; not closed here
     * @param maxChars the most characters of one line held
     */
    BoundedLineReader(final Reader in, final int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
        }
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, or {@code null} at the end of the input. */
    Line next() throws IOException {
        final StringBuilder text = new StringBuilder();
        long length = 0;
        boolean started = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!started) {
                        return null;
                    }
                    break;
                }
            }
            final char c = buffer[pos++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;  // the second half of \r\n
                }
            }
            started = true;
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                skipLineFeed = true;
                break;
            }
            if (length < maxChars) {
                text.append(c);
            }
            length++;
        }
        number++;
        return new Line(number, text.toString(), length);
    }

    /** The bound on one line, in characters. */
    int maxChars() {
        return maxChars;
    }
}
