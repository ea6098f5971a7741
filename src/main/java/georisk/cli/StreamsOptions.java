package georisk.cli;

import georisk.config.StreamsSettings;
import georisk.topology.Names;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** The Kafka Streams application's own settings. */
final class StreamsOptions {
    @Option(names = "--application-id", paramLabel = "ID",
            defaultValue = "${env:GEORISK_APPLICATION_ID:-" + Names.DEFAULT_APPLICATION_ID + "}",
            description = "Streams application id: consumer group and prefix of internal topics "
                    + "(env GEORISK_APPLICATION_ID; default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:GEORISK_STATE_DIR:-georisk-state}",
            description = "Local state (RocksDB); keep it on a persistent volume "
                    + "(env GEORISK_STATE_DIR; default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "${env:GEORISK_THREADS:-1}",
            description = "Stream threads in this instance (env GEORISK_THREADS; default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--commit-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:GEORISK_COMMIT_INTERVAL:-" + StreamsSettings.DEFAULT_COMMIT_INTERVAL_TEXT + "}",
            description = "How often results are committed; with exactly-once, how long scores wait before "
                    + "read-committed consumers see them; a backfill that only needs speed can commit less often, "
                    + "e.g. 200ms (env GEORISK_COMMIT_INTERVAL; default ${DEFAULT-VALUE}).")
    Duration commitInterval;

    StreamsSettings settings(final int replicationFactor) {
        return new StreamsSettings(applicationId, stateDir, threads, replicationFactor, commitInterval);
    }
}
