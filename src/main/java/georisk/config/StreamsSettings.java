package georisk.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the Kafka Streams application.
 *
 * @param applicationId     application id: consumer group and prefix of internal topics
 * @param stateDir          where local state (RocksDB) lives; keep it on a volume, not in a temp dir
 * @param threads           stream threads in this instance
 * @param replicationFactor replication factor of internal topics (changelogs, repartitions)
 * @param commitInterval    how often results are committed (with exactly-once, how long output
 *                          waits before consumers that read committed records see it)
 */
public record StreamsSettings(String applicationId, Path stateDir, int threads, int replicationFactor,
                              Duration commitInterval) {
    /**
     * The default commit interval, as text for option defaults. Every event crosses two exactly-once transactions
     * (the repartition by dyad, then the scores), each visible only at a commit, so event->score latency is about
     * two intervals: bench-pipeline measured p99 158 ms at 5,000 events/s at 50 ms against 256 ms at 100 ms
     * (README, Performance; 143 ms with the 5 ms linger {@link KafkaSettings#streamsProperties} sets).
     */
    public static final String DEFAULT_COMMIT_INTERVAL_TEXT = "50ms";
    /** {@link #DEFAULT_COMMIT_INTERVAL_TEXT} as a duration. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(50);

    public StreamsSettings {
        if (applicationId == null || !applicationId.matches("[a-zA-Z0-9._-]+")) {
            throw new SettingException("application-id", applicationId,
                    "use letters, digits, '.', '_' and '-' (it prefixes internal topic names)");
        }
        if (stateDir == null) {
            throw new SettingException("state-dir", null, "a directory is required");
        }
        if (threads < 1) {
            throw new SettingException("threads", threads, "must be at least 1");
        }
        if (replicationFactor < 1) {
            throw new SettingException("replication-factor", replicationFactor, "must be at least 1");
        }
        if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
            throw new SettingException("commit-interval", commitInterval, "must be a positive duration");
        }
    }
}
