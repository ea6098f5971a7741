package georisk.events;

import java.util.Map;
import java.util.Objects;

/**
 * One topic of georisk's catalog: its name, the Java types of its keys and values, and the topic
 * configuration it is created with. Partition counts are not part of the spec: they come from
 * configuration when the topic is created ({@code georisk topics create}).
 *
 * @param name        the topic name
 * @param keyType     the type of record keys ({@code String} for dyads and event ids, {@code byte[]} for raw)
 * @param valueType   the type of record values (a generated Avro class, or {@code byte[]} for raw)
 * @param config      topic-level configuration applied at creation (cleanup policy, retention)
 * @param description one line for people: what flows through the topic
 * @param <K> key type
 * @param <V> value type
 */
public record TopicSpec<K, V>(String name, Class<K> keyType, Class<V> valueType,
                              Map<String, String> config, String description) {
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        config = Map.copyOf(config);
        Objects.requireNonNull(description, "description");
    }

    /** True when the topic keeps only the latest record per key (log compaction). */
    public boolean compacted() {
        return "compact".equals(config.get("cleanup.policy"));
    }
}
