package georisk.ingest.gdelt;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an input stream line by line as raw bytes, so that a rejected row can go to the
 * dead-letter topic exactly as it was. A line ends at {@code \n}; a {@code \r} before it is
 * dropped. Memory is bounded: a line longer than {@code maxLineBytes} is cut there and reported
 * as too long (its remaining bytes are skipped), so a binary file cannot exhaust the heap.
 * Does not close the stream (a zip entry's stream belongs to its archive).
 */
final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private int length;
    private boolean tooLong;
    private long number;

    LineReader(final InputStream in, final int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (any) {
                        number++;
                    }
                    return any;
                }
            }
            any = true;
            final byte b = buffer[pos++];
            if (b == '\n') {
                number++;
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return true;
            }
            if (length == maxLineBytes) {
                tooLong = true;
            } else {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
                }
                line[length++] = b;
            }
        }
    }

    /** The current line's bytes (a copy; at most {@code maxLineBytes}). */
    byte[] bytes() {
        return Arrays.copyOf(line, length);
    }

    /** Whether the current line was longer than {@code maxLineBytes} and was cut. */
    boolean tooLong() {
        return tooLong;
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }
}
