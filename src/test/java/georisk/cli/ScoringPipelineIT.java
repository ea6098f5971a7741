package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.config.WatchSettings;
import georisk.events.DeadLetterHeaders;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.SourceKind;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import georisk.ingest.EventPublisher;
import georisk.ingest.Scenario;
import georisk.local.EmbeddedKafka;
import georisk.runtime.ScoringApp;
import georisk.scoring.DyadResolver;
import georisk.scoring.ModelParameters;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole flow on real parts: an embedded KRaft broker, the real (Apicurio) schema registry, the
 * project's producer, the topology under Kafka Streams with exactly-once, and a plain
 * {@link KafkaConsumer} with the project's deserializer reading {@code risk-scores}.
 *
 * <p>The topology uses the catalog's fixed topic names, so this class takes a broker of its own
 * rather than the shared test broker (where another test's records could be on those topics).
 */
@Timeout(180)
class ScoringPipelineIT {
    private static final Set<String> WATCHED = Set.of("USA", "CHN");

    @TempDir
    static Path stateDir;

    private static EmbeddedKafka kafka;
    private static KafkaSettings settings;
    private static SerdeFactory serdes;
    private static ScoringApp app;

    @BeforeAll
    static void startPipeline() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDefaultPartitions(3)).start();
        settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
        try (Admin admin = Admin.create(settings.adminProperties())) {
            new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(3, Map.of(), (short) 1);
        }
        serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
        app = new ScoringApp(settings,
                new StreamsSettings(TestNames.unique("georisk-it"), stateDir, 1, 1, Duration.ofMillis(100)),
                new WatchSettings(Set.of("CAN"), WATCHED, Duration.ofDays(3650)), serdes, ModelParameters.defaults());
        app.start(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopPipeline() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldScoreBothDyadsOfTheScenarioAndDeadLetterGarbage() throws Exception {
        final Scenario scenario = Scenario.builtIn();
        final Map<String, Long> expected = expectedPerDyad(scenario);
        assertThat(expected).containsOnlyKeys("CAN-USA", "CAN-CHN");

        // Given: the scenario, then a record of garbage bytes, then one more valid event
        try (EventPublisher publisher = new EventPublisher(settings.producerProperties("it-scenario"), serdes)) {
            publisher.publish(scenario, 0);
        }
        sendGarbage("garbage-1", "\u0000\u0000\u0000\u0000\u0007 this is not Avro".getBytes(StandardCharsets.ISO_8859_1));
        final GeoEvent after = GeoEvent.newBuilder()
                .setId("it-after-garbage").setOccurredAt(Instant.parse("2026-01-20T00:00:00Z"))
                .setReportedAt(Instant.parse("2026-01-20T00:00:00Z")).setActor("USA").setTarget("CAN")
                .setType(EventType.TARIFF_THREATENED).setHeadline("a threat published after the garbage record")
                .setSourceKind(SourceKind.CURATED).build();
        try (EventPublisher publisher = new EventPublisher(settings.producerProperties("it-after"), serdes)) {
            publisher.publish(after).get();
        }

        // Then: a plain consumer with the project's deserializer sees both dyads fully scored,
        // including the event sent after the garbage (the topology kept going)
        final Map<String, RiskScore> latest = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, RiskScore> consumer = new KafkaConsumer<>(
                settings.consumerProperties("it-scores"),
                serdes.keySerde(Topics.RISK_SCORES).deserializer(), serdes.valueSerde(Topics.RISK_SCORES).deserializer())) {
            assignFromStart(consumer, Topics.RISK_SCORES.name());
            await().alias("both dyads scored with every event").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
                        return count(latest, "CAN-USA") == expected.get("CAN-USA") + 1
                                && count(latest, "CAN-CHN") == expected.get("CAN-CHN");
                    });
        }
        final RiskScore usa = latest.get("CAN-USA");
        final RiskScore chn = latest.get("CAN-CHN");
        assertThat(usa.getAsOf()).isEqualTo(after.getOccurredAt());
        assertThat(usa.getDrivers()).extracting(d -> d.getEventId()).contains("it-after-garbage");
        assertThat(usa.getExposure()).isEqualTo(0.759);
        assertThat(chn.getExposure()).isEqualTo(0.04);
        assertThat(usa.getExposureWeightedRisk()).isGreaterThan(chn.getExposureWeightedRisk());

        // And: the garbage is on the dead-letter topic, untouched, with its reason
        final ConsumerRecord<byte[], byte[]> dead = firstDeadLetter();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("garbage-1");
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith("cannot decode GeoEvent");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.GEO_EVENTS.name());
        assertThat(app.failure()).isNull();
    }

    private static long count(final Map<String, RiskScore> latest, final String dyad) {
        return Optional.ofNullable(latest.get(dyad)).map(RiskScore::getEventCount).orElse(0L);
    }

    private static Map<String, Long> expectedPerDyad(final Scenario scenario) {
        final DyadResolver resolver = new DyadResolver(Set.of("CAN"), WATCHED);
        return scenario.events().stream().map(e -> resolver.resolve(e.getActor(), e.getTarget()))
                .flatMap(Optional::stream).collect(Collectors.groupingBy(d -> d.key(), Collectors.counting()));
    }

    private static void sendGarbage(final String key, final byte[] value) throws Exception {
        final Properties p = settings.producerProperties("it-garbage");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.GEO_EVENTS.name(), key.getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }

    private static ConsumerRecord<byte[], byte[]> firstDeadLetter() {
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumerProperties("it-dlq"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            assignFromStart(consumer, Topics.GEO_EVENTS_DLQ.name());
            await().alias("a dead letter").atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static void assignFromStart(final KafkaConsumer<?, ?> consumer, final String topic) {
        final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
