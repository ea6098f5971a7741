package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.SourceKind;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import georisk.ingest.gdelt.GdeltTestFiles;
import georisk.local.EmbeddedKafka;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code georisk import-gdelt} on real parts: the hand-written GDELT 2.0 export imported through
 * {@link GeoriskCommand#commandLine()} into an embedded KRaft broker with the real (Apicurio) schema
 * registry, and the kept events read back from {@code geo-events} by a plain {@link KafkaConsumer}
 * with the project's deserializer.
 *
 * <p>The command writes to the catalog's fixed topic names, so this class takes a broker of its own.
 */
@Timeout(180)
class ImportGdeltCommandIT {
    private static EmbeddedKafka kafka;
    private static KafkaSettings settings;

    @BeforeAll
    static void startBroker() {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDefaultPartitions(3)).start();
        settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldPublishTheKeptEventsOfAGdelt2ExportAndExitOneForItsRejectedRows() {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final String[] args = {"import-gdelt", "--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", settings.schemaRegistryUrl(), GdeltTestFiles.resource(GdeltTestFiles.V2).toString()};

        // Given: no topics yet, the command says what to do
        assertThat(GeoriskCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args)).isEqualTo(1);
        assertThat(err.toString()).contains("do not exist at " + kafka.bootstrapServers(), "run 'georisk topics create' first");

        // When: the topics exist
        try (Admin admin = Admin.create(settings.adminProperties())) {
            new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(3, Map.of(), (short) 1);
        }
        out.getBuffer().setLength(0);
        final int exit = GeoriskCommand.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);

        // Then: six rows were rejected, the 21 kept events were acknowledged
        assertThat(exit).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("Rows read: 38", "Kept:      21", "Set aside: 11", "Rejected:  6",
                "Published: 21");

        // And: a plain consumer reads exactly those events, keyed by id, stamped with their event time
        final List<ConsumerRecord<String, GeoEvent>> records = readGeoEvents(21);
        final List<String> expectedIds = Stream.concat(Stream.of(1, 31), IntStream.rangeClosed(3, 21).boxed())
                .map(line -> "gdelt-" + (1230000000L + line)).toList();
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.value().getId()).isEqualTo(r.key());
            assertThat(r.timestamp()).isEqualTo(r.value().getOccurredAt().toEpochMilli());
            assertThat(r.value().getSourceKind()).isEqualTo(SourceKind.MACHINE_CODED);
        });
        final GeoEvent sanction = records.stream().map(ConsumerRecord::value)
                .filter(e -> e.getId().equals("gdelt-1230000001")).findFirst().orElseThrow();
        assertThat(sanction.getType()).isEqualTo(EventType.SANCTION);
        assertThat(sanction.getActor()).isEqualTo("USA");
        assertThat(sanction.getTarget()).isEqualTo("CAN");
        assertThat(sanction.getCameoCode()).isEqualTo("163");
        assertThat(sanction.getGoldstein()).isEqualTo(-8.0);
        assertThat(sanction.getTone()).isEqualTo(-6.21739130434783);
        assertThat(sanction.getMentions()).isEqualTo(12);
        assertThat(sanction.getSources()).isEqualTo(6);
        assertThat(sanction.getArticles()).isEqualTo(10);
        assertThat(sanction.getOccurredAt()).isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
        assertThat(sanction.getReportedAt()).isEqualTo(Instant.parse("2025-03-04T15:15:00Z"));
        assertThat(sanction.getSourceName()).isEqualTo("reuters.com");
        assertThat(sanction.getConfidence()).isEqualTo(0.886);
        assertThat(sanction.getHeadline())
                .isEqualTo("United States imposes sanctions, an embargo or a boycott on Canada (CAMEO 163, reuters.com)");
    }

    private static List<ConsumerRecord<String, GeoEvent>> readGeoEvents(final int expected) {
        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
        final List<ConsumerRecord<String, GeoEvent>> records = new ArrayList<>();
        try (KafkaConsumer<String, GeoEvent> consumer = new KafkaConsumer<>(settings.consumerProperties("it-gdelt"),
                serdes.keySerde(Topics.GEO_EVENTS).deserializer(), serdes.valueSerde(Topics.GEO_EVENTS).deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.GEO_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().alias(expected + " events on geo-events").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                        return records.size() >= expected;
                    });
            // nothing more arrives
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        assertThat(records).hasSize(expected);
        return records;
    }
}
