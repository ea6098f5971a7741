package georisk.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates georisk's topics: the explicit, idempotent step behind {@code georisk topics create} (and
 * {@code demo}). Topics are never created as a side effect of the first produce.
 *
 * <p>Each missing topic is created with the requested partition count and replication factor and the
 * catalog's topic configuration (compaction for {@code trade-exposure}, retention for the others).
 * A topic that already exists is left exactly as it is, even when its partition count differs from
 * the request: adding partitions to a keyed topic moves keys (dyads) to other partitions and so
 * breaks co-partitioning and the state built on it. The difference is logged and reported instead.
 *
 * <p>Every call to the broker is bounded by one overall timeout, after which the error names the
 * broker that did not answer.
 */
public final class TopicCreator {
    /** Topic setting: how many replicas must have an {@code acks=all} write before it is acknowledged. */
    static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);
    private static final Duration METADATA_RETRY_BACKOFF = Duration.ofMillis(100);

    private final Admin admin;
    private final String bootstrapServers;
    private final Duration timeout;

    /**
     * @param admin            the client to create topics with; not closed by this class
     * @param bootstrapServers where {@code admin} points; only used to say so in errors
     * @param timeout          how long the whole run may take
     */
    public TopicCreator(final Admin admin, final String bootstrapServers, final Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** Creates every topic of {@link Topics#DEFAULT} that does not exist yet. */
    public TopicCreationResult createAll(final int defaultPartitions, final Map<String, Integer> partitionOverrides,
                                         final short replicationFactor) {
        return create(Topics.DEFAULT.all(), defaultPartitions, partitionOverrides, replicationFactor);
    }

    /**
     * Creates the given topics that do not exist yet.
     *
     * @param specs              the topics, usually a catalog's {@link Topics#all()}
     * @param defaultPartitions  partitions of a topic without an override
     * @param partitionOverrides partitions by topic name, for some of {@code specs}
     * @param replicationFactor  replicas of every created topic
     * @throws IllegalArgumentException when a count is below 1 or an override names a topic not in {@code specs}
     * @throws TopicCreationException   when the broker does not answer in time or refuses a topic
     */
    public TopicCreationResult create(final List<TopicSpec<?, ?>> specs, final int defaultPartitions,
                                      final Map<String, Integer> partitionOverrides, final short replicationFactor) {
        final Map<String, Integer> requested = requestedPartitions(specs, defaultPartitions, partitionOverrides);
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        final long deadline = System.nanoTime() + timeout.toNanos();

        final Set<String> present = await(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(),
                deadline, "list topics");
        final List<TopicSpec<?, ?>> missing = specs.stream().filter(spec -> !present.contains(spec.name())).toList();
        final List<String> created = new ArrayList<>();
        final List<String> racedIn = createTopics(missing, requested, replicationFactor, deadline, created);

        final List<String> existing = specs.stream().map(TopicSpec::name)
                .filter(name -> present.contains(name) || racedIn.contains(name)).toList();
        // Return only once every topic is usable: producers and Streams started right after this would
        // otherwise meet UNKNOWN_TOPIC_OR_PARTITION (Streams: MissingSourceTopicException).
        final Map<String, TopicDescription> described =
                describeWhenVisible(specs.stream().map(TopicSpec::name).toList(), deadline);
        final List<String> warnings = compareExisting(existing, requested, described);
        return new TopicCreationResult(created, existing, warnings);
    }

    private static Map<String, Integer> requestedPartitions(final List<TopicSpec<?, ?>> specs,
                                                            final int defaultPartitions,
                                                            final Map<String, Integer> overrides) {
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("default partition count must be at least 1, was " + defaultPartitions);
        }
        final Map<String, Integer> requested = new LinkedHashMap<>();
        specs.forEach(spec -> requested.put(spec.name(), defaultPartitions));
        new TreeMap<>(overrides).forEach((topic, partitions) -> {
            if (!requested.containsKey(topic)) {
                throw new IllegalArgumentException("partition count given for unknown topic '" + topic
                        + "'; topics are " + String.join(", ", requested.keySet()));
            }
            if (partitions == null || partitions < 1) {
                throw new IllegalArgumentException("partition count of " + topic + " must be at least 1, was " + partitions);
            }
            requested.put(topic, partitions);
        });
        return requested;
    }

    /**
     * A topic's configuration with the durability its replication factor allows: with 3 replicas or more, an
     * acknowledged write ({@code acks=all}) must be on at least 2 of them ({@code min.insync.replicas=2}), so
     * that losing one broker loses no acknowledged record. A catalog setting of its own wins.
     */
    static Map<String, String> durable(final Map<String, String> config, final short replicationFactor) {
        if (replicationFactor < 3 || config.containsKey(MIN_INSYNC_REPLICAS)) {
            return config;
        }
        final Map<String, String> withIsr = new TreeMap<>(config);
        withIsr.put(MIN_INSYNC_REPLICAS, "2");
        return withIsr;
    }

    /** Creates {@code missing}, adding each to {@code created}; returns those that another client created first. */
    private List<String> createTopics(final List<TopicSpec<?, ?>> missing, final Map<String, Integer> requested,
                                      final short replicationFactor, final long deadline, final List<String> created) {
        if (missing.isEmpty()) {
            return List.of();
        }
        final List<NewTopic> newTopics = missing.stream()
                .map(spec -> new NewTopic(spec.name(), requested.get(spec.name()), replicationFactor)
                        .configs(durable(spec.config(), replicationFactor)))
                .toList();
        final Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics,
                new CreateTopicsOptions().timeoutMs((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline)))))
                .values();
        final List<String> racedIn = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        for (TopicSpec<?, ?> spec : missing) {
            try {
                await(results.get(spec.name()), deadline, "create topic " + spec.name());
                created.add(spec.name());
                log.info("Created topic {} ({} partitions, replication factor {}, {})", spec.name(),
                        requested.get(spec.name()), replicationFactor,
                        new TreeMap<>(durable(spec.config(), replicationFactor)));
            } catch (TopicCreationException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    racedIn.add(spec.name());  // created by someone else since we listed: still idempotent
                } else {
                    failures.add(e.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new TopicCreationException(String.join("; ", failures)
                    + (created.isEmpty() ? "" : " (created meanwhile: " + String.join(", ", created) + ")"), null);
        }
        return racedIn;
    }

    /**
     * Describes {@code names} once the broker serving this client knows them all. The controller
     * acknowledges a creation before every broker's metadata cache has it, so right after a creation
     * (ours or a concurrent run's) a describe can briefly answer "unknown topic".
     */
    private Map<String, TopicDescription> describeWhenVisible(final List<String> names, final long deadline) {
        while (true) {
            try {
                return await(admin.describeTopics(names).allTopicNames(), deadline, "describe topics");
            } catch (TopicCreationException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || remaining(deadline) == 0) {
                    throw e;
                }
            }
            pause(METADATA_RETRY_BACKOFF);
        }
    }

    private static List<String> compareExisting(final List<String> existing, final Map<String, Integer> requested,
                                                final Map<String, TopicDescription> described) {
        final List<String> warnings = new ArrayList<>();
        for (String name : existing) {
            final int actual = described.get(name).partitions().size();
            final int wanted = requested.get(name);
            if (actual != wanted) {
                final String warning = "topic " + name + " exists with " + actual + " partitions, " + wanted
                        + " requested; left as it is (changing it would move keys between partitions)";
                log.warn(warning);
                warnings.add(warning);
            } else {
                log.info("Topic {} exists ({} partitions); left as it is", name, actual);
            }
        }
        return warnings;
    }

    private static void pause(final Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicCreationException("Interrupted while waiting for topics to become visible", e);
        }
    }

    private <T> T await(final KafkaFuture<T> future, final long deadline, final String what) {
        try {
            return future.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TopicCreationException("Kafka not reachable at " + bootstrapServers + ": could not " + what
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause();
            throw new TopicCreationException("Could not " + what + " on Kafka at " + bootstrapServers + ": "
                    + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicCreationException("Interrupted while waiting to " + what + " on Kafka at "
                    + bootstrapServers, e);
        }
    }

    private static long remaining(final long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Topic creation failed: the broker did not answer in time, or refused a topic. The message says which. */
    public static final class TopicCreationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TopicCreationException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
