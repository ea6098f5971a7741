package georisk.topology;

import georisk.events.AlertState;
import georisk.events.DyadRiskState;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.ScoreWindow;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import georisk.scoring.AlertPolicy;
import georisk.scoring.Dyad;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.DyadState;
import georisk.scoring.ScoringEvent;
import georisk.serde.SerdeFactory;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * georisk's scoring topology. {@link #build} reads like its table of contents:
 *
 * <pre>
 * geo-events ─> validate ─┬─> (invalid) ─> geo-events-dlq
 *                         └─> (valid) ─> watched dyads ─> key by dyad ─> [by-dyad] ─> drop duplicates
 *      ─> join exposure (trade share) ─> score (dyad-state) ─> join exposure (risk) ─> stamp score time
 *      ─┬─> risk-scores
 *       ├─> latest score (latest-scores)
 *       ├─> windows 1d / 7d / 30d (dyad-scores-*)
 *       └─> alerts (alert-state) ─> risk-alerts
 * trade-exposure ─> validate ─┬─> (invalid) ─> geo-events-dlq
 *                            └─> (valid) ─> (trade-exposure-by-dyad), joined twice
 * </pre>
 *
 * Every moving part (serdes, model, watched dyads, dedupe horizon) is passed in, so tests shrink
 * what they need.
 */
public final class RiskTopology {
    private final SerdeFactory serdes;
    private final DyadScorer scorer;
    private final AlertPolicy alertPolicy;
    private final DyadResolver dyads;
    private final Duration dedupeHorizon;
    private final Serde<String> dyadSerde = Serdes.String();

    /**
     * @param serdes        the one serde factory of the process
     * @param scorer        the risk model (its parameters also shape the windows and alerts)
     * @param dyads         which dyads are watched
     * @param dedupeHorizon how long (event time) event ids are remembered to drop duplicates
     */
    public RiskTopology(final SerdeFactory serdes, final DyadScorer scorer, final DyadResolver dyads,
                        final Duration dedupeHorizon) {
        this.serdes = serdes;
        this.scorer = scorer;
        this.alertPolicy = new AlertPolicy(scorer.parameters());
        this.dyads = dyads;
        this.dedupeHorizon = dedupeHorizon;
    }

    /** Builds the topology; {@code props} are the Streams properties (they enable optimizations). */
    public Topology build(final Properties props) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Map<String, KStream<byte[], Validated>> routes = validatedEvents(builder);
        deadLetters(routes.get(Names.ROUTE + Names.INVALID));
        final KStream<String, GeoEvent> byDyad = byDyad(validEvents(routes.get(Names.ROUTE + Names.VALID)));
        final KStream<String, GeoEvent> unique = dedupedEvents(builder, byDyad);
        final KTable<String, TradeExposure> exposures = exposures(builder);
        final KTable<String, DyadRiskState> states = scored(withTradeShare(unique, exposures));
        final KStream<String, RiskScore> scores = riskScores(states, exposures);
        latestScores(scores);
        windowed(scores);
        alerts(builder, scores);
        return builder.build(props);
    }

    /**
     * Validate: read raw bytes (so that garbage cannot stop the topology), decode, check, and
     * route. Invalid records keep their original bytes for the dead-letter topic.
     */
    private Map<String, KStream<byte[], Validated>> validatedEvents(final StreamsBuilder builder) {
        return builder.stream(Topics.GEO_EVENTS.name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(Names.SOURCE_GEO_EVENTS))
                .processValues(() -> new ValidateEventProcessor(
                        serdes.valueSerde(Topics.GEO_EVENTS).deserializer()), Named.as(Names.VALIDATE_EVENTS))
                .split(Named.as(Names.ROUTE))
                .branch((key, v) -> v.isValid(), Branched.as(Names.VALID))
                .defaultBranch(Branched.as(Names.INVALID));
    }

    /** Dead letters: the original key and bytes, the reason and origin already in the headers. */
    private void deadLetters(final KStream<byte[], Validated> invalid) {
        invalid.mapValues(Validated::raw, Named.as(Names.UNWRAP_DEAD_LETTERS))
                .to(Topics.GEO_EVENTS_DLQ.name(),
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(Names.SINK_DLQ));
    }

    private KStream<byte[], GeoEvent> validEvents(final KStream<byte[], Validated> valid) {
        return valid.mapValues(Validated::event, Named.as(Names.UNWRAP_EVENTS));
    }

    /**
     * Keep events of watched dyads and key them by dyad. The repartition sends all events of a
     * dyad to the one task that holds its state, whatever key the producer used.
     */
    private KStream<String, GeoEvent> byDyad(final KStream<byte[], GeoEvent> events) {
        return events
                .filter((key, e) -> dyads.resolve(e.getActor(), e.getTarget()).isPresent(), Named.as(Names.FILTER_WATCHED))
                .selectKey((key, e) -> dyadOf(e).key(), Named.as(Names.KEY_BY_DYAD))
                .repartition(Repartitioned.<String, GeoEvent>as(Names.BY_DYAD)
                        .withKeySerde(dyadSerde)
                        .withValueSerde(serdes.valueSerde(Topics.GEO_EVENTS)));
    }

    /**
     * Drop duplicate event ids. Done after the repartition so that duplicates meet in one task;
     * ids are kept for the dedupe horizon of event time (a window store bounds the state).
     */
    private KStream<String, GeoEvent> dedupedEvents(final StreamsBuilder builder, final KStream<String, GeoEvent> events) {
        final StoreBuilder<WindowStore<String, Long>> ids = Stores.windowStoreBuilder(
                Stores.persistentWindowStore(Names.EVENT_IDS_STORE, dedupeHorizon, Duration.ofMillis(1), false),
                Serdes.String(), Serdes.Long());
        builder.addStateStore(ids);
        final long horizon = dedupeHorizon.toMillis();
        return events.processValues(() -> new DropDuplicatesProcessor(Names.EVENT_IDS_STORE, horizon),
                Named.as(Names.DROP_DUPLICATES), Names.EVENT_IDS_STORE);
    }

    /**
     * Trade exposure per dyad: compacted reference data, the latest valid record wins. Read as bytes and
     * validated like events, so that garbage on the topic becomes a dead letter (with reason and origin)
     * instead of stopping the topology; a tombstone deletes the dyad's exposure. Keyed by dyad as read (no
     * key change, so no repartition): the table stays co-partitioned with the by-dyad events.
     */
    private KTable<String, TradeExposure> exposures(final StreamsBuilder builder) {
        final Map<String, KStream<String, ValidatedExposure>> routes = builder.stream(Topics.TRADE_EXPOSURE.name(),
                        Consumed.with(dyadSerde, Serdes.ByteArray()).withName(Names.SOURCE_TRADE_EXPOSURE))
                .processValues(() -> new ValidateExposureProcessor(
                        serdes.valueSerde(Topics.TRADE_EXPOSURE).deserializer()), Named.as(Names.VALIDATE_EXPOSURES))
                .split(Named.as(Names.ROUTE_EXPOSURES))
                .branch((key, v) -> v.isValid(), Branched.as(Names.VALID))
                .defaultBranch(Branched.as(Names.INVALID));
        routes.get(Names.ROUTE_EXPOSURES + Names.INVALID)
                .mapValues(ValidatedExposure::raw, Named.as(Names.UNWRAP_EXPOSURE_DEAD_LETTERS))
                .to(Topics.GEO_EVENTS_DLQ.name(),
                        Produced.with(dyadSerde, Serdes.ByteArray()).withName(Names.SINK_EXPOSURE_DLQ));
        return routes.get(Names.ROUTE_EXPOSURES + Names.VALID)
                .mapValues(ValidatedExposure::exposure, Named.as(Names.UNWRAP_EXPOSURES))
                .toTable(Named.as(Names.EXPOSURE_TABLE),
                        Materialized.<String, TradeExposure, KeyValueStore<Bytes, byte[]>>as(Names.EXPOSURE_STORE)
                                .withKeySerde(dyadSerde)
                                .withValueSerde(serdes.valueSerde(Topics.TRADE_EXPOSURE)));
    }

    /**
     * What the model needs of each event, with the share of the dyad's trade it affects: a
     * stream–table join with the exposure in force when the event is scored. Co-partitioned: the
     * repartition by dyad takes the partition count of trade-exposure.
     */
    private KStream<String, ScoringEvent> withTradeShare(final KStream<String, GeoEvent> events,
                                                         final KTable<String, TradeExposure> exposures) {
        return events.leftJoin(exposures,
                (dyad, event, exposure) -> EventMapping.toScoringEvent(event, Dyad.parse(dyad), exposure),
                Joined.<String, GeoEvent, TradeExposure>as(Names.JOIN_EVENT_EXPOSURE)
                        .withKeySerde(dyadSerde)
                        .withValueSerde(serdes.valueSerde(Topics.GEO_EVENTS))
                        .withOtherValueSerde(serdes.valueSerde(Topics.TRADE_EXPOSURE)));
    }

    /**
     * Score: fold each event into its dyad's decayed state. Caching is off for this store because
     * every event's score is output (analysts see each step), not only the last one per commit.
     * No repartition happens here (the key did not change), so the events need no serde.
     */
    private KTable<String, DyadRiskState> scored(final KStream<String, ScoringEvent> events) {
        final DyadRiskState empty = EventMapping.toAvro(DyadState.EMPTY);
        return events
                .groupByKey(Grouped.<String, ScoringEvent>as(Names.GROUP_BY_DYAD).withKeySerde(dyadSerde))
                .aggregate(() -> empty,
                        (dyad, event, state) -> EventMapping.toAvro(scorer.add(EventMapping.toState(state), event)),
                        Named.as(Names.SCORE_EVENTS),
                        Materialized.<String, DyadRiskState, KeyValueStore<Bytes, byte[]>>as(Names.DYAD_STATE_STORE)
                                .withKeySerde(dyadSerde)
                                .withValueSerde(serdes.avro(DyadRiskState.class, false))
                                .withCachingDisabled());
    }

    /**
     * Exposure-weighted scores: a table–table left join, so a dyad is re-scored both when an event
     * arrives and when its trade exposure changes. Until a dyad has an exposure record its exposure
     * is 0. Each score is stamped with the event time it describes before it leaves.
     */
    private KStream<String, RiskScore> riskScores(final KTable<String, DyadRiskState> states,
                                                  final KTable<String, TradeExposure> exposures) {
        final KStream<String, RiskScore> scores = states
                .leftJoin(exposures, ScoreInput::new, Named.as(Names.JOIN_EXPOSURE))
                .toStream(Named.as(Names.SCORES_TO_STREAM))
                // an exposure update for a dyad without events joins to nothing: no score to send
                .filter((dyad, in) -> in != null, Named.as(Names.SKIP_EMPTY_JOINS))
                .mapValues(this::toRiskScore, Named.as(Names.TO_RISK_SCORE))
                .processValues(StampScoreTimeProcessor::new, Named.as(Names.STAMP_SCORE_TIME));
        scores.to(Topics.RISK_SCORES.name(),
                Produced.with(dyadSerde, serdes.valueSerde(Topics.RISK_SCORES)).withName(Names.SINK_RISK_SCORES));
        return scores;
    }

    /**
     * The latest score of each dyad, for interactive queries ({@code georisk.query}). The key is
     * unchanged, so no repartition: the store sits in the scoring task, next to dyad-state, and is
     * partitioned like every other store of the dyad. Caching stays on: a query reads through the
     * cache, and the changelog only needs the last score per commit.
     */
    private void latestScores(final KStream<String, RiskScore> scores) {
        scores.toTable(Named.as(Names.LATEST_SCORE),
                Materialized.<String, RiskScore, KeyValueStore<Bytes, byte[]>>as(Names.LATEST_SCORES_STORE)
                        .withKeySerde(dyadSerde)
                        .withValueSerde(serdes.valueSerde(Topics.RISK_SCORES)));
    }

    /**
     * The 1-day, 7-day and 30-day event-time windows of each dyad's scores, kept as bars (open,
     * close, high, low) for history queries. A score later than the grace misses its windows (it
     * still counts in the tension and in the score's late count).
     */
    private void windowed(final KStream<String, RiskScore> scores) {
        final KGroupedStream<String, RiskScore> byDyad = scores.groupByKey(
                Grouped.with(Names.GROUP_SCORES_BY_DYAD, dyadSerde, serdes.valueSerde(Topics.RISK_SCORES)));
        final Duration grace = scorer.parameters().windows().grace();
        window(byDyad, TimeWindows.ofSizeAndGrace(Duration.ofDays(1), grace), "1d", Names.SCORES_1D_STORE);
        window(byDyad, TimeWindows.ofSizeAndGrace(Duration.ofDays(7), grace).advanceBy(Duration.ofDays(1)), "7d",
                Names.SCORES_7D_STORE);
        window(byDyad, TimeWindows.ofSizeAndGrace(Duration.ofDays(30), grace).advanceBy(Duration.ofDays(1)), "30d",
                Names.SCORES_30D_STORE);
    }

    private void window(final KGroupedStream<String, RiskScore> scores, final TimeWindows windows, final String size,
                        final String store) {
        scores.windowedBy(windows)
                .aggregate(ScoreWindows::empty, (dyad, score, bar) -> ScoreWindows.add(bar, score),
                        Named.as(Names.WINDOW_SCORES + size),
                        Materialized.<String, ScoreWindow, WindowStore<Bytes, byte[]>>as(store)
                                .withKeySerde(dyadSerde)
                                .withValueSerde(serdes.avro(ScoreWindow.class, false))
                                .withRetention(scorer.parameters().windows().retention()));
    }

    /** Alerts: level changes with hysteresis, jumps and anomalies, each with its explanation. */
    private void alerts(final StreamsBuilder builder, final KStream<String, RiskScore> scores) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.ALERT_STATE_STORE),
                dyadSerde, serdes.avro(AlertState.class, false)));
        scores.process(() -> new AlertProcessor(alertPolicy), Named.as(Names.EVALUATE_ALERTS), Names.ALERT_STATE_STORE)
                .to(Topics.RISK_ALERTS.name(),
                        Produced.with(dyadSerde, serdes.valueSerde(Topics.RISK_ALERTS)).withName(Names.SINK_RISK_ALERTS));
    }

    private RiskScore toRiskScore(final String dyad, final ScoreInput in) {
        final double exposure = in.exposure() == null ? 0.0 : in.exposure().getExposure();
        return EventMapping.toRiskScore(Dyad.parse(dyad), scorer.score(EventMapping.toState(in.state()), exposure));
    }

    private Dyad dyadOf(final GeoEvent e) {
        return dyads.resolve(e.getActor(), e.getTarget()).orElseThrow();
    }

    /** A dyad's state with its exposure (null while unknown); lives only inside the join. */
    private record ScoreInput(DyadRiskState state, TradeExposure exposure) {
    }
}
