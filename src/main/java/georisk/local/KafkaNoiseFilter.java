package georisk.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drops the few warnings that the embedded broker logs on every healthy start or stop, so that a
 * newcomer running {@code georisk demo} does not read them as faults, and the one error it logs for a
 * producer's retry under load (below). Kafka Streams' warning that a state directory is temporary is dropped
 * for the scratch directories georisk makes on purpose ({@link #scratchStateUnder}), and shows for any other.
 * Everything else Kafka warns about still shows. Installed by {@code logback.xml} as a {@code turboFilter}.
 *
 * <p>The error: with transactions v2 a transactional producer's first batch to a partition in a transaction
 * can be refused with {@code CONCURRENT_TRANSACTIONS} while the previous transaction's markers are written.
 * Its batches already in flight behind it then reach a partition that has no state for the producer yet,
 * and the broker's {@code ReplicaManager} logs an {@code OutOfOrderSequenceException} ("Expected sequence 0
 * for transactions v2 idempotent producer with no existing state") at ERROR for each. The producer retries
 * them in order after the first, and says so at WARN ({@code OUT_OF_ORDER_SEQUENCE_NUMBER, retrying}),
 * which still shows: nothing is lost (the pipeline bench counts every event's score). Under
 * {@code bench-pipeline}'s load that was dozens of ERROR lines a run.
 */
public final class KafkaNoiseFilter extends TurboFilter {
    private static final List<String> BENIGN = List.of(
            // QuorumController, on every start (adding "the metadata log appears to be empty" on the first)
            "Performing controller activation",
            // NetworkClient, on every broker shutdown: the registration channel is closed twice
            "Attempting to close NetworkClient that has already been closed");

    /** Streams' warning for a state.dir in the OS temp directory, which names the directory. */
    private static final String TEMP_STATE_DIR = "Using an OS temp directory in the state.dir property";
    private static final Set<String> SCRATCH = ConcurrentHashMap.newKeySet();

    /** The broker's logger of a refused append. */
    static final String REPLICA_MANAGER = "kafka.server.ReplicaManager";
    private static final String NO_PRODUCER_STATE = "idempotent producer with no existing state";

    @Override
    public FilterReply decide(final Marker marker, final Logger logger, final Level level, final String format,
                              final Object[] params, final Throwable t) {
        if (isRetriedSequenceError(logger, level, t)) {
            return FilterReply.DENY;
        }
        if (format == null || level != Level.WARN || !logger.getName().startsWith("org.apache.kafka.")) {
            return FilterReply.NEUTRAL;
        }
        final String message = params == null ? format : MessageFormatter.arrayFormat(format, params).getMessage();
        if (message.contains(TEMP_STATE_DIR) && SCRATCH.stream().anyMatch(dir -> message.contains("[" + dir))) {
            return FilterReply.DENY;
        }
        for (String benign : BENIGN) {
            if (message.contains(benign)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }

    /**
     * Says that the state directories under {@code dir} are scratch space by design (a demo, a bench, a backtest,
     * deleted when they end), so that Kafka Streams' warning that they could be cleared by the OS is dropped.
     */
    public static void scratchStateUnder(final Path dir) {
        SCRATCH.add(dir.toAbsolutePath().toString());
    }

    /** The broker's ERROR for a batch that arrived ahead of its producer's first, which the producer retries. */
    private static boolean isRetriedSequenceError(final Logger logger, final Level level, final Throwable t) {
        return level == Level.ERROR && REPLICA_MANAGER.equals(logger.getName())
                && t instanceof OutOfOrderSequenceException && t.getMessage() != null
                && t.getMessage().contains(NO_PRODUCER_STATE);
    }
}
