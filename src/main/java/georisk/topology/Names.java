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
    public static final String DROP_DUPLICATES = "drop-duplicate-events";
    public static final String GROUP_BY_DYAD = "group-by-dyad";
    public static final String SCORE_EVENTS = "score-events";
    public static final String SOURCE_TRADE_EXPOSURE = "source-trade-exposure";
    public static final String VALIDATE_EXPOSURES = "validate-exposures";
    public static final String ROUTE_EXPOSURES = "route-exposures-";
    public static final String UNWRAP_EXPOSURE_DEAD_LETTERS = "unwrap-exposure-dead-letters";
    public static final String SINK_EXPOSURE_DLQ = "sink-trade-exposure-dlq";
    public static final String UNWRAP_EXPOSURES = "unwrap-exposures";
    public static final String EXPOSURE_TABLE = "exposure-table";
    public static final String JOIN_EVENT_EXPOSURE = "join-event-exposure";
    public static final String JOIN_EXPOSURE = "join-exposure";
    public static final String SCORES_TO_STREAM = "scores-to-stream";
    public static final String SKIP_EMPTY_JOINS = "skip-empty-joins";
    public static final String TO_RISK_SCORE = "to-risk-score";
    public static final String STAMP_SCORE_TIME = "stamp-score-time";
    public static final String SINK_RISK_SCORES = "sink-risk-scores";
    public static final String GROUP_SCORES_BY_DYAD = "group-scores-by-dyad";
    public static final String WINDOW_SCORES = "window-scores-";
    public static final String LATEST_SCORE = "latest-score";
    public static final String EVALUATE_ALERTS = "evaluate-alerts";
    public static final String SINK_RISK_ALERTS = "sink-risk-alerts";

    /** Event ids seen per dyad, a window store so that its size stays bounded by the dedupe horizon. */
    public static final String EVENT_IDS_STORE = "event-ids";
    /** Decayed pressures and drivers per dyad. */
    public static final String DYAD_STATE_STORE = "dyad-state";
    /** Score bars per dyad and UTC day (tumbling 1-day windows). */
    public static final String SCORES_1D_STORE = "dyad-scores-1d";
    /** Score bars per dyad over 7 days, one window starting each day. */
    public static final String SCORES_7D_STORE = "dyad-scores-7d";
    /** Score bars per dyad over 30 days, one window starting each day. */
    public static final String SCORES_30D_STORE = "dyad-scores-30d";
    /** The latest score per dyad, as sent to risk-scores: what the HTTP API answers for a dyad's current score. */
    public static final String LATEST_SCORES_STORE = "latest-scores";
    /** What the alert policy remembers per dyad (confirmed level, recent tensions, last alerts). */
    public static final String ALERT_STATE_STORE = "alert-state";
    /** Latest trade exposure per dyad. */
    public static final String EXPOSURE_STORE = "trade-exposure-by-dyad";

    private Names() {
    }
}
