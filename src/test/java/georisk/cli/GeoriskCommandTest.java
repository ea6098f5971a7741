package georisk.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import picocli.CommandLine;

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
    void shouldStateExitStatusesInEveryCommandsHelp() {
        final Deque<CommandLine> todo = new ArrayDeque<>(java.util.List.of(GeoriskCommand.commandLine()));
        int commands = 0;
        while (!todo.isEmpty()) {
            final CommandLine cl = todo.pop();
            assertThat(cl.getUsageMessage()).as(cl.getCommandSpec().qualifiedName()).contains("Exit status", "0", "2");
            todo.addAll(cl.getSubcommands().values());
            commands++;
        }
        assertThat(commands).isGreaterThanOrEqualTo(12);
    }

    @Test
    void shouldGenerateShellCompletionForEveryCommand() {
        assertThat(run("completion")).isZero();
        assertThat(out.toString()).contains("complete -F", "exposures", "produce", "--config", "--bootstrap-servers");
    }

    @Test
    void shouldSayDevelopmentBuildOutsideTheJar() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString().strip()).isEqualTo("georisk (development build)");
    }

    @Test
    void shouldReadEventsFromStandardInputForDash() {
        final CommandLine cl = GeoriskCommand.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        ((ProduceCommand) cl.getSubcommands().get("produce").getCommand()).stdin = stdin(
                "{\"id\":\"a-1\",\"occurredAt\":\"2025-03-04\",\"actor\":\"USA\",\"target\":\"CAN\","
                        + "\"type\":\"TARIFF_IMPOSED\",\"headline\":\"Tariffs\"}\n"
                        + "{\"id\":\"a-2\",\"occurredAt\":\"2025-02-30\",\"actor\":\"USA\",\"target\":\"CAN\","
                        + "\"type\":\"TARIFF_IMPOSED\",\"headline\":\"Tariffs\"}\n");

        assertThat(cl.execute("produce", "--dry-run", "-")).isEqualTo(1);
        assertThat(out.toString()).contains("- line 2: occurredAt", "Read 2 records: 1 valid, 1 rejected");
    }

    @Test
    void shouldCheckExposuresFromStandardInput() {
        final CommandLine cl = GeoriskCommand.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        ((ExposuresCommand.Publish) cl.getSubcommands().get("exposures").getSubcommands().get("publish").getCommand())
                .stdin = stdin("home,counterparty,asOf,exportShare\nCAN,USA,2024-12-31,0.759\nCAN,CHN,2024-12-31,4\n");

        assertThat(cl.execute("exposures", "publish", "--dry-run", "--format", "csv", "-")).isEqualTo(1);
        assertThat(out.toString()).contains("- line 3: exportShare: must be within [0, 1], was 4.0",
                "Read 2 exposures: 1 valid, 1 rejected (dry run: nothing sent).");
    }

    private static ByteArrayInputStream stdin(final String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldTeachWhatBenchPipelineMeasures() {
        assertThat(run("bench-pipeline", "--help")).isZero();
        assertThat(out.toString()).contains("pass-through", "hopping", "read_committed", "--dyads", "--rate",
                "--bootstrap-servers", "every pair", "--rounds", "median", "--warmup-passes", "JIT");
        assertThat(err.toString()).as("picocli could format every line").isEmpty();
    }

    @Test
    void shouldRejectBenchPipelineWithoutDyadsBeforeStartingAnything() {
        assertThat(run("bench-pipeline", "--dyads", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("dyads").contains("between 1 and 100000");
    }

    @Test
    void shouldRejectBenchPipelineRoundsOutOfRangeBeforeStartingAnything() {
        assertThat(run("bench-pipeline", "--rounds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rounds = '0'").contains("between 1 and 20")
                .as("a bench option has no environment variable, so the message names none")
                .doesNotContain("GEORISK_");
    }

    @Test
    void shouldRejectBenchPipelineWarmupPassesOutOfRangeBeforeStartingAnything() {
        assertThat(run("bench-pipeline", "--warmup-passes", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("warmup-passes").contains("between 1 and 50");
    }
}
