package georisk.bench;

import georisk.events.DyadRiskState;
import georisk.events.RiskScore;
import georisk.events.Topics;
import georisk.scoring.DyadState;
import georisk.scoring.Score;
import georisk.scoring.ScoringEvent;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.topology.BenchMapping;
import georisk.topology.DyadStage;
import org.apache.kafka.common.serialization.Deserializer;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The scoring step, one event at a time on one thread (so ops/s = events/s per core), from the bare
 * model to what the {@code score-events} and {@code to-risk-score} stages run per event:
 * <ol>
 *   <li>{@link #add}: {@code DyadScorer.add} alone;</li>
 *   <li>{@link #addAndScore}: add, then score the new state (every event's score is output);</li>
 *   <li>{@link #withAvroMapping}: the same through the topology's mapping, as the stages do it:
 *       {@code toState → add → toAvro}, then {@code toState → score → toRiskScore};</li>
 *   <li>{@link #withStateSerde}: plus the bytes: the state read from and written back to the
 *       dyad-state store (Avro, Confluent framing), and the {@code RiskScore} serialized for its topic.</li>
 * </ol>
 * Each call folds the next of {@value DyadHistory#NEXT} events into the same month-old state
 * ({@link DyadHistory}); the state does not grow from call to call. Kafka itself (consumer, RocksDB,
 * producer, transactions) is not in these figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScoringBench {
    private DyadHistory history;
    private DyadState state;
    private DyadRiskState stored;
    private byte[] storedBytes;
    private ScoringEvent[] next;
    private int i;

    private String changelog;
    private Serializer<DyadStage.State> stateSerializer;
    private Deserializer<DyadStage.State> stateDeserializer;
    private Serializer<RiskScore> scoreSerializer;

    @Setup
    public void setUp() {
        history = new DyadHistory();
        state = history.state;
        stored = BenchMapping.toAvro(state);
        next = history.next;

        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl("mock://georisk-bench"));
        changelog = BenchMapping.dyadStateChangelog();
        stateSerializer = BenchMapping.stateSerde(serdes.registry()).serializer();
        stateDeserializer = BenchMapping.stateSerde(serdes.registry()).deserializer();
        scoreSerializer = serdes.valueSerde(Topics.RISK_SCORES).serializer();
        storedBytes = stateSerializer.serialize(changelog, BenchMapping.stageState(state, history.exposure));  // registers the schema: ids cached from here
        scoreSerializer.serialize(Topics.RISK_SCORES.name(), history.riskScore(state));
        System.out.println(history.describe() + "; state " + storedBytes.length + " bytes in the store");
    }

    private ScoringEvent nextEvent() {
        return next[i++ & (DyadHistory.NEXT - 1)];
    }

    @Benchmark
    public DyadState add() {
        return history.scorer.add(state, nextEvent());
    }

    @Benchmark
    public Score addAndScore() {
        final DyadState s = history.scorer.add(state, nextEvent());
        return history.scorer.score(s, history.exposure);
    }

    @Benchmark
    public RiskScore withAvroMapping() {
        final DyadRiskState s = BenchMapping.toAvro(history.scorer.add(BenchMapping.toState(stored), nextEvent()));
        return BenchMapping.toRiskScore(DyadHistory.DYAD,
                history.scorer.score(BenchMapping.toState(s), history.exposure));
    }

    @Benchmark
    public void withStateSerde(final Blackhole bh) {
        final DyadStage.State old = stateDeserializer.deserialize(changelog, storedBytes);
        final DyadState s = history.scorer.add(old.model(), nextEvent());
        bh.consume(stateSerializer.serialize(changelog, BenchMapping.stageState(s, old.exposure())));
        final RiskScore score = BenchMapping.toRiskScore(DyadHistory.DYAD, history.scorer.score(s, history.exposure));
        bh.consume(scoreSerializer.serialize(Topics.RISK_SCORES.name(), score));
    }
}
