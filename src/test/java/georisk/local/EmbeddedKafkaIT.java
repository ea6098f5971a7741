package georisk.local;

import georisk.testing.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The embedded broker against real clients. One broker serves the class; the restart and bind-failure
 * tests start their own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaIT {
    private static final int DEFAULT_PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDefaultPartitions(DEFAULT_PARTITIONS)).start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldDeliverProducedRecordToConsumer() throws Exception {
        final String topic = TestNames.unique("round-trip");
        createTopic(kafka.bootstrapServers(), topic);

        try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(), Map.of())) {
            producer.send(new ProducerRecord<>(topic, "CAN-USA", "tariff imposed")).get(30, TimeUnit.SECONDS);
        }

        assertThat(readAll(kafka.bootstrapServers(), topic, 1, IsolationLevel.READ_UNCOMMITTED))
                .containsExactly("CAN-USA=tariff imposed");
    }

    @Test
    void shouldCommitTransactionOnSingleNode() throws Exception {
        final String topic = TestNames.unique("transactions");
        createTopic(kafka.bootstrapServers(), topic);

        // initTransactions needs the transaction state log; with Kafka's defaults (RF 3, min ISR 2) a
        // single broker never creates it and this blocks until max.block.ms.
        try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(), Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, TestNames.unique("tx"),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "CAN-CHN", "detention"));
            producer.send(new ProducerRecord<>(topic, "CAN-CHN", "release"));
            producer.commitTransaction();
        }

        assertThat(readAll(kafka.bootstrapServers(), topic, 2, IsolationLevel.READ_COMMITTED))
                .containsExactly("CAN-CHN=detention", "CAN-CHN=release");
    }

    @Test
    void shouldUseDefaultPartitionsAndNeverAutoCreateTopics() throws Exception {
        final String topic = TestNames.unique("defaults");
        try (Admin admin = admin(kafka.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions()).hasSize(DEFAULT_PARTITIONS);

            final ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            final Config config = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
        }
    }

    @Test
    void shouldKeepRecordsWhenRestartedOnSameDataDir(@TempDir final Path dataDir) throws Exception {
        final String topic = TestNames.unique("restart");
        final int port;
        try (EmbeddedKafka first = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDataDir(dataDir)).start()) {
            port = first.port();
            createTopic(first.bootstrapServers(), topic);
            try (KafkaProducer<String, String> producer = producer(first.bootstrapServers(), Map.of())) {
                producer.send(new ProducerRecord<>(topic, "CAN-USA", "before restart")).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(dataDir.resolve("meta.properties")).exists();
        final String clusterId = Files.readString(dataDir.resolve("meta.properties"));

        // Same port as before, as `georisk demo` does on 9092 from one run to the next.
        try (EmbeddedKafka second = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()
                .withDataDir(dataDir).withPort(port)).start()) {
            try (Admin admin = admin(second.bootstrapServers())) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
            }
            assertThat(readAll(second.bootstrapServers(), topic, 1, IsolationLevel.READ_UNCOMMITTED))
                    .containsExactly("CAN-USA=before restart");
        }
        assertThat(Files.readString(dataDir.resolve("meta.properties")))
                .as("not formatted again").isEqualTo(clusterId);
        assertThat(dataDir).as("a given data dir is kept").isDirectoryContaining("glob:**/" + topic + "-0");
    }

    @Test
    void shouldDeleteTemporaryDataDirWhenClosed() {
        final Path dataDir;
        try (EmbeddedKafka temporary = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()).start()) {
            dataDir = temporary.dataDir();
            assertThat(dataDir.resolve("meta.properties")).exists();
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void shouldNamePortWhenPortAlreadyInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            final int port = taken.getLocalPort();
            assertThatThrownBy(() -> new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withPort(port)).start())
                    .isInstanceOf(BrokerPortInUseException.class)
                    .hasMessageContaining("Port " + port + " ")
                    .hasMessageNotContaining("\n")
                    .satisfies(e -> assertThat(((BrokerPortInUseException) e).port()).isEqualTo(port));
        }
    }

    @Test
    void shouldNamePortWhenBrokerCannotBind() {
        // Skips the up-front check, as when another process takes the port between check and bind.
        final int port = kafka.port();
        final EmbeddedKafka clash = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withPort(port), false);
        assertThatThrownBy(clash::start)
                .isInstanceOf(BrokerPortInUseException.class)
                .hasMessageContaining("Port " + port + " ")
                .hasMessageNotContaining("\n");
        clash.close();
    }

    private static Admin admin(final String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void createTopic(final String bootstrap, final String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(final String bootstrap, final Map<String, Object> extra) {
        final Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Reads partition 0 from the beginning until {@code expected} records arrived, as {@code key=value}. */
    private static List<String> readAll(final String bootstrap, final String topic, final int expected,
                                        final IsolationLevel isolation) {
        final List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            final TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            await().alias(expected + " record(s) from " + topic).atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + "=" + r.value());
                }
                return seen.size() >= expected;
            });
        }
        return seen;
    }
}
