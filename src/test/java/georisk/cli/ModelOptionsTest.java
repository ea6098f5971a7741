package georisk.cli;

import georisk.scoring.ModelParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** --model: a user's model file laid over the shipped one, and a bad one stopping start-up by line and key. */
class ModelOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(final String... args) {
        return GeoriskCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private Path file(final String text) throws IOException {
        return Files.writeString(dir.resolve("my-model.properties"), text);
    }

    private static ModelOptions parsed(final String... args) {
        final RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.model;
    }

    @Test
    void shouldUseTheShippedModelWithoutModelFile() {
        assertThat(parsed().parameters()).isEqualTo(ModelParameters.defaults());
    }

    @Test
    void shouldLayTheUsersFileOverTheShippedModel() throws IOException {
        final Path model = file("# faster decay\ntension.half-life = 7d\n");
        final ModelParameters parameters = parsed("--model", model.toString()).parameters();
        assertThat(parameters.tension().halfLife()).isEqualTo(Duration.ofDays(7));
        assertThat(parameters.alerts()).isEqualTo(ModelParameters.defaults().alerts());
    }

    @Test
    @Timeout(20)  // connecting to Kafka would take 30 s before failing with exit code 1
    void shouldStopRunBeforeConnectingWhenAValueIsOutOfRange() throws IOException {
        final Path model = file("# calmer\ntension.baseline = 120\n");
        assertThat(run("run", "--model", model.toString(), "--bootstrap-servers", "127.0.0.1:9")).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).hasValue("georisk: --model (GEORISK_MODEL) = '" + model + "': "
                + model + ":2: model parameter tension.baseline = 120.0: must be between 0.0 and 100.0, exclusive");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @Timeout(20)
    void shouldStopRunWithASuggestionForAnUnknownKey() throws IOException {
        final Path model = file("alerts.anomaly_z = 3\n");
        assertThat(run("run", "--model", model.toString(), "--bootstrap-servers", "127.0.0.1:9")).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("georisk: --model (GEORISK_MODEL)")
                .endsWith(model + ":1: unknown key 'alerts.anomaly_z' (did you mean alerts.anomaly-z?)"));
    }

    @Test
    @Timeout(20)
    void shouldStopRunWhenTheModelFileIsMissing() {
        final Path missing = dir.resolve("missing.properties");
        assertThat(run("run", "--model", missing.toString(), "--bootstrap-servers", "127.0.0.1:9")).isEqualTo(2);
        assertThat(err.toString().lines().findFirst())
                .hasValue("georisk: --model (GEORISK_MODEL) = '" + missing + "': " + missing + ": no such model file");
    }

    @Test
    @Timeout(20)  // starting the embedded broker would take seconds and print "[1/5]"
    void shouldStopDemoBeforeTheBrokerStarts() throws IOException {
        final Path model = file("drivers.top = 30\n");
        assertThat(run("demo", "--model", model.toString(), "--port", "0", "--http-port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains(model + ":1: drivers.top = 30 clashes with the shipped drivers.tracked",
                "model parameter drivers.tracked = 5.0: must be at least drivers.top");
        assertThat(out.toString()).doesNotContain("[1/5]");
    }

    @Test
    void shouldExplainTheModelFileInHelp() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("--model=FILE", "GEORISK_MODEL", "default-model.properties");
    }
}
