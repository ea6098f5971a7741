package georisk.query;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The event-time windows of a dyad's history: 1-day tumbling, 7-day and 30-day hopping by a day. Only the daily
 * bars are stored; the longer windows are rolled up from them at query time ({@code ScoreBars.rollUp}).
 */
public enum HistoryWindow {
    ONE_DAY("1d", Duration.ofDays(1)),
    SEVEN_DAYS("7d", Duration.ofDays(7)),
    THIRTY_DAYS("30d", Duration.ofDays(30));

    private final String label;
    private final Duration size;

    HistoryWindow(final String label, final Duration size) {
        this.label = label;
        this.size = size;
    }

    /** How it is written in URLs and answers: {@code 1d}, {@code 7d}, {@code 30d}. */
    public String label() {
        return label;
    }

    /** The length of one window. */
    public Duration size() {
        return size;
    }

    /** The window written {@code text} ({@code 1d}, {@code 7d}, {@code 30d}; case-insensitive), if any. */
    public static Optional<HistoryWindow> parse(final String text) {
        if (text == null) {
            return Optional.empty();
        }
        final String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(w -> w.label.equals(wanted)).findFirst();
    }

    /** The accepted labels, {@code 1d|7d|30d}, for error messages. */
    public static String labels() {
        return Arrays.stream(values()).map(HistoryWindow::label).collect(Collectors.joining("|"));
    }
}
