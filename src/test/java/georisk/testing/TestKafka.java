package georisk.testing;

import georisk.local.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Kafka that integration tests run against, one per test JVM, chosen in this order:
 * <ol>
 *   <li>{@value #BOOTSTRAP_ENV} when set (a broker someone already runs, e.g. in CI);</li>
 *   <li>a Testcontainers {@code apache/kafka} container when Docker is available;</li>
 *   <li>an {@link EmbeddedKafka} in this JVM.</li>
 * </ol>
 * The broker is found or started on first use and stopped when the JVM exits. It is shared by every
 * test class in the JVM, so tests use unique topic names and application ids ({@link TestNames}).
 * Topics are never auto-created: the container is configured like the embedded broker.
 */
public final class TestKafka {
    /** Environment variable naming an existing broker's bootstrap servers. */
    public static final String BOOTSTRAP_ENV = "GEORISK_TEST_BOOTSTRAP_SERVERS";
    /** The image of the Testcontainers broker. */
    public static final String IMAGE = "apache/kafka:4.4.0";

    private static final Logger log = LoggerFactory.getLogger(TestKafka.class);

    private static String bootstrapServers;

    private TestKafka() {
    }

    /** Bootstrap servers of the test broker, starting it on the first call. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = locate();
        }
        return bootstrapServers;
    }

    private static String locate() {
        final String fromEnv = System.getenv(BOOTSTRAP_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            log.info("Integration tests use Kafka at {} (from {})", fromEnv.trim(), BOOTSTRAP_ENV);
            return fromEnv.trim();
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return startContainer();
        }
        return startEmbedded();
    }

    private static String startContainer() {
        final KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        stopOnExit("stop-test-kafka-container", container::stop);
        log.info("Integration tests use Kafka at {} (Testcontainers, {})", container.getBootstrapServers(), IMAGE);
        return container.getBootstrapServers();
    }

    private static String startEmbedded() {
        final EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()).start();
        stopOnExit("stop-test-kafka-embedded", kafka::close);
        log.info("Integration tests use Kafka at {} (embedded, no Docker and no {})", kafka.bootstrapServers(),
                BOOTSTRAP_ENV);
        return kafka.bootstrapServers();
    }

    private static void stopOnExit(final String name, final Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, name));
    }
}
