package georisk.topology;

import georisk.events.DeadLetterHeaders;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import georisk.scoring.AlertPolicy;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.ModelParameters;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static georisk.topology.TestEvents.event;
import static georisk.topology.TestEvents.exposure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology on a shared cluster: every topic it reads and writes is the prefixed catalog's, dead letters
 * included, while processor and store names (the deployed state) stay those of the golden description.
 */
class TopicPrefixTopologyTest {
    private static final String PREFIX = "team1.";
    private static final Path GOLDEN = Path.of("src/test/resources/georisk/topology/topology-description.txt");

    private final Topics topics = Topics.withPrefix(PREFIX);
    private String scope;
    private SerdeFactory serdes;
    private TopologyTestDriver driver;

    @TempDir
    Path stateDir;

    private Properties props() {
        final Properties p = new Properties();
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "prefix-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        PoisonRecordHandlers.configure(p, topics);
        return p;
    }

    private Topology topology() {
        return new RiskTopology(serdes, new DyadScorer(ModelParameters.defaults()),
                new AlertPolicy(ModelParameters.defaults()), new DyadResolver(Set.of("CAN"), Set.of("USA", "CHN")),
                Duration.ofDays(3650), topics).build(props());
    }

    @BeforeEach
    void start() {
        scope = "prefix-test-" + UUID.randomUUID();
        serdes = new SerdeFactory(SchemaRegistryClients.forUrl("mock://" + scope));
        driver = new TopologyTestDriver(topology(), props());
    }

    @AfterEach
    void stop() {
        driver.close();
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldReadAndWriteOnlyThePrefixedTopics() {
        final TestInputTopic<String, TradeExposure> exposures = driver.createInputTopic(
                PREFIX + "trade-exposure", Serdes.String().serializer(),
                serdes.valueSerde(topics.tradeExposure()).serializer());
        final TestInputTopic<String, GeoEvent> events = driver.createInputTopic(PREFIX + "geo-events",
                Serdes.String().serializer(), serdes.valueSerde(topics.geoEvents()).serializer());
        final TestInputTopic<byte[], byte[]> rawEvents = driver.createInputTopic(PREFIX + "geo-events",
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        final TestOutputTopic<String, RiskScore> scores = driver.createOutputTopic(PREFIX + "risk-scores",
                Serdes.String().deserializer(), serdes.valueSerde(topics.riskScores()).deserializer());
        final TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(PREFIX + "geo-events-dlq",
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());

        exposures.pipeInput("CAN-USA", exposure("CAN", "USA", 0.759), Instant.EPOCH);
        final GeoEvent tariff = event("t1", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED);
        events.pipeInput(new TestRecord<>(tariff.getId(), tariff, tariff.getOccurredAt()));
        rawEvents.pipeInput("bad".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8),
                Instant.parse("2025-03-05T00:00:00Z"));

        final RiskScore score = scores.readValue();
        assertThat(score.getExposureWeightedRisk()).isGreaterThan(0.0);
        assertThat(scores.isEmpty()).isTrue();
        final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(),
                StandardCharsets.UTF_8)).isEqualTo(PREFIX + "geo-events");
        assertThat(driver.producedTopicNames()).allMatch(t -> t.startsWith(PREFIX) || t.startsWith("prefix-test-"),
                "every topic written is the prefixed catalog's or an internal one (application id)");
        assertThat(driver.producedTopicNames()).contains(PREFIX + "risk-scores", PREFIX + "geo-events-dlq");
    }

    @Test
    void shouldKeepEveryProcessorAndStoreNameOfTheGoldenTopology() throws IOException {
        final String described = topology().describe().toString();
        assertThat(described).contains("topics: [" + PREFIX + "geo-events]", "topic: " + PREFIX + "risk-scores",
                "topic: " + PREFIX + "geo-events-dlq");
        assertThat(described.replace(PREFIX, ""))
                .as("a prefix changes topic names only: processors, stores and internal topics keep their names")
                .isEqualTo(Files.readString(GOLDEN));
    }

    @Test
    void shouldDeadLetterToThePrefixedTopicFromTheExceptionHandlers() {
        final DeserializationExceptionHandler handler = new StreamsConfig(props()).deserializationExceptionHandler();
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("prefix-test-by-dyad-repartition",
                0, 7L, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
        final DeserializationExceptionHandler.Response response = handler.handleError(context(record), record,
                new SerializationException("garbage"));
        assertThat(response.deadLetterQueueRecords()).extracting(ProducerRecord::topic)
                .containsExactly(PREFIX + "geo-events-dlq");
    }

    private static ErrorHandlerContext context(final ConsumerRecord<byte[], byte[]> record) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return record.topic();
            }

            @Override
            public int partition() {
                return record.partition();
            }

            @Override
            public long offset() {
                return record.offset();
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "source";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return record.key();
            }

            @Override
            public byte[] sourceRawValue() {
                return record.value();
            }
        };
    }
}
