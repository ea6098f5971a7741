package georisk.ingest.gdelt;

/**
 * Why a well-formed GDELT row was set aside rather than imported (DESIGN.md, scoring contract 7:
 * machine-coded news needs corroboration). Rules are checked in this order and a row is counted
 * under the first one it breaks.
 */
public enum NoiseRule {
    /** {@code Actor1CountryCode} or {@code Actor2CountryCode} is blank: no dyad to score. */
    MISSING_COUNTRY("missing-country", "an actor has no country code"),
    /** Both actors are of the same country: domestic news, no dyad. */
    SAME_COUNTRY("same-country", "both actors are of the same country"),
    /** The pair is not a home country with a watched counterparty (off with --all-dyads). */
    UNWATCHED_DYAD("unwatched-dyad", "not a home country with a watched counterparty"),
    /** {@code IsRootEvent} = 0: not in the lead paragraph of its report (kept with --keep-non-root). */
    NON_ROOT("non-root", "not a root event (IsRootEvent = 0)"),
    /** {@code NumSources} below the minimum (--min-sources). */
    FEW_SOURCES("few-sources", "NumSources below the minimum"),
    /** {@code NumMentions} below the minimum (--min-mentions). */
    FEW_MENTIONS("few-mentions", "NumMentions below the minimum"),
    /** Another row of the same story, reported the same day, had more attention. */
    DUPLICATE("duplicate", "a duplicate of a story kept from another row");

    private final String label;
    private final String description;

    NoiseRule(final String label, final String description) {
        this.label = label;
        this.description = description;
    }

    /** Short name used in reports and docs, e.g. {@code few-sources}. */
    public String label() {
        return label;
    }

    /** One line for people. */
    public String description() {
        return description;
    }
}
