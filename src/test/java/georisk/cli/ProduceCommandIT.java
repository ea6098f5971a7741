package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.events.DeadLetterHeaders;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import georisk.local.EmbeddedKafka;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code georisk produce} end to end, through {@link GeoriskCommand#commandLine()}: an embedded KRaft
 * broker, the real (Apicurio) schema registry, and a plain {@link KafkaConsumer} with the project's
 * deserializer reading back what was published.
 *
 * <p>The command writes to the catalog's fixed topic names, so this class takes a broker of its own
 * rather than the shared test broker; its tests tell their records apart by unique id prefixes.
 */
@Timeout(180)
class ProduceCommandIT {
    private static EmbeddedKafka kafka;
    private static KafkaSettings settings;
    private static SerdeFactory serdes;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startBroker() {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDefaultPartitions(3)).start();
        settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
        try (Admin admin = Admin.create(settings.adminProperties())) {
            new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(3, Map.of(), (short) 1);
        }
        serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private int produce(final String... args) {
        final List<String> all = new ArrayList<>(List.of("produce", "--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", settings.schemaRegistryUrl()));
        all.addAll(List.of(args));
        return GeoriskCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }

    /** A CSV of events {@code prefix-2} … {@code prefix-9} on lines 2 … 9, line 7's date being February 30th. */
    private Path csvWithBadDateOnLine7(final String prefix) throws IOException {
        final StringBuilder csv = new StringBuilder("id,occurredAt,actor,target,type,tariffRate,sectors,headline\n");
        for (int line = 2; line <= 9; line++) {
            final String date = line == 7 ? "2025-02-30" : "2025-03-0" + line;
            csv.append(prefix).append('-').append(line).append(',').append(date).append(",USA,CAN,")
                    .append(line % 2 == 0 ? "TARIFF_IMPOSED,25,steel;aluminum," : "HOSTILE_STATEMENT,,,")
                    .append("\"U.S. says \"\"no\"\", line ").append(line).append("\"\n");
        }
        return Files.writeString(dir.resolve(prefix + ".csv"), csv);
    }

    @Test
    void shouldPublishEveryOtherLineAndDeadLetterTheBadDateOnLine7() throws IOException {
        final String prefix = TestNames.unique("csv");
        final Path csv = csvWithBadDateOnLine7(prefix);

        final int exit = produce(csv.toString());

        assertThat(exit).as("exit code; output:%n%s%s", out, err).isEqualTo(1);
        assertThat(out.toString()).contains(
                csv + " line 7: occurredAt: \"2025-02-30\" is not an ISO date or instant",
                "Read 8 records: 7 sent to geo-events, 1 rejected",
                "Rejected by reason (1 sent to geo-events-dlq):",
                "TARIFF_IMPOSED", "HOSTILE_STATEMENT");

        final List<ConsumerRecord<String, GeoEvent>> events = readAll(Topics.GEO_EVENTS.name(),
                serdes.keySerde(Topics.GEO_EVENTS).deserializer(), serdes.valueSerde(Topics.GEO_EVENTS).deserializer())
                .stream().filter(r -> r.key().startsWith(prefix + "-")).toList();
        assertThat(events).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                prefix + "-2", prefix + "-3", prefix + "-4", prefix + "-5", prefix + "-6", prefix + "-8", prefix + "-9");
        for (final ConsumerRecord<String, GeoEvent> r : events) {
            assertThat(r.value().getId()).isEqualTo(r.key());
            assertThat(r.timestamp()).as("record timestamp = occurredAt").isEqualTo(r.value().getOccurredAt().toEpochMilli());
        }
        final GeoEvent line2 = events.stream().filter(r -> r.key().endsWith("-2")).findFirst().orElseThrow().value();
        assertThat(line2.getOccurredAt()).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
        assertThat(line2.getType()).isEqualTo(EventType.TARIFF_IMPOSED);
        assertThat(line2.getTariffRate()).isEqualTo(25.0);
        assertThat(line2.getSectors()).containsExactly("steel", "aluminum");
        assertThat(line2.getHeadline()).isEqualTo("U.S. says \"no\", line 2");

        final List<ConsumerRecord<byte[], byte[]>> dead = deadLettersOf(csv);
        assertThat(dead).hasSize(1);
        final ConsumerRecord<byte[], byte[]> letter = dead.get(0);
        assertThat(utf8(letter.value())).isEqualTo(prefix + "-7,2025-02-30,USA,CAN,HOSTILE_STATEMENT,,,\"U.S. says \"\"no\"\", line 7\"");
        assertThat(header(letter, DeadLetterHeaders.REASON)).startsWith("occurredAt: \"2025-02-30\" is not an ISO date or instant");
        assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo("ingest");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_FILE)).isEqualTo(csv.toString());
        assertThat(header(letter, DeadLetterHeaders.SOURCE_LINE)).isEqualTo("7");
        assertThat(Instant.parse(header(letter, DeadLetterHeaders.FAILED_AT))).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void shouldSendNothingFromAFileWithABadLineWhenStrict() throws IOException {
        final String prefix = TestNames.unique("strict");
        final Path csv = csvWithBadDateOnLine7(prefix);

        final int exit = produce("--strict", csv.toString());

        assertThat(exit).as("exit code; output:%n%s%s", out, err).isEqualTo(1);
        assertThat(out.toString()).contains(csv + " line 7: occurredAt:", "nothing was sent");
        assertThat(readAll(Topics.GEO_EVENTS.name(), serdes.keySerde(Topics.GEO_EVENTS).deserializer(),
                serdes.valueSerde(Topics.GEO_EVENTS).deserializer()))
                .noneMatch(r -> r.key().startsWith(prefix + "-"));
        assertThat(deadLettersOf(csv)).isEmpty();
    }

    @Test
    void shouldPublishAGoodJsonLinesFileAndExitZero() throws IOException {
        final String prefix = TestNames.unique("jsonl");
        final Path jsonl = Files.writeString(dir.resolve(prefix + ".jsonl"), String.join("\n",
                "# two events",
                "{\"id\":\"" + prefix + "-a\",\"occurredAt\":\"2025-03-04\",\"actor\":\"CHN\",\"target\":\"CAN\","
                        + "\"type\":\"TRADE_RESTRICTION\",\"headline\":\"Canola shipments blocked\"}",
                "",
                "{\"id\":\"" + prefix + "-b\",\"occurredAt\":\"2026-01-16T09:30:00+08:00\",\"actor\":\"CAN\","
                        + "\"target\":\"CHN\",\"type\":\"STATE_VISIT\",\"headline\":\"Visit to Beijing\"}"));

        final int exit = produce(jsonl.toString());

        assertThat(exit).as("exit code; output:%n%s%s", out, err).isZero();
        assertThat(out.toString()).contains("Read 2 records: 2 sent to geo-events, 0 rejected");
        assertThat(readAll(Topics.GEO_EVENTS.name(), serdes.keySerde(Topics.GEO_EVENTS).deserializer(),
                serdes.valueSerde(Topics.GEO_EVENTS).deserializer()))
                .filteredOn(r -> r.key().startsWith(prefix + "-"))
                .extracting(ConsumerRecord::timestamp)
                .containsExactlyInAnyOrder(Instant.parse("2025-03-04T00:00:00Z").toEpochMilli(),
                        Instant.parse("2026-01-16T01:30:00Z").toEpochMilli());
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLettersOf(final Path file) {
        return readAll(Topics.GEO_EVENTS_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer()).stream()
                .filter(r -> r.key() != null && utf8(r.key()).equals(file.toString())).toList();
    }

    /** Every record of a topic up to its current end: the command has returned, so everything it sent is there. */
    private static <K, V> List<ConsumerRecord<K, V>> readAll(final String topic, final Deserializer<K> keys,
                                                             final Deserializer<V> values) {
        final List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(settings.consumerProperties(TestNames.unique("it-read")),
                keys, values)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().alias("read " + topic + " to its end").atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return records;
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final Header h = record.headers().lastHeader(name);
        return h == null ? null : utf8(h.value());
    }

    private static String utf8(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
