package georisk.cli;

import georisk.config.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Where settings come from: flag > environment > --config file > default, for options and client properties. */
class ConfigSourcesTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    private RunCommand parseRun(final String... args) {
        final String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        final CommandLine.ParseResult result = GeoriskCommand.commandLine(env).parseArgs(all);
        return (RunCommand) result.subcommand().commandSpec().userObject();
    }

    private Path file(final String... lines) throws IOException {
        final Path file = dir.resolve("georisk.properties");
        Files.write(file, java.util.List.of(lines));
        return file;
    }

    @Test
    void shouldTakeFlagOverEnvironmentOverFileOverDefault() throws IOException {
        final Path config = file(
                "bootstrap.servers=file:9092",
                "georisk.application.id=from-file",
                "georisk.state.dir=/file/state",
                "georisk.threads=3",
                "georisk.http.port=9000");
        env.put("GEORISK_APPLICATION_ID", "from-env");
        env.put("GEORISK_STATE_DIR", "/env/state");

        final RunCommand run = parseRun("--config", config.toString(), "--state-dir", "/flag/state");

        assertThat(run.streams.stateDir).isEqualTo(Path.of("/flag/state"));        // flag
        assertThat(run.streams.applicationId).isEqualTo("from-env");               // environment over file
        assertThat(run.streams.threads).isEqualTo(3);                              // file over default
        assertThat(run.http.port).isEqualTo(9000);
        assertThat(run.connection.settings().bootstrapServers()).isEqualTo("file:9092");
        assertThat(run.watch.homes).isEqualTo("CAN");                              // default
    }

    @Test
    void shouldReadTheFileNamedByGeoriskConfig() throws IOException {
        env.put("GEORISK_CONFIG", file("schema.registry.url=http://registry.example:8081").toString());

        assertThat(parseRun().connection.settings().schemaRegistryUrl()).isEqualTo("http://registry.example:8081");
    }

    @Test
    void shouldLayerClientPropertiesAndSplitTheRegistrysOff() throws IOException {
        final Path config = file(
                "security.protocol=SASL_SSL",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=from-file",
                "basic.auth.credentials.source=USER_INFO",
                "basic.auth.user.info=file:secret",
                "schema.registry.ssl.truststore.location=/file/truststore.jks");
        env.put("GEORISK_KAFKA_SASL_JAAS_CONFIG", "from-env");
        env.put("GEORISK_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("GEORISK_BASIC_AUTH_USER_INFO", "env:secret");
        env.put("GEORISK_KAFKA_CLIENT__RACK___X", "odd");

        final KafkaSettings settings = parseRun("--config", config.toString(),
                "--kafka-config", "sasl.mechanism=SCRAM-SHA-256").connection.settings();

        assertThat(settings.overrides()).containsOnly(
                entry("security.protocol", "SASL_SSL"),
                entry("sasl.jaas.config", "from-env"),
                entry("sasl.mechanism", "SCRAM-SHA-256"),
                entry("client_rack-x", "odd"));
        assertThat(settings.registryProperties()).containsOnly(
                entry("basic.auth.credentials.source", "USER_INFO"),
                entry("basic.auth.user.info", "env:secret"),
                entry("schema.registry.ssl.truststore.location", "/file/truststore.jks"));
    }

    @Test
    void shouldMapEnvironmentNamesLikeTheConfluentImages() {
        assertThat(ConfigSources.propertyName("SASL_JAAS_CONFIG")).isEqualTo("sasl.jaas.config");
        assertThat(ConfigSources.propertyName("SOME__UNDERSCORE")).isEqualTo("some_underscore");
        assertThat(ConfigSources.propertyName("A___DASH")).isEqualTo("a-dash");
        assertThat(ConfigSources.fileKey("state-dir")).isEqualTo("georisk.state.dir");
        assertThat(ConfigSources.fileKey("bootstrap-servers")).isEqualTo("bootstrap.servers");
    }

    @Test
    void shouldNeverShowSecretsInSettingsOrBanner() {
        final KafkaSettings settings = new KafkaSettings("k:9092", "https://alice:hunter2@registry:8081/apis",
                Map.of("sasl.jaas.config", "... password=\"hunter2\";", "ssl.truststore.password", "hunter2",
                        "security.protocol", "SASL_SSL"),
                Map.of("basic.auth.user.info", "alice:hunter2", "bearer.auth.token", "hunter2"));

        assertThat(settings.toString()).doesNotContain("hunter2").contains("SASL_SSL", "https://***@registry:8081/apis");
        assertThat(ConnectionOptions.describe(settings)).doesNotContain("hunter2");
    }

    @Test
    void shouldStopOnAnUnknownGeoriskKeyNamingItAndTheFile() throws IOException {
        final Path config = file("georisk.stat.dir=/typo");
        final StringWriter err = new StringWriter();

        final int exit = GeoriskCommand.commandLine(env).setErr(new PrintWriter(err, true))
                .execute("run", "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("georisk: --config (GEORISK_CONFIG) = '" + config
                + "': 'georisk.stat.dir' is not a georisk setting");
    }

    @Test
    void shouldRefuseAStreamsPropertyInTheFileThatWouldBeatItsFlag() throws IOException {
        final Path config = file("bootstrap.servers=127.0.0.1:1", "commit.interval.ms=1000");
        final StringWriter err = new StringWriter();

        final int exit = GeoriskCommand.commandLine(env).setErr(new PrintWriter(err, true))
                .execute("run", "--config", config.toString(), "--commit-interval", "200ms");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("georisk: client property commit.interval.ms")
                .contains("use --commit-interval, GEORISK_COMMIT_INTERVAL or georisk.commit.interval");
    }

    @Test
    void shouldStopOnAMissingConfigFile() {
        final StringWriter err = new StringWriter();

        final int exit = GeoriskCommand.commandLine(env).setErr(new PrintWriter(err, true))
                .execute("topics", "create", "--config", dir.resolve("absent.properties").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--config (GEORISK_CONFIG)", "no such file");
    }

    @Test
    void shouldStopOnABadRegistryPropertyNamingIt() {
        env.put("GEORISK_BASIC_AUTH_CREDENTIALS_SOURCE", "SASL_INHERIT");
        final KafkaSettings settings = parseRun("--schema-registry-url", "http://127.0.0.1:1").connection.settings();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ConnectionOptions.registry(settings)))
                .isInstanceOf(georisk.config.SettingException.class)
                .hasMessage("schema registry http://127.0.0.1:1: basic.auth.credentials.source 'SASL_INHERIT' is not "
                        + "supported: use URL or USER_INFO (SASL_INHERIT is not supported)");
    }
}
