package georisk.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** What users see when they get a flag wrong, or ask for help. No broker needed. */
class GeoriskCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return GeoriskCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void shouldListCommandsInHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo", "topics", "run", "GEORISK_");
    }

    @Test
    void shouldReportBadFlagValueInOneLineWithHint() {
        assertThat(run("demo", "--partitions", "many")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "georisk: Invalid value for option '--partitions': 'many' is not an int",
                "Try 'georisk demo --help'.");
    }

    @Test
    void shouldNameFlagAndVariableOfBadSetting() {
        assertThat(run("run", "--bootstrap-servers", "localhost")).isEqualTo(2);
        assertThat(err.toString()).startsWith("georisk: --bootstrap-servers (GEORISK_BOOTSTRAP_SERVERS) = 'localhost'");
    }

    @Test
    void shouldRejectLowerCaseCountryCode() {
        assertThat(run("demo", "--home", "can")).isEqualTo(2);
        assertThat(err.toString()).startsWith("georisk: --home (GEORISK_HOME) = 'can'");
    }

    @Test
    void shouldRejectUnknownOption() {
        assertThat(run("demo", "--fast")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--fast'");
    }

    @Test
    void shouldRejectBadDuration() {
        assertThat(run("demo", "--pace", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    void shouldRejectRegistryUrlWithoutScheme() {
        assertThat(run("run", "--schema-registry-url", "localhost:8081")).isEqualTo(2);
        assertThat(err.toString()).contains("--schema-registry-url (GEORISK_SCHEMA_REGISTRY_URL)");
    }

    @Test
    void shouldTeachWhatBenchPipelineMeasures() {
        assertThat(run("bench-pipeline", "--help")).isZero();
        assertThat(out.toString()).contains("pass-through", "hopping", "read_committed", "--dyads", "--rate",
                "--bootstrap-servers", "every pair");
        assertThat(err.toString()).as("picocli could format every line").isEmpty();
    }

    @Test
    void shouldRejectBenchPipelineWithoutDyadsBeforeStartingAnything() {
        assertThat(run("bench-pipeline", "--dyads", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("dyads").contains("between 1 and 100000");
    }
}
