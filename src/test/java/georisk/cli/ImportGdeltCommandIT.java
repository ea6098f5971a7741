package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.config.WatchSettings;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.SourceKind;
import georisk.events.TopicCreator;
import georisk.events.TopicReader;
import georisk.events.Topics;
import georisk.ingest.gdelt.GdeltTestFiles;
import georisk.local.EmbeddedKafka;
import georisk.runtime.ScoringApp;
import georisk.scoring.ModelParameters;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
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
        final List<ConsumerRecord<String, GeoEvent>> records = readGeoEvents(Topics.DEFAULT, 21);
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

    /**
     * The "every country pair": a world-wide import ({@code --home '*'}, on topics of its own) scored in full
     * by the topology in every-pair mode, each pair keyed by its two codes in alphabetical order, pairs without
     * Canada included.
     */
    @Test
    void shouldScoreEveryPairOfAWorldWideImport(@TempDir final Path state) throws Exception {
        final String prefix = TestNames.unique("world") + ".";
        final Topics topics = Topics.withPrefix(prefix);
        final String[] connection = {"--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", settings.schemaRegistryUrl(), "--topic-prefix", prefix};
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        assertThat(GeoriskCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(concat(new String[] {"topics", "create", "--partitions", "3"}, connection)))
                .as(out + "" + err).isZero();

        // When: every pair of the export is imported (six of its rows are rejected: exit 1)
        out.getBuffer().setLength(0);
        assertThat(GeoriskCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(concat(new String[] {"import-gdelt", "--home", "*"}, connection,
                        new String[] {GdeltTestFiles.resource(GdeltTestFiles.V2).toString()})))
                .as(out + "" + err).isEqualTo(1);
        assertThat(out.toString()).contains("keeping every dyad", "Kept:      23", "Published: 23");
        final Map<String, Long> perPair = readGeoEvents(topics, 23).stream().map(ConsumerRecord::value)
                .collect(groupingBy(e -> e.getActor().compareTo(e.getTarget()) < 0
                        ? e.getActor() + "-" + e.getTarget() : e.getTarget() + "-" + e.getActor(), TreeMap::new, counting()));
        assertThat(perPair.keySet()).as("the export has pairs without Canada").anyMatch(pair -> !pair.contains("CAN"));

        // Then: the topology in every-pair mode scores each pair with all of its events, and no other key
        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
        final Map<String, Long> scored = new HashMap<>();
        try (ScoringApp app = new ScoringApp(settings, new StreamsSettings(TestNames.unique("georisk-world"), state, 1, 1,
                Duration.ofMillis(100)), WatchSettings.everyPair(Duration.ofDays(3650)), serdes, ModelParameters.defaults(),
                null, topics);
             KafkaConsumer<String, RiskScore> scores = new KafkaConsumer<>(settings.consumerProperties("it-world"),
                     serdes.keySerde(topics.riskScores()).deserializer(),
                     serdes.valueSerde(topics.riskScores()).deserializer())) {
            app.start(Duration.ofSeconds(90));
            TopicReader.assignFromStart(scores, topics.riskScores().name());
            await().alias("a score of each pair counting all of its events").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                        for (final ConsumerRecord<String, RiskScore> r : scores.poll(Duration.ofMillis(200))) {
                            scored.merge(r.key(), (long) r.value().getEventCount(), Math::max);
                        }
                        assertThat(scored).as("events counted by the latest score of each key")
                                .containsExactlyInAnyOrderEntriesOf(perPair);
                    });
        }
    }

    private static String[] concat(final String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }

    private static List<ConsumerRecord<String, GeoEvent>> readGeoEvents(final Topics topics, final int expected) {
        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
        final List<ConsumerRecord<String, GeoEvent>> records = new ArrayList<>();
        try (KafkaConsumer<String, GeoEvent> consumer = new KafkaConsumer<>(settings.consumerProperties("it-gdelt"),
                serdes.keySerde(topics.geoEvents()).deserializer(), serdes.valueSerde(topics.geoEvents()).deserializer())) {
            TopicReader.assignFromStart(consumer, topics.geoEvents().name());
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
