package georisk.config;

import java.util.Map;

/**
 * How {@code georisk topics create} creates topics.
 *
 * @param partitions        partitions of every topic; geo-events, trade-exposure and the repartition
 *                          by dyad must agree, since the exposure join is co-partitioned
 * @param replicationFactor replication factor of every topic
 * @param overrides         per-topic partition counts that differ from {@code partitions}
 */
public record TopicSettings(int partitions, short replicationFactor, Map<String, Integer> overrides) {
    public TopicSettings {
        if (partitions < 1) {
            throw new SettingException("partitions", partitions, "must be at least 1");
        }
        if (replicationFactor < 1) {
            throw new SettingException("replication-factor", replicationFactor, "must be at least 1");
        }
        overrides = Map.copyOf(overrides);
    }
}
