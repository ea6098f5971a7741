package georisk.topology;

/**
 * Names of every processor, repartition topic and state store of the risk topology, shared with
 * the query layer. Renaming any of them orphans state on the next deploy: the golden
 * {@code topology.describe()} test pins them.
 */
public final class Names {
    /** Streams application id (prefix of internal topics and the consumer group). */
    public static final String DEFAULT_APPLICATION_ID = "georisk-scoring";

    public static final String SOURCE_GEO_EVENTS = "source-geo-events";
    public static final String VALIDATE_EVENTS = "validate-events";
    public static final String ROUTE = "route-";
    public static final String VALID = "valid";
    public static final String INVALID = "invalid";
    public static final String UNWRAP_DEAD_LETTERS = "unwrap-dead-letters";
    public static final String SINK_DLQ = "sink-geo-events-dlq";
    public static final String UNWRAP_EVENTS = "unwrap-events";
    public static final String FILTER_WATCHED = "filter-watched-dyads";
    public static final String KEY_BY_DYAD = "key-by-dyad";
    /** Repartition by dyad: every event of a dyad goes to the task that holds the dyad's state. */
    public static final String BY_DYAD = "by-dyad";
    public static final String SOURCE_TRADE_EXPOSURE = "source-trade-exposure";
    public static final String VALIDATE_EXPOSURES = "validate-exposures";
    public static final String ROUTE_EXPOSURES = "route-exposures-";
    public static final String UNWRAP_EXPOSURE_DEAD_LETTERS = "unwrap-exposure-dead-letters";
    public static final String SINK_EXPOSURE_DLQ = "sink-trade-exposure-dlq";
    public static final String UNWRAP_EXPOSURES = "unwrap-exposures";
    public static final String EXPOSURE_TABLE = "exposure-table";
    public static final String JOIN_EVENT_EXPOSURE = "join-event-exposure";
    public static final String EXPOSURE_CHANGES = "exposure-changes";
    public static final String TO_EXPOSURE_CHANGE = "to-exposure-change";
    public static final String MERGE_DYAD_INPUTS = "merge-dyad-inputs";
    /** The dyad stage: drop duplicates, score, alerts, daily bars. */
    public static final String SCORE_DYADS = "score-dyads";
    public static final String SINK_RISK_SCORES = "sink-risk-scores";
    public static final String SINK_RISK_ALERTS = "sink-risk-alerts";

    /** Event ids seen by a dyad stage task, a window store so that its size stays bounded by the dedupe horizon. */
    public static final String EVENT_IDS_STORE = "event-ids";
    /**
     * Everything the dyad stage keeps per dyad: decayed pressures, day buckets, drivers, exposure, alert memory,
     * today's bar. The HTTP API computes a dyad's current score from it ({@code LatestScores}).
     */
    public static final String DYAD_STATE_STORE = "dyad-state";
    /** Score bars per dyad and UTC day; the 7-day and 30-day views are rolled up from them when asked for. */
    public static final String SCORES_1D_STORE = "dyad-scores-1d";
    /** Latest trade exposure per dyad. */
    public static final String EXPOSURE_STORE = "trade-exposure-by-dyad";

    private Names() {
    }
}
