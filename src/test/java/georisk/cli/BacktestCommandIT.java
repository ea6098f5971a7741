package georisk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code georisk backtest} on the labelled built-in scenario, through the real topology (embedded broker,
 * in-memory registry): the figures docs/scoring.md reports, which are issue #11's bar.
 */
@Timeout(240)
class BacktestCommandIT {

    private static String run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = GeoriskCommand.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }

    @Test
    void shouldRecallEveryLabelledEscalationWithoutWrongOrUnlabelledAlerts() {
        final String printed = run("backtest");
        assertThat(printed)
                .contains("recall: 23 of 23 expected alerts (100 %)")
                .contains("wrong-direction alerts: 0")
                .contains("unlabelled alerts: 0 over 14.7 dyad-years (0.00 per dyad-year)")
                .doesNotContain("MISSED");
        // the examples: the counter-tariffs of 2018-07-01 and the canola permit of 2019-03-01 raise no fall
        assertThat(printed.lines().filter(l -> l.contains("2018-07-01-can-usa-counter-tariffs"))).singleElement()
                .satisfies(l -> assertThat(l).endsWith("  -"));
        assertThat(printed.lines().filter(l -> l.contains("2019-03-01-chn-can-canola-permit-revoked"))).singleElement()
                .satisfies(l -> assertThat(l).endsWith("  -"));
    }

    @Test
    void shouldReportAMissedLabelOfAFileAndRefuseALabelOfAnUnknownEvent(@TempDir final Path dir) throws Exception {
        final Path events = dir.resolve("events.jsonl");
        Files.writeString(events, """
                {"id":"t1","occurredAt":"2025-03-04T00:00:00Z","actor":"USA","target":"CAN","type":"HOSTILE_STATEMENT","headline":"a remark","confidence":1.0,"sources":3,"mentions":10}
                """);
        final Path labels = dir.resolve("labels.jsonl");
        Files.writeString(labels, "{\"event\":\"t1\",\"direction\":\"up\",\"alert\":true}\n");
        final String printed = run("backtest", "--labels", labels.toString(), events.toString());
        assertThat(printed).contains("recall: 0 of 1 expected alerts (0 %)").contains("MISSED");

        Files.writeString(labels, "{\"event\":\"nope\",\"direction\":\"up\",\"alert\":true}\n");
        final StringWriter err = new StringWriter();
        final int exit = GeoriskCommand.commandLine().setOut(new PrintWriter(new StringWriter(), true))
                .setErr(new PrintWriter(err, true)).execute("backtest", "--labels", labels.toString(), events.toString());
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("nope");
    }
}
