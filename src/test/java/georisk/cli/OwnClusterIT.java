package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.events.RiskScore;
import georisk.events.Topics;
import georisk.local.EmbeddedKafka;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.AuthRegistryProxy;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * README's "Against your own Kafka", followed as written with the built jar ({@code target/georisk.jar}, each
 * command a JVM of its own): a broker that is not the demo's, the real Apicurio registry behind basic
 * authentication, the connection in a properties file ({@code --config}) and the registry's credentials only
 * in the environment. {@code topics create}, {@code exposures publish}, {@code run}, {@code produce}: the
 * scores end with non-zero exposure-weighted risk for CAN-USA and CAN-CHN.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OwnClusterIT {
    private static final Path JAR = Path.of("target", "georisk.jar");
    private static final String USER = "georisk-app";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static AuthRegistryProxy registry;

    @BeforeAll
    static void start() throws IOException {
        assertThat(JAR).as("the jar is built by 'mvn package', before failsafe runs").isRegularFile();
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()).start();
        registry = AuthRegistryProxy.http(TestRegistry.url(), USER, PASSWORD, "unused-" + UUID.randomUUID());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldScoreBothDyadsWithNonZeroExposureWeightedRisk() throws Exception {
        final Path config = Files.writeString(dir.resolve("georisk.properties"), String.join("\n",
                "# as README's 'Against your own Kafka': no secret in here",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "schema.registry.url=" + registry.url(),
                "basic.auth.credentials.source=USER_INFO",
                "georisk.partitions=3",
                "georisk.application.id=" + TestNames.unique("georisk-own-cluster"),
                "georisk.state.dir=" + dir.resolve("state"),
                "georisk.http.host=127.0.0.1",
                "georisk.http.port=0", ""));
        final Map<String, String> env = Map.of("GEORISK_BASIC_AUTH_USER_INFO", USER + ":" + PASSWORD);
        final Path exposures = fromJar("georisk/scenario/exposures.jsonl", "exposures.jsonl");
        final Path events = fromJar("georisk/scenario/events.jsonl", "events.jsonl");

        assertThat(georisk(env, "topics", "create", "--config", config.toString()).waitForExit()).isZero();
        final Child published = georisk(env, "exposures", "publish", "--config", config.toString(), exposures.toString());
        assertThat(published.waitForExit()).as(published.output()).isZero();
        assertThat(published.output()).contains("2 sent to trade-exposure");

        final Child run = georisk(env, "run", "--config", config.toString());
        try {
            final Child produced = georisk(env, "produce", "--config", config.toString(), events.toString());
            assertThat(produced.waitForExit()).as(produced.output()).isZero();

            final Map<String, RiskScore> latest = new HashMap<>();
            try (KafkaConsumer<String, RiskScore> scores = scoresConsumer()) {
                await("non-zero exposure-weighted risk for CAN-USA and CAN-CHN").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            for (final ConsumerRecord<String, RiskScore> r : scores.poll(Duration.ofMillis(500))) {
                                latest.put(r.key(), r.value());
                            }
                            assertThat(run.isAlive()).as(run.output()).isTrue();
                            return latest.containsKey("CAN-USA") && latest.containsKey("CAN-CHN")
                                    && latest.values().stream().allMatch(s -> s.getExposureWeightedRisk() > 0);
                        });
            }
            latest.forEach((dyad, score) -> System.out.printf(java.util.Locale.ROOT,
                    "OwnClusterIT: %s tension %.2f exposure %.3f exposure-weighted risk %.2f level %s%n", dyad,
                    score.getTension(), score.getExposure(), score.getExposureWeightedRisk(), score.getLevel()));
            assertThat(latest.get("CAN-USA").getExposure()).isEqualTo(0.759);
            assertThat(latest.get("CAN-CHN").getExposure()).isEqualTo(0.04);

            final Child listed = georisk(env, "exposures", "list", "--config", config.toString());
            assertThat(listed.waitForExit()).as(listed.output()).isZero();
            assertThat(listed.output()).contains("CAN-USA", "0.759", "CAN-CHN", "0.040");
        } finally {
            run.process.destroy();
            run.process.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(run.output()).contains("registry " + registry.url()).doesNotContain(PASSWORD);
    }

    @Test
    void shouldPrintTheBuiltVersion() throws Exception {
        final Child version = georisk(Map.of(), "--version");
        assertThat(version.waitForExit()).isZero();
        assertThat(version.output().strip()).matches("georisk \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    private static KafkaConsumer<String, RiskScore> scoresConsumer() {
        final KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(TestRegistry.url()));
        final KafkaConsumer<String, RiskScore> consumer = new KafkaConsumer<>(
                settings.consumerProperties(TestNames.unique("own-cluster-scores")),
                serdes.keySerde(Topics.RISK_SCORES).deserializer(), serdes.valueSerde(Topics.RISK_SCORES).deserializer());
        final var partitions = consumer.partitionsFor(Topics.RISK_SCORES.name()).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** What a user gets with {@code unzip -p target/georisk.jar ENTRY > NAME}. */
    private static Path fromJar(final String entry, final String name) throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile()); InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            final Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    /** {@code java -jar target/georisk.jar ARGS} with {@code env} and no other GEORISK_* variable. */
    private static Child georisk(final Map<String, String> env, final String... args) throws IOException {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        final Path output = Files.createTempFile(dir, "georisk-", ".out");
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GEORISK_"));
        builder.environment().putAll(env);
        return new Child(builder.start(), output);
    }

    private record Child(Process process, Path outputFile) {
        int waitForExit() throws InterruptedException {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("did not exit in 2 minutes: " + output());
            }
            return process.exitValue();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String output() {
            try {
                return Files.readString(outputFile, StandardCharsets.UTF_8);
            } catch (final IOException e) {
                return "(output unreadable: " + e + ")";
            }
        }
    }
}
