package georisk.ingest.gdelt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The columns of one GDELT event row that georisk reads, parsed and checked. Blank text columns
 * are {@code null}. Columns georisk does not read (geography, {@code MonthYear}, {@code QuadClass} …)
 * are not checked: a row is only rejected for what would make the event wrong.
 *
 * @param format         the layout of the file the row came from
 * @param source         the file (or {@code archive.zip!entry}) it came from
 * @param line           its 1-based line in that file
 * @param globalEventId  {@code GLOBALEVENTID}
 * @param eventDate      {@code SQLDATE}: the day the event took place
 * @param actor1Code     {@code Actor1Code}, the full CAMEO actor code (e.g. {@code USAGOV}), or null
 * @param actor1Name     {@code Actor1Name}, or null
 * @param actor1Country  {@code Actor1CountryCode} (three letters), or null when GDELT could not tell
 * @param actor2Code     {@code Actor2Code}, or null
 * @param actor2Name     {@code Actor2Name}, or null
 * @param actor2Country  {@code Actor2CountryCode}, or null
 * @param rootEvent      {@code IsRootEvent} = 1: the event is in the lead paragraph of its first report
 * @param eventCode      {@code EventCode}, 2 to 4 digits, leading zero kept ({@code 0311})
 * @param eventBaseCode  {@code EventBaseCode}
 * @param eventRootCode  {@code EventRootCode}, 2 digits
 * @param goldstein      {@code GoldsteinScale}, −10 … +10
 * @param numMentions    {@code NumMentions}
 * @param numSources     {@code NumSources}
 * @param numArticles    {@code NumArticles}
 * @param avgTone        {@code AvgTone}, about −100 … +100
 * @param dateAdded      {@code DATEADDED} (UTC): 2.0 has the minute, 1.0 only the day (midnight)
 * @param sourceUrl      {@code SOURCEURL} (a URL or, in some 1.0 rows, a citation), or null
 */
public record GdeltRow(GdeltFormat format, String source, long line, long globalEventId, LocalDate eventDate,
                       String actor1Code, String actor1Name, String actor1Country,
                       String actor2Code, String actor2Name, String actor2Country,
                       boolean rootEvent, String eventCode, String eventBaseCode, String eventRootCode,
                       double goldstein, int numMentions, int numSources, int numArticles, double avgTone,
                       Instant dateAdded, String sourceUrl) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    private static final Pattern CAMEO = Pattern.compile("[0-9]{2,4}");
    private static final Pattern ROOT = Pattern.compile("[0-9]{2}");

    public GdeltRow {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(eventDate, "eventDate");
        Objects.requireNonNull(eventCode, "eventCode");
        Objects.requireNonNull(eventRootCode, "eventRootCode");
        Objects.requireNonNull(dateAdded, "dateAdded");
    }

    /** The UTC day the row was added to GDELT: the day its story was reported. */
    public LocalDate reportedDay() {
        return LocalDate.ofInstant(dateAdded, ZoneOffset.UTC);
    }

    /**
     * Parses the columns of one row.
     *
     * @param columns the row split on tabs, exactly {@code format.columns()} of them
     * @throws GdeltRowException naming the column and what is wrong with it
     */
    public static GdeltRow parse(final GdeltFormat format, final String[] columns, final String source, final long line) {
        if (columns.length != format.columns()) {
            throw new GdeltRowException("wrong number of columns",
                    columns.length + ", a " + format.label() + " row has " + format.columns());
        }
        final String sourceUrl = format.sourceUrlColumn() < 0 ? null : text(columns[format.sourceUrlColumn()]);
        return new GdeltRow(format, source, line,
                positiveLong(columns, GdeltFormat.GLOBALEVENTID, "GLOBALEVENTID"),
                day(columns[GdeltFormat.SQLDATE], "SQLDATE"),
                text(columns[GdeltFormat.ACTOR1_CODE]), text(columns[GdeltFormat.ACTOR1_NAME]),
                country(columns[GdeltFormat.ACTOR1_COUNTRY], "Actor1CountryCode"),
                text(columns[GdeltFormat.ACTOR2_CODE]), text(columns[GdeltFormat.ACTOR2_NAME]),
                country(columns[GdeltFormat.ACTOR2_COUNTRY], "Actor2CountryCode"),
                rootFlag(columns[GdeltFormat.IS_ROOT_EVENT]),
                cameo(columns[GdeltFormat.EVENT_CODE], "EventCode", CAMEO),
                optionalCameo(columns[GdeltFormat.EVENT_BASE_CODE], "EventBaseCode"),
                cameo(columns[GdeltFormat.EVENT_ROOT_CODE], "EventRootCode", ROOT),
                goldstein(columns[GdeltFormat.GOLDSTEIN]),
                count(columns, GdeltFormat.NUM_MENTIONS, "NumMentions"),
                count(columns, GdeltFormat.NUM_SOURCES, "NumSources"),
                count(columns, GdeltFormat.NUM_ARTICLES, "NumArticles"),
                finite(columns[GdeltFormat.AVG_TONE], "AvgTone"),
                dateAdded(columns[format.dateAddedColumn()], format.dateAddedHasTime()),
                sourceUrl);
    }

    private static String text(final String column) {
        final String s = column.strip();
        return s.isEmpty() ? null : s;
    }

    private static String required(final String column, final String name) {
        final String s = text(column);
        if (s == null) {
            throw new GdeltRowException(name + " is blank", "");
        }
        return s;
    }

    private static long positiveLong(final String[] columns, final int index, final String name) {
        final String s = required(columns[index], name);
        final long value;
        try {
            value = Long.parseLong(s);
        } catch (final NumberFormatException e) {
            throw new GdeltRowException(name + " is not a whole number", s);
        }
        if (value <= 0) {
            throw new GdeltRowException(name + " is not positive", s);
        }
        return value;
    }

    private static int count(final String[] columns, final int index, final String name) {
        final String s = required(columns[index], name);
        final int value;
        try {
            value = Integer.parseInt(s);
        } catch (final NumberFormatException e) {
            throw new GdeltRowException(name + " is not a whole number", s);
        }
        if (value < 0) {
            throw new GdeltRowException(name + " is negative", s);
        }
        return value;
    }

    private static double finite(final String column, final String name) {
        final String s = required(column, name);
        final double value;
        try {
            value = Double.parseDouble(s);
        } catch (final NumberFormatException e) {
            throw new GdeltRowException(name + " is not a number", s);
        }
        // parseDouble also takes "NaN", "Infinity" and "1e999"
        if (!Double.isFinite(value)) {
            throw new GdeltRowException(name + " is not a number", s);
        }
        return value;
    }

    private static double goldstein(final String column) {
        final double value = finite(column, "GoldsteinScale");
        if (value < -10.0 || value > 10.0) {
            throw new GdeltRowException("GoldsteinScale is outside -10 to 10", column.strip());
        }
        return value;
    }

    private static LocalDate day(final String column, final String name) {
        final String s = required(column, name);
        try {
            return LocalDate.parse(s, DAY);
        } catch (final DateTimeParseException e) {
            throw new GdeltRowException(name + " is not a date YYYYMMDD", s);
        }
    }

    private static Instant dateAdded(final String column, final boolean withTime) {
        if (!withTime) {
            return day(column, "DATEADDED").atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        final String s = required(column, "DATEADDED");
        try {
            return LocalDateTime.parse(s, MINUTE).toInstant(ZoneOffset.UTC);
        } catch (final DateTimeParseException e) {
            throw new GdeltRowException("DATEADDED is not a date-time YYYYMMDDHHMMSS", s);
        }
    }

    private static String country(final String column, final String name) {
        final String s = text(column);
        if (s != null && !COUNTRY.matcher(s).matches()) {
            throw new GdeltRowException(name + " is not a 3-letter CAMEO country code", s);
        }
        return s;
    }

    private static boolean rootFlag(final String column) {
        final String s = required(column, "IsRootEvent");
        return switch (s) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new GdeltRowException("IsRootEvent is not 0 or 1", s);
        };
    }

    private static String cameo(final String column, final String name, final Pattern pattern) {
        final String s = required(column, name);
        if (!pattern.matcher(s).matches()) {
            throw new GdeltRowException(name + " is not a CAMEO code", s);
        }
        return s;
    }

    private static String optionalCameo(final String column, final String name) {
        final String s = text(column);
        if (s != null && !CAMEO.matcher(s).matches()) {
            throw new GdeltRowException(name + " is not a CAMEO code", s);
        }
        return s;
    }
}
