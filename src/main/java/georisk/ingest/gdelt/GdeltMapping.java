package georisk.ingest.gdelt;

import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.SourceKind;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a GDELT row into a {@link GeoEvent}: the CAMEO {@code EventCode} gives georisk's
 * {@link EventType}; the row keeps its own CAMEO code, Goldstein value, tone and attention counts.
 *
 * <p>The type is looked up most specific first: an exact code ({@code 172} only, not its children
 * {@code 1721}–{@code 1724}, which restrict political freedoms and are not trade measures), then a
 * code family by the row's code, its 3-digit base and its 2-digit root ({@code 1122} → {@code 112} →
 * HOSTILE_STATEMENT; {@code 0356} → {@code 03} → CONCILIATORY_STATEMENT); anything else is OTHER with its
 * own CAMEO code. {@code 163} ("impose embargo, boycott, or sanctions") is SANCTION: DESIGN.md gives it
 * to TARIFF_IMPOSED as well, but nothing in a GDELT row says that a boycott or embargo was a tariff,
 * and calling every embargo a tariff would overstate trade measures. The table is documented in
 * {@code docs/gdelt.md}.
 *
 * <p>Headlines are written from the actors' names, a short phrase per code family written for georisk
 * (GDELT's CAMEO description file is not shipped: its licence is not stated where we got it) and the
 * source's host.
 */
public final class GdeltMapping {
    /** Codes that map only exactly, not their sub-codes. */
    private static final Map<String, EventType> EXACT = new LinkedHashMap<>();
    /** Codes that map with all their sub-codes, looked up by code, base (3 digits), root (2 digits). */
    private static final Map<String, EventType> FAMILY = new LinkedHashMap<>();
    /** A verb phrase per code family, for headlines ("United States" + phrase + "Canada"). */
    private static final Map<String, String> PHRASE = new LinkedHashMap<>();

    /** Highest confidence of a machine-coded event: never "confirmed by a primary source" (1.0). */
    public static final double MAX_CONFIDENCE = 0.9;
    /** Confidence factor of an event outside the lead paragraph of its report ({@code IsRootEvent} = 0). */
    public static final double NON_ROOT_FACTOR = 0.75;

    static {
        FAMILY.put("163", EventType.SANCTION);
        EXACT.put("1312", EventType.TARIFF_THREATENED);
        FAMILY.put("085", EventType.TARIFF_RELIEF);
        EXACT.put("172", EventType.TRADE_RESTRICTION);
        EXACT.put("090", EventType.TRADE_INVESTIGATION);
        FAMILY.put("164", EventType.NEGOTIATIONS_HALTED);
        FAMILY.put("046", EventType.NEGOTIATION);
        FAMILY.put("057", EventType.AGREEMENT);
        FAMILY.put("042", EventType.STATE_VISIT);
        FAMILY.put("043", EventType.STATE_VISIT);
        FAMILY.put("044", EventType.LEADERS_MEETING);
        FAMILY.put("111", EventType.HOSTILE_STATEMENT);
        FAMILY.put("112", EventType.HOSTILE_STATEMENT);
        FAMILY.put("03", EventType.CONCILIATORY_STATEMENT);
        FAMILY.put("138", EventType.SOVEREIGNTY_THREAT);
        FAMILY.put("173", EventType.DETENTION);
        FAMILY.put("084", EventType.RELEASE);
        FAMILY.put("19", EventType.MILITARY_ACTION);
        FAMILY.put("20", EventType.MILITARY_ACTION);

        phrase("163", "imposes sanctions, an embargo or a boycott on");
        phrase("1312", "threatens sanctions, an embargo or a boycott against");
        phrase("085", "eases sanctions, an embargo or a boycott on");
        phrase("172", "imposes administrative sanctions on");
        phrase("090", "investigates");
        phrase("164", "halts negotiations with");
        phrase("046", "negotiates with");
        phrase("057", "signs a formal agreement with");
        phrase("042", "visits");
        phrase("043", "hosts a visit by");
        phrase("044", "meets at a third location with");
        phrase("111", "criticizes");
        phrase("112", "accuses");
        phrase("138", "threatens military force against");
        phrase("173", "arrests, detains or charges");
        phrase("084", "releases or returns people or property to");
        phrase("01", "makes a statement about");
        phrase("02", "appeals to");
        phrase("03", "states an intent to cooperate with");
        phrase("04", "consults with");
        phrase("05", "cooperates diplomatically with");
        phrase("06", "cooperates materially with");
        phrase("07", "provides aid to");
        phrase("08", "yields to");
        phrase("09", "investigates");
        phrase("10", "makes a demand of");
        phrase("11", "disapproves of");
        phrase("12", "rejects");
        phrase("13", "threatens");
        phrase("14", "protests against");
        phrase("15", "shows military force toward");
        phrase("16", "reduces relations with");
        phrase("17", "coerces");
        phrase("18", "assaults");
        phrase("19", "fights");
        phrase("20", "uses mass violence against");
    }

    private static void phrase(final String code, final String text) {
        PHRASE.put(code, text);
    }

    private GdeltMapping() {
    }

    /** georisk's type for a CAMEO event code: most specific match first, OTHER when nothing matches. */
    public static EventType typeOf(final String eventCode) {
        final EventType exact = EXACT.get(eventCode);
        if (exact != null) {
            return exact;
        }
        for (final String prefix : prefixes(eventCode)) {
            final EventType family = FAMILY.get(prefix);
            if (family != null) {
                return family;
            }
        }
        return EventType.OTHER;
    }

    /** The row as an event of {@link SourceKind#MACHINE_CODED}, id {@code gdelt-GLOBALEVENTID}. */
    public static GeoEvent toEvent(final GdeltRow row) {
        final EventType type = typeOf(row.eventCode());
        final String url = isUrl(row.sourceUrl()) ? row.sourceUrl() : null;
        final String sourceName = sourceName(row.sourceUrl());
        return GeoEvent.newBuilder()
                .setId("gdelt-" + row.globalEventId())
                .setOccurredAt(row.eventDate().atStartOfDay().toInstant(ZoneOffset.UTC))
                .setReportedAt(row.dateAdded())
                .setActor(row.actor1Country())
                .setTarget(row.actor2Country())
                .setType(type)
                .setCameoCode(row.eventCode())
                .setGoldstein(row.goldstein())
                .setTone(row.avgTone())
                .setMentions(row.numMentions())
                .setSources(row.numSources())
                .setArticles(row.numArticles())
                .setHeadline(headline(row, sourceName))
                .setSourceName(sourceName)
                .setSourceUrl(url)
                .setSourceKind(SourceKind.MACHINE_CODED)
                .setConfidence(confidence(row.numSources(), row.rootEvent()))
                .build();
    }

    /**
     * Confidence from corroboration: {@code 0.9 × (1 − 0.5^NumSources)}, times 0.75 for a non-root
     * event, rounded to 3 decimals. One source gives 0.45, two 0.675, three 0.788, five 0.872; it never
     * reaches 0.9 (a machine-coded event is never confirmed by a primary source).
     */
    public static double confidence(final int numSources, final boolean rootEvent) {
        final double corroboration = MAX_CONFIDENCE * (1.0 - Math.pow(0.5, numSources));
        final double c = rootEvent ? corroboration : corroboration * NON_ROOT_FACTOR;
        return Math.round(c * 1000.0) / 1000.0;
    }

    /**
     * The publication of a report: the host of a URL, lower case, without {@code www.}; a citation
     * that is not a URL (some GDELT 1.0 rows) as it is; null for none.
     */
    public static String sourceName(final String sourceUrl) {
        if (sourceUrl == null || sourceUrl.isBlank()) {
            return null;
        }
        if (!isUrl(sourceUrl)) {
            return sourceUrl.strip();
        }
        final int start = sourceUrl.indexOf("://") + 3;
        int end = start;
        while (end < sourceUrl.length() && "/?#:".indexOf(sourceUrl.charAt(end)) < 0) {
            end++;
        }
        String host = sourceUrl.substring(start, end).toLowerCase(Locale.ROOT);
        final int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return host.isEmpty() ? null : host;
    }

    /**
     * One line for people, e.g. {@code United States imposes sanctions, an embargo or a boycott on Canada
     * (CAMEO 163, reuters.com)}. Actors are named by GDELT's actor name, else their country code.
     */
    static String headline(final GdeltRow row, final String sourceName) {
        final String phrase = phraseOf(row.eventCode());
        final String where = sourceName == null ? "" : ", " + sourceName;
        return name(row.actor1Name(), row.actor1Country()) + " " + phrase + " "
                + name(row.actor2Name(), row.actor2Country()) + " (CAMEO " + row.eventCode() + where + ")";
    }

    private static String phraseOf(final String eventCode) {
        for (final String prefix : prefixes(eventCode)) {
            final String p = PHRASE.get(prefix);
            if (p != null) {
                return p;
            }
        }
        return "acts toward";
    }

    /** The code, its 3-digit base and its 2-digit root, most specific first, without repeats. */
    private static List<String> prefixes(final String code) {
        if (code.length() >= 4) {
            return List.of(code, code.substring(0, 3), code.substring(0, 2));
        }
        if (code.length() == 3) {
            return List.of(code, code.substring(0, 2));
        }
        return List.of(code);
    }

    private static boolean isUrl(final String s) {
        if (s == null) {
            return false;
        }
        final String lower = s.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** GDELT writes names in capitals: {@code UNITED STATES} → {@code United States}. */
    private static String name(final String actorName, final String country) {
        if (actorName == null) {
            return country == null ? "someone" : country;
        }
        final StringBuilder sb = new StringBuilder(actorName.length());
        boolean wordStart = true;
        for (final char c : actorName.toCharArray()) {
            sb.append(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
            wordStart = c == ' ' || c == '-';
        }
        return sb.toString();
    }
}
