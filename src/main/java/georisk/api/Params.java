package georisk.api;

import georisk.query.HistoryWindow;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/** Path and query parameters of the API, checked: a bad one is a 400 whose message names it. */
final class Params {
    private static final Pattern DYAD = Pattern.compile("[A-Z]{3}-[A-Z]{3}");
    private static final String TIME_FORMS = "an ISO date or instant (e.g. 2025-03-04 or 2025-03-04T14:00:00Z)";
    /** The range of {@code from} and {@code to}: four-digit years, whose instants every store query can take. */
    static final Instant EARLIEST_TIME = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    private Params() {
    }

    /** A dyad, {@code HOME-COUNTERPARTY} in upper-case alpha-3. */
    static String dyad(final String text) {
        if (text == null || !DYAD.matcher(text).matches()) {
            throw ApiError.badParameter("dyad", "expected HOME-COUNTERPARTY in upper-case alpha-3 codes, e.g. CAN-USA, "
                    + "was " + quoted(text));
        }
        return text;
    }

    /** {@code 1d}, {@code 7d} or {@code 30d}; {@code 1d} when absent. */
    static HistoryWindow window(final String text) {
        if (text == null || text.isBlank()) {
            return HistoryWindow.ONE_DAY;
        }
        return HistoryWindow.parse(text).orElseThrow(() ->
                ApiError.badParameter("window", "must be one of " + HistoryWindow.labels() + ", was " + quoted(text)));
    }

    /**
     * An instant given as an ISO date (UTC) or date-time; null when absent. A date stands for the start of
     * that day, or with {@code endOfDay} for its last millisecond, so that {@code to=2025-03-04} includes the day.
     */
    static Instant time(final String name, final String text, final boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        final String t = text.strip();
        final Instant time;
        try {
            if (t.length() == 10) {
                final LocalDate day = LocalDate.parse(t);
                time = endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                time = OffsetDateTime.parse(t).toInstant();
            }
        } catch (final DateTimeException | ArithmeticException e) {
            throw ApiError.badParameter(name, quoted(text) + " is not " + TIME_FORMS);
        }
        // the parser takes years up to +999999999, far past what a store query (epoch milliseconds) can hold
        if (time.isBefore(EARLIEST_TIME) || time.isAfter(LATEST_TIME)) {
            throw ApiError.badParameter(name, quoted(text) + " is out of range: use a time from year 0000 to 9999");
        }
        return time;
    }

    /** A whole number within {@code [min, max]}; {@code otherwise} when absent. */
    static int integer(final String name, final String text, final int min, final int max, final int otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            final int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (final NumberFormatException e) {
            // reported below, with the range
        }
        throw ApiError.badParameter(name, "must be a whole number from " + min + " to " + max + ", was " + quoted(text));
    }

    /** The parameter as given, in quotes; a long one cut, so the message stays one short line. */
    private static String quoted(final String text) {
        if (text == null) {
            return "nothing";
        }
        return text.length() <= 64 ? "\"" + text + "\"" : "\"" + text.substring(0, 64) + "...\"";
    }
}
