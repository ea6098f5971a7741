package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.events.DeadLetterHeaders;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import georisk.local.EmbeddedKafka;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code georisk exposures publish} and {@code list} against a real broker and the real registry. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExposuresCommandIT {
    @TempDir
    Path dir;

    private static EmbeddedKafka kafka;
    private static KafkaSettings settings;
    private final StringWriter out = new StringWriter();

    @BeforeAll
    static void startBroker() {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()).start();
        settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
        try (Admin admin = Admin.create(settings.adminProperties())) {
            new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(1, Map.of(), (short) 1);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private int georisk(final String... args) {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", TestRegistry.url()));
        return GeoriskCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute(all.toArray(String[]::new));
    }

    @Test
    void shouldPublishValidExposuresDeadLetterTheBadLineWithFileAndLineAndListTheLatest() throws Exception {
        final Path file = Files.writeString(dir.resolve("exposures.jsonl"), String.join("\n",
                "{\"home\":\"CAN\",\"counterparty\":\"USA\",\"asOf\":\"2023-12-31\",\"exportShare\":0.77}",
                "{\"home\":\"CAN\",\"counterparty\":\"USA\",\"asOf\":\"2024-12-31\",\"exportShare\":0.759}",
                "{\"home\":\"CAN\",\"counterparty\":\"CHN\",\"asOf\":\"2024-12-31\",\"exportShare\":\"lots\"}",
                "{\"home\":\"CAN\",\"counterparty\":\"CHN\",\"asOf\":\"2024-12-31\",\"exportShare\":0.04}", ""));

        assertThat(georisk("exposures", "publish", file.toString())).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains(file + " line 3: exportShare",
                "Read 4 exposures: 3 sent to trade-exposure, 1 rejected.", "(1 sent to geo-events-dlq)");

        final ConsumerRecord<byte[], byte[]> dead = onlyDeadLetter();
        assertThat(header(dead, DeadLetterHeaders.SOURCE_FILE)).isEqualTo(file.toString());
        assertThat(header(dead, DeadLetterHeaders.SOURCE_LINE)).isEqualTo("3");
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith("exportShare:");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("\"lots\"");

        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(TestRegistry.url()));
        try (KafkaConsumer<String, TradeExposure> consumer = new KafkaConsumer<>(
                settings.consumerProperties(TestNames.unique("exposures-it")),
                serdes.keySerde(Topics.TRADE_EXPOSURE).deserializer(), serdes.valueSerde(Topics.TRADE_EXPOSURE).deserializer())) {
            final TopicPartition tp = new TopicPartition(Topics.TRADE_EXPOSURE.name(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            final List<ConsumerRecord<String, TradeExposure>> records = new ArrayList<>();
            await("three exposures").atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 3;
            });
            assertThat(records).extracting(ConsumerRecord::key).containsExactly("CAN-USA", "CAN-USA", "CAN-CHN");
            assertThat(records.get(1).timestamp()).isEqualTo(java.time.Instant.parse("2024-12-31T00:00:00Z").toEpochMilli());
        }

        out.getBuffer().setLength(0);
        assertThat(georisk("exposures", "list")).as(out.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("CAN-"))).containsExactly(
                "CAN-CHN      0.040    0.040  2024-12-31                     ",
                "CAN-USA      0.759    0.759  2024-12-31                     ");
    }

    private static ConsumerRecord<byte[], byte[]> onlyDeadLetter() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                settings.consumerProperties(TestNames.unique("exposures-dlq")), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final TopicPartition tp = new TopicPartition(Topics.GEO_EVENTS_DLQ.name(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await("the dead letter").atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            assertThat(records).hasSize(1);
            return records.get(0);
        }
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
