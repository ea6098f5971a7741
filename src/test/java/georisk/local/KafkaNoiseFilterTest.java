package georisk.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaNoiseFilterTest {
    private static final String APPEND_FAILED = "[ReplicaManager broker=1] Error processing append operation on "
            + "partition Fj6TeeLESTGCcfpx5Z_mzg:risk-scores-3";
    private static final String NO_STATE = "Invalid sequence number for producer 36 at offset 7934 in partition "
            + "risk-scores-3: 63 (incoming seq. number). Expected sequence 0 for transactions v2 idempotent "
            + "producer with no existing state.";

    private final LoggerContext context = new LoggerContext();
    private final KafkaNoiseFilter filter = new KafkaNoiseFilter();

    private FilterReply decide(final String logger, final Level level, final String message, final Throwable t) {
        final Logger l = context.getLogger(logger);
        return filter.decide(null, l, level, message, null, t);
    }

    @Test
    void shouldDropTheBrokersErrorForABatchThatTheProducerRetries() {
        assertThat(decide(KafkaNoiseFilter.REPLICA_MANAGER, Level.ERROR, APPEND_FAILED,
                new OutOfOrderSequenceException(NO_STATE))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void shouldKeepOtherSequenceErrorsOfTheBroker() {
        // a gap in a producer's sequence with state on the partition is not the retry above: it must show
        assertThat(decide(KafkaNoiseFilter.REPLICA_MANAGER, Level.ERROR, APPEND_FAILED, new OutOfOrderSequenceException(
                "Out of order sequence number for producer 1674 at offset 548171 in partition warnings-topic-0: 51 "
                        + "(incoming seq. number), 49 (current end sequence number)"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(KafkaNoiseFilter.REPLICA_MANAGER, Level.ERROR, APPEND_FAILED,
                new IllegalStateException(NO_STATE))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("kafka.server.KafkaApis", Level.ERROR, APPEND_FAILED,
                new OutOfOrderSequenceException(NO_STATE))).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldDropTheBenignWarningsOfAStartAndKeepOthers() {
        assertThat(decide("org.apache.kafka.controller.QuorumController", Level.WARN,
                "Performing controller activation. The metadata log appears to be empty.", null))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("org.apache.kafka.clients.NetworkClient", Level.WARN,
                "Connection to node 1 (localhost/127.0.0.1:9092) could not be established.", null))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldDropTheTemporaryStateDirWarningOnlyForGeorisksOwnScratchDirectories(@TempDir final Path tmp) {
        final Path scratch = tmp.resolve("georisk-demo-1");
        KafkaNoiseFilter.scratchStateUnder(scratch);
        final String warning = "Using an OS temp directory in the state.dir property can cause failures with writing "
                + "the checkpoint file due to the fact that this directory can be cleared by the OS. Resolved state.dir: [";
        assertThat(decide("org.apache.kafka.streams.processor.internals.StateDirectory", Level.WARN,
                warning + scratch.resolve("state") + "]", null)).isEqualTo(FilterReply.DENY);
        // a user's own state.dir in /tmp is worth the warning
        assertThat(decide("org.apache.kafka.streams.processor.internals.StateDirectory", Level.WARN,
                warning + tmp.resolve("my-state") + "]", null)).isEqualTo(FilterReply.NEUTRAL);
    }
}
