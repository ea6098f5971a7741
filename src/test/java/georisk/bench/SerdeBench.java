package georisk.bench;

import georisk.events.DyadRiskState;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.Topics;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.serde.WireFormat;
import georisk.scoring.Score;
import georisk.topology.BenchMapping;
import georisk.topology.DyadStage;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/**
 * The project's Avro serdes in Confluent's wire format, built by {@link SerdeFactory} on a
 * {@code mock://} registry (schema ids are cached after the first record, as in production, so no
 * registry call is measured). One thread: ops/s = records/s per core.
 * <ul>
 *   <li>{@code GeoEvent}: the built-in scenario's events in turn (their mix of optional fields);</li>
 *   <li>{@code RiskScore}: a score of a busy dyad, with 5 drivers and 4 components;</li>
 *   <li>{@code DyadRiskState}: that dyad's state (30 day buckets, 20 tracked events), which the
 *       dyad-state store reads and writes once per event.</li>
 * </ul>
 * Each benchmark prints the size of its records once, at setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SerdeBench {
    private static final String EVENTS_TOPIC = Topics.GEO_EVENTS.name();
    private static final String SCORES_TOPIC = Topics.RISK_SCORES.name();

    private Serializer<GeoEvent> eventSerializer;
    private Deserializer<GeoEvent> eventDeserializer;
    private Serializer<RiskScore> scoreSerializer;
    private Deserializer<RiskScore> scoreDeserializer;
    private Serializer<DyadRiskState> stateSerializer;
    private Deserializer<DyadRiskState> stateDeserializer;
    private String changelog;

    private GeoEvent[] events;
    private byte[][] eventBytes;
    private RiskScore score;
    private byte[] scoreBytes;
    private DyadRiskState state;
    private byte[] stateBytes;
    private Serializer<DyadStage.State> stageStateSerializer;
    private Deserializer<DyadStage.State> stageStateDeserializer;
    private DyadStage.State stageState;
    private byte[] stageStateBytes;
    private Function<Score, byte[]> scoreWriter;
    private Score modelScore;
    private int i;

    @Setup
    public void setUp(final BenchmarkParams params) {
        final DyadHistory history = new DyadHistory();
        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl("mock://georisk-bench"));
        final Serde<GeoEvent> eventSerde = serdes.valueSerde(Topics.GEO_EVENTS);
        final Serde<RiskScore> scoreSerde = serdes.valueSerde(Topics.RISK_SCORES);
        final Serde<DyadRiskState> stateSerde = serdes.avro(DyadRiskState.class, false);
        eventSerializer = eventSerde.serializer();
        eventDeserializer = eventSerde.deserializer();
        scoreSerializer = scoreSerde.serializer();
        scoreDeserializer = scoreSerde.deserializer();
        stateSerializer = stateSerde.serializer();
        stateDeserializer = stateSerde.deserializer();
        changelog = BenchMapping.dyadStateChangelog();

        final List<GeoEvent> scenario = history.scenarioEvents;
        events = scenario.toArray(new GeoEvent[0]);
        eventBytes = new byte[events.length][];
        long eventTotal = 0;
        for (int k = 0; k < events.length; k++) {
            eventBytes[k] = eventSerializer.serialize(EVENTS_TOPIC, events[k]);
            eventDeserializer.deserialize(EVENTS_TOPIC, eventBytes[k]);  // caches the reader of the writer schema
            eventTotal += eventBytes[k].length;
        }
        score = history.riskScore(history.state);
        scoreBytes = scoreSerializer.serialize(SCORES_TOPIC, score);
        scoreDeserializer.deserialize(SCORES_TOPIC, scoreBytes);
        state = BenchMapping.toAvro(history.state);
        stateBytes = stateSerializer.serialize(changelog, state);
        stateDeserializer.deserialize(changelog, stateBytes);
        stageStateSerializer = BenchMapping.stateSerde(serdes.registry()).serializer();
        stageStateDeserializer = BenchMapping.stateSerde(serdes.registry()).deserializer();
        stageState = BenchMapping.stageState(history.state, history.exposure);
        stageStateBytes = stageStateSerializer.serialize(changelog, stageState);
        scoreWriter = BenchMapping.scoreWriter(serdes.registry(), SCORES_TOPIC, DyadHistory.DYAD);
        modelScore = history.scorer.score(history.state, history.exposure);
        scoreWriter.apply(modelScore);
        stageStateDeserializer.deserialize(changelog, stageStateBytes);

        final String name = params.getBenchmark();
        if (name.endsWith("GeoEvent")) {
            print("GeoEvent", eventTotal / (double) events.length, events.length + " built-in scenario events, mean");
        } else if (name.endsWith("RiskScore")) {
            print("RiskScore", scoreBytes.length, score.getDrivers().size() + " drivers, "
                    + score.getComponents().size() + " components");
        } else {
            print("DyadRiskState", stateBytes.length, state.getDays().size() + " day buckets, "
                    + state.getTracked().size() + " tracked events");
        }
    }

    private static void print(final String record, final double bytes, final String what) {
        System.out.printf(Locale.ROOT, "bytes per record: %s %.0f framed (%d-byte header + Avro binary; %s)%n",
                record, bytes, WireFormat.HEADER_SIZE, what);
    }

    @Benchmark
    public byte[] serializeGeoEvent() {
        return eventSerializer.serialize(EVENTS_TOPIC, events[i++ % events.length]);
    }

    @Benchmark
    public GeoEvent deserializeGeoEvent() {
        return eventDeserializer.deserialize(EVENTS_TOPIC, eventBytes[i++ % eventBytes.length]);
    }

    @Benchmark
    public byte[] serializeRiskScore() {
        return scoreSerializer.serialize(SCORES_TOPIC, score);
    }

    @Benchmark
    public RiskScore deserializeRiskScore() {
        return scoreDeserializer.deserialize(SCORES_TOPIC, scoreBytes);
    }

    @Benchmark
    public byte[] serializeDyadRiskState() {
        return stateSerializer.serialize(changelog, state);
    }

    @Benchmark
    public DyadRiskState deserializeDyadRiskState() {
        return stateDeserializer.deserialize(changelog, stateBytes);
    }

    /** The risk-scores sink's own serializer (what the topology runs): a RiskScore's bytes from the model's Score. */
    @Benchmark
    public byte[] serializeScoreUpdate() {
        return scoreWriter.apply(modelScore);
    }

    /** The dyad-state store's own serde (what the topology runs): the same bytes, no Avro object in between. */
    @Benchmark
    public byte[] serializeDyadState() {
        return stageStateSerializer.serialize(changelog, stageState);
    }

    @Benchmark
    public DyadStage.State deserializeDyadState() {
        return stageStateDeserializer.deserialize(changelog, stageStateBytes);
    }
}
