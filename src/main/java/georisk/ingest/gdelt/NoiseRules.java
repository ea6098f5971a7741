package georisk.ingest.gdelt;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which GDELT rows are imported: the dyad filter and the corroboration thresholds of DESIGN.md's
 * "noise-aware" property. Pure and Kafka-free; the duplicate rule needs state across rows and
 * lives in {@link StoryCollapser}.
 *
 * @param homes          home countries (alpha-3)
 * @param counterparties watched counterparties; empty watches every country
 * @param allDyads       keep every pair of two different countries, watched or not
 * @param minSources     lowest {@code NumSources} kept (default {@value #DEFAULT_MIN_SOURCES})
 * @param minMentions    lowest {@code NumMentions} kept (default {@value #DEFAULT_MIN_MENTIONS})
 * @param keepNonRoot    keep rows with {@code IsRootEvent} = 0
 */
public record NoiseRules(Set<String> homes, Set<String> counterparties, boolean allDyads,
                         int minSources, int minMentions, boolean keepNonRoot) {
    /** A story carried by one source alone is not corroborated. */
    public static final int DEFAULT_MIN_SOURCES = 2;
    /** Fewer mentions than this in the first 15 minutes is a passing remark. */
    public static final int DEFAULT_MIN_MENTIONS = 3;

    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");

    public NoiseRules {
        homes = Set.copyOf(homes);
        counterparties = Set.copyOf(counterparties);
        if (homes.isEmpty() && !allDyads) {
            throw new IllegalArgumentException("at least one home country is needed, unless every dyad is kept");
        }
        homes.forEach(NoiseRules::requireAlpha3);
        counterparties.forEach(NoiseRules::requireAlpha3);
        if (minSources < 0) {
            throw new IllegalArgumentException("minSources must be >= 0, was " + minSources);
        }
        if (minMentions < 0) {
            throw new IllegalArgumentException("minMentions must be >= 0, was " + minMentions);
        }
    }

    /** The defaults for these dyads: root events with at least 2 sources and 3 mentions. */
    public static NoiseRules defaults(final Set<String> homes, final Set<String> counterparties) {
        return new NoiseRules(homes, counterparties, false, DEFAULT_MIN_SOURCES, DEFAULT_MIN_MENTIONS, false);
    }

    /** The first rule the row breaks, in {@link NoiseRule} order; empty when it passes them all. */
    public Optional<NoiseRule> check(final GdeltRow row) {
        final String actor = row.actor1Country();
        final String target = row.actor2Country();
        if (actor == null || target == null) {
            return Optional.of(NoiseRule.MISSING_COUNTRY);
        }
        if (actor.equals(target)) {
            return Optional.of(NoiseRule.SAME_COUNTRY);
        }
        if (!allDyads && !watched(actor, target)) {
            return Optional.of(NoiseRule.UNWATCHED_DYAD);
        }
        if (!keepNonRoot && !row.rootEvent()) {
            return Optional.of(NoiseRule.NON_ROOT);
        }
        if (row.numSources() < minSources) {
            return Optional.of(NoiseRule.FEW_SOURCES);
        }
        if (row.numMentions() < minMentions) {
            return Optional.of(NoiseRule.FEW_MENTIONS);
        }
        return Optional.empty();
    }

    /** A home country with a watched counterparty, in either direction (the dyad rule of DyadResolver). */
    private boolean watched(final String actor, final String target) {
        return (homes.contains(actor) && isCounterparty(target)) || (homes.contains(target) && isCounterparty(actor));
    }

    private boolean isCounterparty(final String country) {
        return counterparties.isEmpty() || counterparties.contains(country);
    }

    private static void requireAlpha3(final String code) {
        if (code == null || !ALPHA3.matcher(code).matches()) {
            throw new IllegalArgumentException("expected an alpha-3 country code like CAN, got '" + code + "'");
        }
    }
}
