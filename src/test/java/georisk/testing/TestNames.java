package georisk.testing;

import georisk.events.TopicSpec;

import java.util.List;
import java.util.UUID;

/**
 * Unique names for integration tests, which share one broker (and registry) per JVM and, with
 * {@link TestKafka#BOOTSTRAP_ENV}, across runs: topics, application ids, group ids, subjects.
 */
public final class TestNames {
    private TestNames() {
    }

    /** {@code base} plus a random suffix, e.g. {@code geo-events-3f9c1a7e}; valid in topic names and ids. */
    public static String unique(final String base) {
        return base + "-" + suffix();
    }

    /** A fresh suffix of 8 lowercase hex digits. */
    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The catalog's topics renamed {@code <name>-<suffix>}, with the same types and configuration. */
    public static List<TopicSpec<?, ?>> topics(final List<TopicSpec<?, ?>> specs, final String suffix) {
        return specs.stream().<TopicSpec<?, ?>>map(spec -> renamed(spec, suffix)).toList();
    }

    /** One topic renamed {@code <name>-<suffix>}, with the same types and configuration. */
    public static <K, V> TopicSpec<K, V> renamed(final TopicSpec<K, V> spec, final String suffix) {
        return new TopicSpec<>(spec.name() + "-" + suffix, spec.keyType(), spec.valueType(), spec.config(),
                spec.description());
    }
}
