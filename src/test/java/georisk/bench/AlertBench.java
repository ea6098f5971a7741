package georisk.bench;

import georisk.events.AlertState;
import georisk.events.RiskScore;
import georisk.scoring.AlertPolicy;
import georisk.topology.BenchMapping;
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
 * The alert stage per score, on one thread: {@link #evaluate} is {@code AlertPolicy.evaluate} alone on
 * the policy's memory of a busy month (a week of tension samples); {@link #withAvroMapping} adds what
 * {@code AlertProcessor} converts around it (the stored {@code AlertState} in and out, the
 * {@code RiskScore} to a snapshot, each alert to a {@code RiskAlert}). Scores are those of {@value DyadHistory#NEXT} next events, in turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AlertBench {
    private AlertPolicy policy;
    private AlertPolicy.State state;
    private AlertState stored;
    private AlertPolicy.Snapshot[] snapshots;
    private RiskScore[] scores;
    private int i;

    @Setup
    public void setUp() {
        final DyadHistory history = new DyadHistory();
        policy = history.policy;
        state = history.policyState;
        stored = BenchMapping.toAvro(state);
        snapshots = new AlertPolicy.Snapshot[DyadHistory.NEXT];
        scores = new RiskScore[DyadHistory.NEXT];
        int alerting = 0;
        for (int k = 0; k < DyadHistory.NEXT; k++) {
            scores[k] = history.riskScore(history.scorer.add(history.state, history.next[k]));
            snapshots[k] = BenchMapping.toSnapshot(scores[k]);
            alerting += policy.evaluate(state, snapshots[k]).alerts().isEmpty() ? 0 : 1;
        }
        System.out.println(history.describe() + "; " + alerting + " of " + DyadHistory.NEXT
                + " next scores raise an alert");
    }

    @Benchmark
    public AlertPolicy.Outcome evaluate() {
        return policy.evaluate(state, snapshots[i++ & (DyadHistory.NEXT - 1)]);
    }

    @Benchmark
    public void withAvroMapping(final Blackhole bh) {
        final AlertPolicy.Outcome outcome = policy.evaluate(BenchMapping.toPolicyState(stored),
                BenchMapping.toSnapshot(scores[i++ & (DyadHistory.NEXT - 1)]));
        bh.consume(BenchMapping.toAvro(outcome.state()));
        for (final AlertPolicy.Alert alert : outcome.alerts()) {
            bh.consume(BenchMapping.toRiskAlert(alert));
        }
    }
}
