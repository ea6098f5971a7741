package georisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import georisk.config.KafkaSettings;
import georisk.events.RiskScore;
import georisk.events.Topics;
import georisk.local.EmbeddedKafka;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.GeoriskProcess;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * georisk on a shared cluster: {@code topics create} and {@code produce} with {@code GEORISK_TOPIC_PREFIX}, then
 * {@code run} (the packaged jar, a JVM of its own) with {@code georisk.topic.prefix} in its {@code --config} file,
 * against the embedded broker and the real registry. Scores arrive on the prefixed topic, the API's feed reads it,
 * the subjects follow the names, and no unprefixed topic is created or written.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TopicPrefixIT {
    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()).start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldCreateProduceAndScoreOnThePrefixedTopics() throws Exception {
        final String prefix = TestNames.unique("team") + ".";
        final Topics topics = Topics.withPrefix(prefix);
        final Map<String, String> env = new HashMap<>(Map.of("GEORISK_TOPIC_PREFIX", prefix,
                "GEORISK_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "GEORISK_SCHEMA_REGISTRY_URL", TestRegistry.url()));

        final StringWriter created = new StringWriter();
        assertThat(georisk(env, created, "topics", "create", "--partitions", "2")).as(created.toString()).isZero();
        assertThat(created.toString()).contains("created  " + prefix + "geo-events", "created  " + prefix + "risk-scores");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(
                    topics.all().stream().map(t -> t.name()).toList()).doesNotContain("geo-events", "risk-scores");
        }

        final Path config = Files.writeString(dir.resolve("georisk.properties"), String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "schema.registry.url=" + TestRegistry.url(),
                "georisk.topic.prefix=" + prefix,
                "georisk.application.id=" + TestNames.unique("georisk-prefix"),
                "georisk.state.dir=" + dir.resolve("state"),
                "georisk.http.host=127.0.0.1",
                "georisk.http.port=0", ""));
        final Path output = dir.resolve("run.out");
        try (GeoriskProcess run = GeoriskProcess.start(List.of("-Xmx512m"),
                List.of("run", "--config", config.toString()), output)) {
            await("run is RUNNING").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        assertThat(run.isAlive()).as(run.output()).isTrue();
                        return run.output().contains("scores go to " + prefix + "risk-scores");
                    });

            final StringWriter produced = new StringWriter();
            final Path events = Path.of("src", "main", "resources", "georisk", "scenario", "events.jsonl");
            assertThat(georisk(env, produced, "produce", events.toString())).as(produced.toString()).isZero();
            assertThat(produced.toString()).contains("sent to " + prefix + "geo-events");

            final Map<String, RiskScore> latest = new HashMap<>();
            try (KafkaConsumer<String, RiskScore> scores = scoresConsumer(topics)) {
                await("scores for CAN-USA and CAN-CHN on " + prefix + "risk-scores").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            for (final ConsumerRecord<String, RiskScore> r : scores.poll(Duration.ofMillis(500))) {
                                latest.put(r.key(), r.value());
                            }
                            assertThat(run.isAlive()).as(run.output()).isTrue();
                            return latest.keySet().containsAll(Set.of("CAN-USA", "CAN-CHN"));
                        });
            }

            // the API's output feed reads the prefixed topics too: it lists the dyads it has seen scored
            final Matcher port = Pattern.compile("HTTP API on http://127\\.0\\.0\\.1:(\\d+)").matcher(run.output());
            assertThat(port.find()).as(run.output()).isTrue();
            final HttpClient http = HttpClient.newHttpClient();
            await("the API has the scores of " + prefix + "risk-scores").atMost(Duration.ofMinutes(1))
                    .until(() -> scoredDyads(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + port.group(1) + "/api/dyads")).build(), HttpResponse.BodyHandlers.ofString()).body()),
                            scored -> scored.containsAll(Set.of("CAN-USA", "CAN-CHN")));
            assertThat(http.send(HttpRequest.newBuilder(URI.create(TestRegistry.url() + "/subjects/" + prefix
                    + "risk-scores-value/versions")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("TopicNameStrategy: the subject follows the prefixed topic").isEqualTo(200);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .as("nothing was written to an unprefixed topic")
                    .doesNotContain("geo-events", "trade-exposure", "risk-scores", "risk-alerts", "geo-events-dlq");
        }
    }

    /** The dyads of a {@code GET /api/dyads} answer that have a score (a watched dyad is listed without one). */
    private static Set<String> scoredDyads(final String body) throws java.io.IOException {
        final Set<String> scored = new java.util.TreeSet<>();
        for (final JsonNode dyad : new ObjectMapper().readTree(body).path("dyads")) {
            if (dyad.path("eventCount").asLong() > 0) {
                scored.add(dyad.path("dyad").asText());
            }
        }
        return scored;
    }

    /** {@code georisk ARGS} in this JVM, with {@code env} as its environment; its exit code. */
    private static int georisk(final Map<String, String> env, final StringWriter out, final String... args) {
        final CommandLine cli = GeoriskCommand.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }

    private static KafkaConsumer<String, RiskScore> scoresConsumer(final Topics topics) {
        final KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(TestRegistry.url()));
        final KafkaConsumer<String, RiskScore> consumer = new KafkaConsumer<>(
                settings.consumerProperties(TestNames.unique("prefix-scores")),
                serdes.keySerde(topics.riskScores()).deserializer(), serdes.valueSerde(topics.riskScores()).deserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(topics.riskScores().name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
