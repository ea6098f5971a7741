package georisk.cli;

import georisk.api.ApiServer;
import georisk.api.EventIntake;
import georisk.config.KafkaSettings;
import georisk.events.DeadLetterHeaders;
import georisk.events.GeoEvent;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import georisk.ingest.EventPublisher;
import georisk.local.EmbeddedKafka;
import georisk.query.AlertView;
import georisk.query.Answer;
import georisk.query.DyadSummary;
import georisk.query.FeedListener;
import georisk.query.HistoryWindow;
import georisk.query.RiskQueries;
import georisk.query.ScoreBar;
import georisk.query.ScoreView;
import georisk.runtime.HttpApi;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault suite, input side: files built to exhaust memory, read by {@code georisk produce} in a JVM of its own
 * started from the jar with {@code -Xmx64m}, against an embedded broker and the real registry; and
 * {@code POST /api/events} while Kafka or the registry cannot be reached. Bad input costs one rejected record
 * with its reason; an outage costs a 503 with its reason, in bounded time; nothing costs a crash or a 500.
 *
 * <p>The command writes to the catalog's fixed topic names, so this class takes a broker of its own; the big
 * files are generated in the test's temporary directory at run time.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IngestFaultsIT {
    private static final Path JAR = Path.of("target", "georisk.jar");
    private static final String TOKEN = "it-token";
    private static final long BIG_LINE_CHARS = 100L * 1024 * 1024;

    private static EmbeddedKafka kafka;
    private static KafkaSettings settings;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDefaultPartitions(1)).start();
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

    private static String event(final String id) {
        return "{\"id\": \"" + id + "\", \"occurredAt\": \"2025-03-04\", \"actor\": \"USA\", \"target\": \"CAN\", "
                + "\"type\": \"TARIFF_IMPOSED\", \"headline\": \"Tariffs in force\"}";
    }

    /** Runs {@code georisk produce} from the jar at -Xmx64m; returns its exit status and output. */
    private Produced produce(final Path... files) throws IOException, InterruptedException {
        assertThat(JAR).as("the jar is built before the ITs run (mvn verify)").isRegularFile();
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-jar", JAR.toString(), "produce",
                "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", TestRegistry.url()));
        for (final Path f : files) {
            command.add(f.toString());
        }
        final Path output = dir.resolve("produce-" + System.nanoTime() + ".log");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("produce did not finish within 3 minutes: " + Files.readString(output));
        }
        return new Produced(process.exitValue(), Files.readString(output));
    }

    private record Produced(int exit, String output) {
    }

    @Test
    void shouldRejectAHundredMegabyteLineAndPublishTheOthersInSixtyFourMegabytesOfHeap() throws Exception {
        final String prefix = TestNames.unique("bomb");
        final Path jsonl = dir.resolve("bomb.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            w.write(event(prefix + "-1"));
            w.write('\n');
            w.write("{\"id\": \"" + prefix + "-huge\", \"headline\": \"");
            final char[] chunk = new char[1024 * 1024];
            java.util.Arrays.fill(chunk, 'x');
            for (long written = 0; written < BIG_LINE_CHARS; written += chunk.length) {
                w.write(chunk);
            }
            w.write("\"}\n");
            w.write(event(prefix + "-3"));
            w.write('\n');
        }
        final Path csv = dir.resolve("unclosed.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("id,occurredAt,actor,target,type,headline\n");
            w.write(prefix + "-c2,2025-03-04,USA,CAN,TARIFF_IMPOSED,Tariffs\n");
            w.write(prefix + "-c3,2025-03-04,USA,CAN,TARIFF_IMPOSED,\"Tariffs, the quote never closes\n");
            for (int i = 4; i <= 2_000; i++) {
                w.write(prefix + "-c" + i + ",2025-03-04,USA,CAN,TARIFF_IMPOSED,Tariffs " + i + "\n");
            }
        }

        final Produced run = produce(jsonl, csv);

        // documented exit status: 1 when something was rejected; no OutOfMemoryError on the way
        assertThat(run.output()).doesNotContain("OutOfMemoryError");
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("Read 2,002 records: 2,000 sent to geo-events, 2 rejected");
        assertThat(run.output()).contains(jsonl + " line 2: the record has " + (BIG_LINE_CHARS + 31 + prefix.length())
                + " characters, more than the 262144 a record may have");
        assertThat(run.output()).contains(csv + " line 3: cell 6: a quote opened on line 3 is not closed within 100 lines");

        final List<String> sent = readAll(Topics.GEO_EVENTS.name(), new StringDeserializer()).stream()
                .map(ConsumerRecord::key).filter(k -> k.startsWith(prefix)).toList();
        assertThat(sent).hasSize(2_000).contains(prefix + "-1", prefix + "-3", prefix + "-c2", prefix + "-c4",
                prefix + "-c2000").doesNotContain(prefix + "-huge", prefix + "-c3");
        final List<ConsumerRecord<String, byte[]>> dead = readAll(Topics.GEO_EVENTS_DLQ.name(),
                new ByteArrayDeserializer()).stream().filter(r -> header(r, DeadLetterHeaders.SOURCE_FILE) != null
                && (header(r, DeadLetterHeaders.SOURCE_FILE).equals(jsonl.toString())
                || header(r, DeadLetterHeaders.SOURCE_FILE).equals(csv.toString()))).toList();
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.SOURCE_LINE)).containsExactlyInAnyOrder("2", "3");
        assertThat(dead).allSatisfy(r -> {
            assertThat(r.value().length).isLessThanOrEqualTo(64 * 1024);
            assertThat(header(r, DeadLetterHeaders.REASON).getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(DeadLetterHeaders.MAX_REASON_BYTES);
        });
    }

    @Test
    void shouldAnswer503WithTheReasonInBoundedTimeWhenKafkaCannotBeReached() throws Exception {
        final KafkaSettings nowhere = new KafkaSettings("127.0.0.1:" + closedPort(), TestRegistry.url(), Map.of());
        final HttpResponse<String> response;
        final long started = System.nanoTime();
        try (EventPublisher publisher = HttpApi.eventPublisher(nowhere,
                new SerdeFactory(SchemaRegistryClients.forUrl(TestRegistry.url())), Topics.DEFAULT)) {
            response = post(HttpApi.eventIntake(publisher), event(TestNames.unique("down")));
        }
        final Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.body()).contains("Kafka");
        // max.block.ms (5 s) bounds the wait; the bound asserted is generous
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void shouldAnswer503WithTheReasonWhenTheRegistryCannotBeReached() throws Exception {
        final String nowhere = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
        final KafkaSettings noRegistry = new KafkaSettings(kafka.bootstrapServers(), nowhere, Map.of());
        final HttpResponse<String> response;
        try (EventPublisher publisher = HttpApi.eventPublisher(noRegistry,
                new SerdeFactory(SchemaRegistryClients.forUrl(nowhere)), Topics.DEFAULT)) {
            response = post(HttpApi.eventIntake(publisher), event(TestNames.unique("noreg")));
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.body()).contains("schema registry");
    }

    /** Posts one event to an API server whose intake is {@code intake}; the server is closed before returning. */
    private static HttpResponse<String> post(final EventIntake intake, final String body) throws Exception {
        final ApiServer server = ApiServer.builder("127.0.0.1", 0).queries(new NoQueries()).events(intake, TOKEN).build();
        try {
            final int port = server.start();
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/events")).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            server.close();
        }
    }

    /** A port nothing listens on: bound, then freed. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(final String topic, final Deserializer<V> values) {
        final List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(settings.consumerProperties(
                TestNames.unique("it-read")), new StringDeserializer(), values)) {
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

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        final Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The API's queries are not what these tests ask about. */
    private static final class NoQueries implements RiskQueries {
        @Override
        public String instance() {
            return "127.0.0.1:1";
        }

        @Override
        public List<DyadSummary> dyads() {
            return List.of();
        }

        @Override
        public Answer<ScoreView> score(final String dyad) {
            return new Answer.Unavailable<>("not in this test");
        }

        @Override
        public Answer<List<ScoreBar>> history(final String dyad, final HistoryWindow window, final Instant from,
                                              final Instant to) {
            return new Answer.Unavailable<>("not in this test");
        }

        @Override
        public georisk.query.ModelView model() {
            return georisk.query.ModelView.of(georisk.scoring.ModelParameters.defaults());
        }

        @Override
        public List<AlertView> alerts(final int limit) {
            return List.of();
        }

        @Override
        public int alertCapacity() {
            return 1;
        }

        @Override
        public Subscription subscribe(final FeedListener listener) {
            return () -> { };
        }
    }
}
