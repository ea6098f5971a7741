package georisk.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The typed catalog of georisk's topics, shared by producers, the topology, topic creation, the API's output
 * feed, webhook delivery and tests. Immutable. The names are georisk's defaults ({@link #DEFAULT}), or the same
 * names behind a prefix ({@link #withPrefix}) for a shared cluster where topics belong to teams; an instance is
 * built once from settings and handed down. Partition counts are not part of the catalog: {@code georisk topics
 * create} takes them from settings. The schema-registry subjects follow the names (TopicNameStrategy:
 * {@code <topic>-value}), so prefixed topics have prefixed subjects.
 *
 * @param prefix        what every name starts with; empty for the defaults
 * @param geoEvents     input events, keyed by event id
 * @param tradeExposure reference data, latest exposure per dyad (compacted)
 * @param riskScores    every score update, keyed by dyad
 * @param riskAlerts    alerts, keyed by dyad
 * @param deadLetters   records that could not be scored or published, reason in headers
 */
public record Topics(String prefix, TopicSpec<String, GeoEvent> geoEvents, TopicSpec<String, TradeExposure> tradeExposure,
                     TopicSpec<String, RiskScore> riskScores, TopicSpec<String, RiskAlert> riskAlerts,
                     TopicSpec<byte[], byte[]> deadLetters) {
    /** Longest prefix: Kafka allows 249 characters per topic name, and the longest default name is 14. */
    public static final int MAX_PREFIX_LENGTH = 200;
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

    /** georisk's topics under their default names. */
    public static final Topics DEFAULT = withPrefix("");

    /** Input events, keyed by event id, under the default name (see {@link #geoEvents()}). */
    public static final TopicSpec<String, GeoEvent> GEO_EVENTS = DEFAULT.geoEvents();
    /** Trade exposures under the default name (see {@link #tradeExposure()}). */
    public static final TopicSpec<String, TradeExposure> TRADE_EXPOSURE = DEFAULT.tradeExposure();
    /** Scores under the default name (see {@link #riskScores()}). */
    public static final TopicSpec<String, RiskScore> RISK_SCORES = DEFAULT.riskScores();
    /** Alerts under the default name (see {@link #riskAlerts()}). */
    public static final TopicSpec<String, RiskAlert> RISK_ALERTS = DEFAULT.riskAlerts();
    /** Dead letters under the default name (see {@link #deadLetters()}). */
    public static final TopicSpec<byte[], byte[]> GEO_EVENTS_DLQ = DEFAULT.deadLetters();
    /** All topics under their default names, in creation order. */
    public static final List<TopicSpec<?, ?>> ALL = DEFAULT.all();

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(geoEvents, "geoEvents");
        Objects.requireNonNull(tradeExposure, "tradeExposure");
        Objects.requireNonNull(riskScores, "riskScores");
        Objects.requireNonNull(riskAlerts, "riskAlerts");
        Objects.requireNonNull(deadLetters, "deadLetters");
    }

    /**
     * georisk's topics, each name behind {@code prefix} ({@code team1.} gives {@code team1.geo-events}).
     *
     * @throws IllegalArgumentException when the prefix holds a character Kafka refuses in a topic name or is
     *                                  longer than {@value #MAX_PREFIX_LENGTH}
     */
    public static Topics withPrefix(final String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!LEGAL.matcher(prefix).matches()) {
            throw new IllegalArgumentException("may hold only letters, digits, '.', '_' and '-' (Kafka's topic names)");
        }
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_PREFIX_LENGTH + " characters");
        }
        return new Topics(prefix,
                // kept for a long time so that a reset can replay them
                new TopicSpec<>(prefix + "geo-events", String.class, GeoEvent.class,
                        Map.of("cleanup.policy", "delete", "retention.ms", "-1"),
                        "input events (tariffs, statements, visits, detentions, agreements), keyed by event id"),
                new TopicSpec<>(prefix + "trade-exposure", String.class, TradeExposure.class,
                        Map.of("cleanup.policy", "compact"),
                        "trade exposure per dyad (compacted reference data)"),
                // The broker stamps each output record when it is written (LogAppendTime): retention counts from
                // then, not from the event time a score describes (its asOf), so a backfill of old events is kept
                // like any other output. Stored uncompressed whatever the producer sent (georisk's Streams producers
                // compress with lz4), so that every client reads them, including those without lz4.
                new TopicSpec<>(prefix + "risk-scores", String.class, RiskScore.class,
                        Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(90L * 24 * 3600 * 1000),
                                "message.timestamp.type", "LogAppendTime", "compression.type", "uncompressed"),
                        "risk score updates per dyad, with components and drivers"),
                new TopicSpec<>(prefix + "risk-alerts", String.class, RiskAlert.class,
                        Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(365L * 24 * 3600 * 1000),
                                "message.timestamp.type", "LogAppendTime", "compression.type", "uncompressed"),
                        "alerts per dyad: level changes, jumps, anomalies"),
                new TopicSpec<>(prefix + "geo-events-dlq", byte[].class, byte[].class,
                        // uncompressed, as the outputs: dead letters are read by people's tools
                        Map.of("cleanup.policy", "delete", "retention.ms", "-1", "compression.type", "uncompressed"),
                        "bad input: original key and bytes, reason and origin in headers"));
    }

    /** All topics, in creation order. */
    public List<TopicSpec<?, ?>> all() {
        return List.of(geoEvents, tradeExposure, riskScores, riskAlerts, deadLetters);
    }
}
