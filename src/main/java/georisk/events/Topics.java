package georisk.events;

import java.util.List;
import java.util.Map;

/**
 * The typed catalog of georisk's topics, shared by producers, the topology, topic creation and
 * tests. Immutable: nothing here is configured at run time except partition counts, which
 * {@code georisk topics create} takes from settings.
 */
public final class Topics {
    /** Input events, keyed by event id. Kept for a long time so that a reset can replay them. */
    public static final TopicSpec<String, GeoEvent> GEO_EVENTS = new TopicSpec<>(
            "geo-events", String.class, GeoEvent.class,
            Map.of("cleanup.policy", "delete", "retention.ms", "-1"),
            "input events (tariffs, statements, visits, detentions, agreements), keyed by event id");

    /** Reference data: how much the home country depends on each counterparty, latest per dyad. */
    public static final TopicSpec<String, TradeExposure> TRADE_EXPOSURE = new TopicSpec<>(
            "trade-exposure", String.class, TradeExposure.class,
            Map.of("cleanup.policy", "compact"),
            "trade exposure per dyad (compacted reference data)");

    /**
     * Every score update, keyed by dyad. The broker stamps each record when it is written
     * ({@code LogAppendTime}): retention counts from then, not from the event time a score describes (its
     * {@code asOf}), so a backfill of old events is kept like any other output.
     */
    public static final TopicSpec<String, RiskScore> RISK_SCORES = new TopicSpec<>(
            "risk-scores", String.class, RiskScore.class,
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(90L * 24 * 3600 * 1000),
                    "message.timestamp.type", "LogAppendTime"),
            "risk score updates per dyad, with components and drivers");

    /** Alerts, keyed by dyad; stamped when written, like {@link #RISK_SCORES}. */
    public static final TopicSpec<String, RiskAlert> RISK_ALERTS = new TopicSpec<>(
            "risk-alerts", String.class, RiskAlert.class,
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(365L * 24 * 3600 * 1000),
                    "message.timestamp.type", "LogAppendTime"),
            "alerts per dyad: level changes, jumps, anomalies");

    /** Records that could not be scored: original key and bytes, the reason in headers. */
    public static final TopicSpec<byte[], byte[]> GEO_EVENTS_DLQ = new TopicSpec<>(
            "geo-events-dlq", byte[].class, byte[].class,
            Map.of("cleanup.policy", "delete", "retention.ms", "-1"),
            "bad input: original key and bytes, reason and origin in headers");

    /** All topics, in creation order. */
    public static final List<TopicSpec<?, ?>> ALL =
            List.of(GEO_EVENTS, TRADE_EXPOSURE, RISK_SCORES, RISK_ALERTS, GEO_EVENTS_DLQ);

    private Topics() {
    }
}
