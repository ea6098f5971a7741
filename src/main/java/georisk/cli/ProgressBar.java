package georisk.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of reading a large file, for {@code georisk produce}: percent of the bytes read, records and
 * records per second. On a terminal the bar is redrawn in place ({@code \r}) a few times a second;
 * otherwise (a pipe, a log, a test) a plain line is printed every few seconds. Small files show nothing:
 * the bar appears for files of {@value #LARGE_BYTES} bytes or more, or once {@value #LARGE_RECORDS}
 * records have been read.
 */
final class ProgressBar {
    static final long LARGE_BYTES = 1L << 20;
    static final long LARGE_RECORDS = 10_000;
    private static final long TERMINAL_REDRAW_NANOS = 200_000_000L;
    private static final long LINE_EVERY_NANOS = 5_000_000_000L;
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoClock;

    private String label;
    private long totalBytes;
    private long startNanos;
    private long lastDrawNanos;
    private long bytes;
    private long records;
    private boolean shown;
    /** Length of the bar currently on the terminal line, 0 when none. */
    private int drawnLength;

    /**
     * @param out       where to draw
     * @param terminal  true to redraw in place (stdout is a terminal: {@code System.console() != null})
     * @param nanoClock a monotonic clock ({@code System::nanoTime})
     */
    ProgressBar(final PrintWriter out, final boolean terminal, final LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    /** Starts following one file. */
    void start(final String newLabel, final long newTotalBytes) {
        label = newLabel;
        totalBytes = newTotalBytes;
        startNanos = nanoClock.getAsLong();
        lastDrawNanos = startNanos;
        bytes = 0;
        records = 0;
        shown = false;
        drawnLength = 0;
    }

    /** After each record; cheap unless it is time to draw. */
    void update(final long bytesRead, final long recordsRead) {
        bytes = bytesRead;
        records = recordsRead;
        if (!shown && (totalBytes >= LARGE_BYTES || records >= LARGE_RECORDS)) {
            shown = true;
        }
        if (!shown) {
            return;
        }
        final long now = nanoClock.getAsLong();
        if (now - lastDrawNanos >= (terminal ? TERMINAL_REDRAW_NANOS : LINE_EVERY_NANOS)) {
            lastDrawNanos = now;
            draw(now);
        }
    }

    /** The file is read: a last 100 % line when the bar was shown. */
    void finish() {
        if (!shown) {
            return;
        }
        bytes = Math.max(bytes, totalBytes);
        draw(nanoClock.getAsLong());
        if (terminal) {
            out.println();
            drawnLength = 0;
        }
        out.flush();
        shown = false;
    }

    /** Prints a message on a line of its own, clearing and redrawing the bar around it on a terminal. */
    void println(final String message) {
        if (terminal && drawnLength > 0) {
            out.print("\r" + " ".repeat(drawnLength) + "\r");
            drawnLength = 0;
            out.println(message);
            draw(nanoClock.getAsLong());
        } else {
            out.println(message);
        }
        out.flush();
    }

    /** The text of the bar now, e.g. {@code events.csv [#####-----]  52%  12,345 records  4,100/s}. */
    String line(final long now) {
        final double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        final int percent = totalBytes <= 0 ? 100 : (int) Math.min(100, bytes * 100 / totalBytes);
        final long rate = Math.round(records / seconds);
        if (!terminal) {
            return String.format(Locale.ROOT, "%s: %d%% (%,d records, %,d records/s)", label, percent, records, rate);
        }
        final int filled = percent * WIDTH / 100;
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %,d records  %,d/s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), percent, records, rate);
    }

    private void draw(final long now) {
        final String text = line(now);
        if (terminal) {
            // pad over a longer previous line (the rate can shrink by a digit)
            out.print("\r" + text + " ".repeat(Math.max(0, drawnLength - text.length())));
            drawnLength = text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }
}
