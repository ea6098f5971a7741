package georisk.topology;

import georisk.events.ScoreWindow;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import georisk.scoring.AlertPolicy;
import georisk.scoring.Dyad;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.serde.SerdeFactory;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * georisk's scoring topology. {@link #build} reads like its table of contents:
 *
 * <pre>
 * geo-events ─> validate ─┬─> (invalid) ─> geo-events-dlq
 *                         └─> (valid) ─> key by dyad ─> watched dyads ─> [by-dyad]
 *      ─> join exposure (trade share) ─────────────────────────┐
 * trade-exposure ─> validate ─┬─> (invalid) ─> geo-events-dlq   │
 *                             └─> (valid) (trade-exposure-by-dyad) ─> exposure changes ─┴─> dyad stage
 *      (drop duplicates, score, alerts; stores dyad-state, event-ids, dyad-scores-1d) ─┬─> risk-scores
 *                                                                                      └─> risk-alerts
 * </pre>
 *
 * Every moving part (serdes, model, alert policy, watched dyads, dedupe horizon) is passed in, so tests
 * shrink what they need.
 */
public final class RiskTopology {
    private final SerdeFactory serdes;
    private final DyadScorer scorer;
    private final AlertPolicy alertPolicy;
    private final DyadResolver dyads;
    private final Duration dedupeHorizon;
    private final Topics topics;
    private final Serde<String> dyadSerde = Serdes.String();

    /**
     * @param serdes        the one serde factory of the process
     * @param scorer        the risk model (its parameters also shape the daily bars' retention)
     * @param alertPolicy   when a score raises an alert
     * @param dyads         which dyads are watched
     * @param dedupeHorizon how long (event time) event ids are remembered to drop duplicates
     */
    public RiskTopology(final SerdeFactory serdes, final DyadScorer scorer, final AlertPolicy alertPolicy,
                        final DyadResolver dyads, final Duration dedupeHorizon) {
        this(serdes, scorer, alertPolicy, dyads, dedupeHorizon, Topics.DEFAULT);
    }

    /**
     * As above, reading and writing the topics of {@code topics} (a prefixed catalog on a shared cluster).
     * Processor and store names do not depend on the topic names; internal topics take the application id.
     */
    public RiskTopology(final SerdeFactory serdes, final DyadScorer scorer, final AlertPolicy alertPolicy,
                        final DyadResolver dyads, final Duration dedupeHorizon, final Topics topics) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.serdes = serdes;
        this.scorer = scorer;
        this.alertPolicy = alertPolicy;
        this.dyads = dyads;
        this.dedupeHorizon = dedupeHorizon;
    }

    /** Builds the topology; {@code props} are the Streams properties (they enable optimizations). */
    public Topology build(final Properties props) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Map<String, KStream<byte[], Validated>> routes = validatedEvents(builder);
        deadLetters(routes.get(Names.ROUTE + Names.INVALID));
        final KStream<String, ValidEvent> byDyad = byDyad(validEvents(routes.get(Names.ROUTE + Names.VALID)));
        final KTable<String, TradeExposure> exposures = exposures(builder);
        published(scored(dyadInputs(byDyad, exposures)));
        return builder.build(props);
    }

    /**
     * Validate: read raw bytes (so that garbage cannot stop the topology), decode, check, and
     * route. Invalid records keep their original bytes for the dead-letter topic.
     */
    private Map<String, KStream<byte[], Validated>> validatedEvents(final StreamsBuilder builder) {
        return builder.stream(topics.geoEvents().name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(Names.SOURCE_GEO_EVENTS))
                .processValues(() -> new ValidateEventProcessor(
                        serdes.valueSerde(topics.geoEvents()).deserializer(), topics.geoEvents().name()),
                        Named.as(Names.VALIDATE_EVENTS))
                .split(Named.as(Names.ROUTE))
                .branch((key, v) -> v.isValid(), Branched.as(Names.VALID))
                .defaultBranch(Branched.as(Names.INVALID));
    }

    /** Dead letters: the original key and bytes, the reason and origin already in the headers. */
    private void deadLetters(final KStream<byte[], Validated> invalid) {
        invalid.mapValues(Validated::raw, Named.as(Names.UNWRAP_DEAD_LETTERS))
                .to(topics.deadLetters().name(),
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(Names.SINK_DLQ));
    }

    /** Valid events, each with the bytes it arrived in while they still encode it (see {@link ValidEvent}). */
    private KStream<byte[], ValidEvent> validEvents(final KStream<byte[], Validated> valid) {
        return valid.mapValues(v -> new ValidEvent(v.event(), v.raw()), Named.as(Names.UNWRAP_EVENTS));
    }

    /**
     * Keep events of watched dyads and key them by dyad. The repartition sends all events of a
     * dyad to the one task that holds its state, whatever key the producer used.
     */
    private KStream<String, ValidEvent> byDyad(final KStream<byte[], ValidEvent> events) {
        // the dyad is resolved once: unwatched events get no key, and the filter drops them
        return events
                .selectKey((key, v) -> dyads.resolve(v.event().getActor(), v.event().getTarget()).map(Dyad::key)
                                .orElse(null),
                        Named.as(Names.KEY_BY_DYAD))
                .filter((dyad, e) -> dyad != null, Named.as(Names.FILTER_WATCHED))
                .repartition(Repartitioned.<String, ValidEvent>as(Names.BY_DYAD)
                        .withKeySerde(dyadSerde)
                        .withValueSerde(new ValidEventSerde(serdes.valueSerde(topics.geoEvents()))));
    }

    /**
     * Trade exposure per dyad: compacted reference data, the latest valid record wins. Read as bytes and
     * validated like events, so that garbage on the topic becomes a dead letter (with reason and origin)
     * instead of stopping the topology; a tombstone deletes the dyad's exposure. Keyed by dyad as read (no
     * key change, so no repartition): the table stays co-partitioned with the by-dyad events.
     */
    private KTable<String, TradeExposure> exposures(final StreamsBuilder builder) {
        final Map<String, KStream<String, ValidatedExposure>> routes = builder.stream(topics.tradeExposure().name(),
                        Consumed.with(dyadSerde, Serdes.ByteArray()).withName(Names.SOURCE_TRADE_EXPOSURE))
                .processValues(() -> new ValidateExposureProcessor(
                        serdes.valueSerde(topics.tradeExposure()).deserializer(), topics.tradeExposure().name()),
                        Named.as(Names.VALIDATE_EXPOSURES))
                .split(Named.as(Names.ROUTE_EXPOSURES))
                .branch((key, v) -> v.isValid(), Branched.as(Names.VALID))
                .defaultBranch(Branched.as(Names.INVALID));
        routes.get(Names.ROUTE_EXPOSURES + Names.INVALID)
                .mapValues(ValidatedExposure::raw, Named.as(Names.UNWRAP_EXPOSURE_DEAD_LETTERS))
                .to(topics.deadLetters().name(),
                        Produced.with(dyadSerde, Serdes.ByteArray()).withName(Names.SINK_EXPOSURE_DLQ));
        return routes.get(Names.ROUTE_EXPOSURES + Names.VALID)
                .mapValues(ValidatedExposure::exposure, Named.as(Names.UNWRAP_EXPOSURES))
                .toTable(Named.as(Names.EXPOSURE_TABLE),
                        Materialized.<String, TradeExposure, KeyValueStore<Bytes, byte[]>>as(Names.EXPOSURE_STORE)
                                .withKeySerde(dyadSerde)
                                .withValueSerde(serdes.valueSerde(topics.tradeExposure())));
    }

    /**
     * What the dyad stage reads: each event as the model needs it, with the share of the dyad's trade it
     * affects and the exposure in force (a stream–table join), and each change of a dyad's exposure, so that
     * a dyad is re-scored both when an event arrives and when its trade data changes. Co-partitioned: the
     * repartition by dyad takes the partition count of trade-exposure. No serde is needed past here: the key
     * does not change again, so nothing is repartitioned.
     */
    private KStream<String, DyadStage.Input> dyadInputs(final KStream<String, ValidEvent> events,
                                                        final KTable<String, TradeExposure> exposures) {
        final KStream<String, DyadStage.Input> scored = events.leftJoin(exposures,
                (dyad, event, exposure) -> new DyadStage.Input(
                        ScoringMapping.toScoringEvent(event.event(), Dyad.parse(dyad), exposure),
                        exposure == null ? 0.0 : exposure.getExposure()),
                Joined.<String, ValidEvent, TradeExposure>as(Names.JOIN_EVENT_EXPOSURE)
                        .withKeySerde(dyadSerde)
                        .withValueSerde(new ValidEventSerde(serdes.valueSerde(topics.geoEvents())))
                        .withOtherValueSerde(serdes.valueSerde(topics.tradeExposure())));
        final KStream<String, DyadStage.Input> changes = exposures.toStream(Named.as(Names.EXPOSURE_CHANGES))
                .mapValues(DyadStage.Input::exposureChange, Named.as(Names.TO_EXPOSURE_CHANGE));
        return scored.merge(changes, Named.as(Names.MERGE_DYAD_INPUTS));
    }

    /**
     * The dyad stage ({@link DyadStage}): drop duplicates, score, evaluate alerts, keep the daily bars, one
     * read and one write of the dyad's state per event. It sends scores and alerts to
     * their sinks by name.
     */
    private KStream<String, Object> scored(final KStream<String, DyadStage.Input> inputs) {
        return inputs.process(new DyadStage(scorer, alertPolicy, dedupeHorizon,
                        new DyadStateSerde(serdes.registry()), serdes.avro(ScoreWindow.class, false)),
                Named.as(Names.SCORE_DYADS));
    }

    /**
     * Scores to risk-scores and alerts to risk-alerts. The dyad stage forwards each record to the sink of its
     * kind by the sink's name, so each sink only ever sees its own type: a {@link ScoreUpdate}, written as a
     * {@code RiskScore} by {@link ScoreUpdateSerde}, or a {@code RiskAlert}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void published(final KStream<String, Object> outputs) {
        outputs.to(topics.riskScores().name(), Produced.with(dyadSerde, (Serde) new ScoreUpdateSerde(serdes.registry()))
                .withName(Names.SINK_RISK_SCORES));
        outputs.to(topics.riskAlerts().name(), Produced.with(dyadSerde, (Serde) serdes.valueSerde(topics.riskAlerts()))
                .withName(Names.SINK_RISK_ALERTS));
    }
}
