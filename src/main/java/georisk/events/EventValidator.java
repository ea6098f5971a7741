package georisk.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks {@link GeoEvent} and {@link TradeExposure} records against georisk's rules and returns every
 * problem found, not only the first, so that a producer or the dead-letter queue can say all that is
 * wrong with a record at once.
 *
 * <p>Pure and Kafka-free: the stream topology's validate stage and every producer call the same
 * functions. Time enters only through the {@code now} argument, so results are reproducible.
 * The rules are listed in {@code docs/scenario-format.md}.
 */
public final class EventValidator {
    /** Earliest accepted event time: events before 1900 are taken for a unit or parsing mistake. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** How far ahead of {@code now} an event may lie (scheduled tariffs are announced months ahead). */
    public static final Duration MAX_AHEAD = Duration.ofDays(365);
    /** Bounds of the Goldstein scale. */
    public static final double GOLDSTEIN_MIN = -10.0;
    public static final double GOLDSTEIN_MAX = 10.0;
    /** Highest accepted tariff rate in percent; real rates stay well below, 1000 catches unit slips. */
    public static final double TARIFF_RATE_MAX = 1000.0;

    // Size limits, in characters (UTF-16 code units, Java's String.length()). They keep every record, the
    // state derived from it and the messages about it small whatever a producer sends; real values stay far
    // below them. docs/scenario-format.md lists them.
    /** Longest event id. */
    public static final int MAX_ID_LENGTH = 200;
    /** Longest headline: one line a person reads. */
    public static final int MAX_HEADLINE_LENGTH = 500;
    /** Most sectors on one event. */
    public static final int MAX_SECTORS = 32;
    /** Longest sector name. */
    public static final int MAX_SECTOR_LENGTH = 64;
    /** Longest source name (publication, agency) and exposure source. */
    public static final int MAX_SOURCE_NAME_LENGTH = 200;
    /** Longest source URL (the common practical limit of browsers and servers). */
    public static final int MAX_URL_LENGTH = 2048;
    /** Longest dyad text of a trade exposure ({@code HOME-COUNTERPARTY} is 7). */
    public static final int MAX_DYAD_LENGTH = 7;
    /** How much of a bad value a message quotes; the rest is summarised by its length. */
    static final int MAX_QUOTED = 40;

    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");
    private static final Pattern CAMEO = Pattern.compile("[0-9]{2,4}");

    private EventValidator() {
    }

    /**
     * All problems of one event; empty when it is valid.
     *
     * @param event the event (may be partly filled: missing required fields are reported, not thrown)
     * @param now   the reference time for the "not too far in the future" rule
     */
    public static List<ValidationProblem> validate(GeoEvent event, Instant now) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(now, "now");
        final List<ValidationProblem> problems = new ArrayList<>();

        if (isBlank(event.getId())) {
            problems.add(new ValidationProblem("id", "must not be blank"));
        } else {
            maxLength(problems, "id", event.getId(), MAX_ID_LENGTH);
        }
        final boolean actorOk = countryCode(problems, "actor", event.getActor());
        final boolean targetOk = countryCode(problems, "target", event.getTarget());
        if (actorOk && targetOk && event.getActor().equals(event.getTarget())) {
            problems.add(new ValidationProblem("target",
                    "must differ from actor, both are " + event.getActor()));
        }
        eventTime(problems, "occurredAt", event.getOccurredAt(), now);
        if (event.getReportedAt() == null) {
            problems.add(new ValidationProblem("reportedAt", "is required"));
        }

        if (event.getType() == null) {
            problems.add(new ValidationProblem("type", "is required"));
        } else if (event.getType() == EventType.OTHER && isBlank(event.getCameoCode())) {
            problems.add(new ValidationProblem("type", "OTHER needs a cameoCode that says what happened"));
        }
        if (event.getCameoCode() != null && !CAMEO.matcher(event.getCameoCode()).matches()) {
            problems.add(new ValidationProblem("cameoCode",
                    "must be 2 to 4 digits, was " + quoted(event.getCameoCode())));
        }
        if (event.getGoldstein() != null) {
            within(problems, "goldstein", event.getGoldstein(), GOLDSTEIN_MIN, GOLDSTEIN_MAX);
        }
        if (event.getTone() != null && !Double.isFinite(event.getTone())) {
            problems.add(new ValidationProblem("tone", "must be a finite number, was " + event.getTone()));
        }
        within(problems, "confidence", event.getConfidence(), 0.0, 1.0);
        notNegative(problems, "mentions", event.getMentions());
        notNegative(problems, "sources", event.getSources());
        notNegative(problems, "articles", event.getArticles());

        if (event.getTariffRate() != null) {
            within(problems, "tariffRate", event.getTariffRate(), 0.0, TARIFF_RATE_MAX);
        }
        money(problems, "affectedTradeValue", event.getAffectedTradeValue(),
                "tradeCurrency", event.getTradeCurrency());

        if (event.getSectors() == null) {
            problems.add(new ValidationProblem("sectors", "must be a list (empty when none)"));
        } else if (event.getSectors().size() > MAX_SECTORS) {
            problems.add(new ValidationProblem("sectors",
                    "must have at most " + MAX_SECTORS + " entries, has " + event.getSectors().size()));
        } else if (event.getSectors().stream().anyMatch(EventValidator::isBlank)) {
            problems.add(new ValidationProblem("sectors", "must not contain blank entries"));
        } else {
            event.getSectors().stream().filter(sector -> sector.length() > MAX_SECTOR_LENGTH).findFirst()
                    .ifPresent(sector -> problems.add(new ValidationProblem("sectors", "entries must be at most "
                            + MAX_SECTOR_LENGTH + " characters, one has " + sector.length() + ": " + quoted(sector))));
        }
        if (isBlank(event.getHeadline())) {
            problems.add(new ValidationProblem("headline", "must not be blank"));
        } else {
            maxLength(problems, "headline", event.getHeadline(), MAX_HEADLINE_LENGTH);
        }
        maxLength(problems, "sourceName", event.getSourceName(), MAX_SOURCE_NAME_LENGTH);
        maxLength(problems, "sourceUrl", event.getSourceUrl(), MAX_URL_LENGTH);
        if (event.getSourceKind() == null) {
            problems.add(new ValidationProblem("sourceKind", "is required"));
        }
        return List.copyOf(problems);
    }

    /**
     * The time an event counts from: its {@code occurredAt}, or {@code reported} when the event is dated
     * later (a tariff "taking effect next month" counts from when it was reported). {@code reported} is the
     * record's timestamp in the topology and the send time in producers, which stamp the record with this
     * same value, so producers, the HTTP intake and replays all agree. Kafka brokers refuse record timestamps
     * more than {@code log.message.timestamp.after.max.ms} (1 hour) ahead of their clock; this time never is.
     *
     * @param event    a valid event
     * @param reported when the event was reported: the record timestamp, or now when sending
     */
    public static Instant effectiveTime(GeoEvent event, Instant reported) {
        final Instant occurred = event.getOccurredAt();
        return occurred.isAfter(reported) ? reported : occurred;
    }

    /** All problems of one trade-exposure record; empty when it is valid. */
    public static List<ValidationProblem> validate(TradeExposure exposure) {
        Objects.requireNonNull(exposure, "exposure");
        final List<ValidationProblem> problems = new ArrayList<>();

        final boolean homeOk = countryCode(problems, "home", exposure.getHome());
        final boolean counterpartyOk = countryCode(problems, "counterparty", exposure.getCounterparty());
        if (homeOk && counterpartyOk) {
            final String expected = exposure.getHome() + "-" + exposure.getCounterparty();
            if (exposure.getHome().equals(exposure.getCounterparty())) {
                problems.add(new ValidationProblem("counterparty",
                        "must differ from home, both are " + exposure.getHome()));
            }
            if (!expected.equals(exposure.getDyad())) {
                problems.add(new ValidationProblem("dyad",
                        "must be home-counterparty \"" + expected + "\", was " + quoted(exposure.getDyad())));
            }
        } else if (isBlank(exposure.getDyad())) {
            problems.add(new ValidationProblem("dyad", "must not be blank"));
        } else {
            maxLength(problems, "dyad", exposure.getDyad(), MAX_DYAD_LENGTH);
        }
        if (exposure.getAsOf() == null) {
            problems.add(new ValidationProblem("asOf", "is required"));
        } else if (exposure.getAsOf().isBefore(EARLIEST)) {
            problems.add(new ValidationProblem("asOf", "must not be before 1900, was " + exposure.getAsOf()));
        }
        within(problems, "exportShare", exposure.getExportShare(), 0.0, 1.0);
        within(problems, "exposure", exposure.getExposure(), 0.0, 1.0);
        money(problems, "exportsValue", exposure.getExportsValue(), "currency", exposure.getCurrency());
        maxLength(problems, "source", exposure.getSource(), MAX_SOURCE_NAME_LENGTH);
        return List.copyOf(problems);
    }

    /** The problems as one line, {@code field: reason; field: reason}, for logs and DLQ headers. */
    public static String describe(List<ValidationProblem> problems) {
        return problems.stream().map(ValidationProblem::toString).collect(Collectors.joining("; "));
    }

    private static boolean countryCode(List<ValidationProblem> problems, String field, String code) {
        if (code == null || !ALPHA3.matcher(code).matches()) {
            problems.add(new ValidationProblem(field,
                    "must be three upper-case letters (alpha-3, e.g. CAN), was " + quoted(code)));
            return false;
        }
        return true;
    }

    private static void eventTime(List<ValidationProblem> problems, String field, Instant time, Instant now) {
        if (time == null) {
            problems.add(new ValidationProblem(field, "is required"));
        } else if (time.isBefore(EARLIEST)) {
            problems.add(new ValidationProblem(field, "must not be before 1900, was " + time));
        } else if (time.isAfter(now.plus(MAX_AHEAD))) {
            problems.add(new ValidationProblem(field,
                    "must not be more than a year after now (" + now + "), was " + time));
        }
    }

    private static void money(List<ValidationProblem> problems, String valueField, Double value,
                              String currencyField, String currency) {
        if (value != null && !(value >= 0.0 && Double.isFinite(value))) {
            problems.add(new ValidationProblem(valueField, "must be a finite number >= 0, was " + value));
        }
        if (currency != null && !ALPHA3.matcher(currency).matches()) {
            problems.add(new ValidationProblem(currencyField,
                    "must be an ISO 4217 code of three upper-case letters (e.g. CAD), was " + quoted(currency)));
        } else if (value != null && currency == null) {
            problems.add(new ValidationProblem(currencyField, "is required when " + valueField + " is set"));
        }
    }

    private static void within(List<ValidationProblem> problems, String field, Double value,
                               double min, double max) {
        // written so that NaN fails too
        if (value == null || !(value >= min && value <= max)) {
            problems.add(new ValidationProblem(field,
                    "must be within [" + plain(min) + ", " + plain(max) + "], was " + value));
        }
    }

    private static void notNegative(List<ValidationProblem> problems, String field, Integer value) {
        if (value == null || value < 0) {
            problems.add(new ValidationProblem(field, "must be >= 0, was " + value));
        }
    }

    private static String plain(double bound) {
        return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
    }

    private static void maxLength(final List<ValidationProblem> problems, final String field, final String value,
                                  final int max) {
        if (value != null && value.length() > max) {
            problems.add(new ValidationProblem(field,
                    "must be at most " + max + " characters, has " + value.length() + ": " + quoted(value)));
        }
    }

    /** A value for a message, in quotes; a long one cut to its start and its length, so messages stay short. */
    static String quoted(final String s) {
        if (s == null) {
            return "null";
        }
        if (s.length() <= MAX_QUOTED) {
            return "\"" + s + "\"";
        }
        return "\"" + s.substring(0, MAX_QUOTED) + "...\" (" + s.length() + " characters)";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
