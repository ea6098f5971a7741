package georisk.cli;

import georisk.events.Topics;
import georisk.local.EmbeddedKafka;
import georisk.testing.AuthRegistryProxy;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flag &gt; environment &gt; {@code --config} file &gt; default, against a real broker and the real registry
 * behind basic authentication: a file whose every connection setting is wrong still works when the
 * environment and flags correct it, and each layer is shown to be the one that counted.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConfigPrecedenceIT {
    private static final String USER = "precedence";
    private static final String PASSWORD = "right-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static AuthRegistryProxy registry;
    private static Path config;

    private final StringWriter out = new StringWriter();
    private final Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()).start();
        registry = AuthRegistryProxy.http(TestRegistry.url(), USER, PASSWORD, "unused-" + UUID.randomUUID());
        config = Files.writeString(dir.resolve("georisk.properties"), String.join("\n",
                "bootstrap.servers=127.0.0.1:1",                 // the environment corrects it
                "schema.registry.url=http://127.0.0.1:1",         // the flag corrects it
                "basic.auth.credentials.source=USER_INFO",
                "basic.auth.user.info=" + USER + ":wrong",       // the environment corrects it
                "security.protocol=SSL",                          // the environment overrides it ...
                "georisk.partitions=2",                           // nothing overrides it
                ""));
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

    private int georisk(final String... args) {
        return GeoriskCommand.commandLine(env).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute(args);
    }

    @Test
    void shouldLetFlagsBeatTheEnvironmentAndTheEnvironmentBeatTheFile() throws Exception {
        env.put("GEORISK_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("GEORISK_BASIC_AUTH_USER_INFO", USER + ":" + PASSWORD);
        env.put("GEORISK_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");          // ... and the flag overrides that
        final String[] flags = {"--config", config.toString(), "--schema-registry-url", registry.url(),
                "--kafka-config", "security.protocol=PLAINTEXT"};

        assertThat(georisk(concat(new String[] {"topics", "create"}, flags))).as(out.toString()).isZero();
        try (Admin admin = Admin.create(props())) {
            assertThat(admin.describeTopics(List.of(Topics.TRADE_EXPOSURE.name())).allTopicNames().get()
                    .get(Topics.TRADE_EXPOSURE.name()).partitions()).as("georisk.partitions from the file").hasSize(2);
        }

        final Path exposures = Files.writeString(dir.resolve("exposures.jsonl"),
                "{\"home\":\"CAN\",\"counterparty\":\"USA\",\"asOf\":\"2024-12-31\",\"exportShare\":0.759}\n");
        assertThat(georisk(concat(new String[] {"exposures", "publish"}, flags, new String[] {exposures.toString()})))
                .as(out.toString()).isZero();
        assertThat(out.toString()).contains("1 sent to trade-exposure").doesNotContain(PASSWORD);

        // without the environment's credentials, the file's wrong ones are what the registry sees
        env.remove("GEORISK_BASIC_AUTH_USER_INFO");
        out.getBuffer().setLength(0);
        assertThat(georisk(concat(new String[] {"exposures", "publish"}, flags, new String[] {exposures.toString()})))
                .isEqualTo(1);
        assertThat(out.toString()).contains("HTTP 401", "were rejected").doesNotContain(":wrong");
    }

    private static Properties props() {
        final Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        return p;
    }

    private static String[] concat(final String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
