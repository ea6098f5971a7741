package georisk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code georisk load --embedded}: its own broker and in-memory registry, a short run. Asserts what it did,
 * not how fast (the benchmark figures are measured from the fat jar, not in a test).
 */
@Timeout(120)
class LoadCommandIT {
    private static final Pattern ACHIEVED = Pattern.compile(
            "Achieved ([\\d,]+) events/s \\(target 200/s\\): ([\\d,]+) events acknowledged in [\\d.]+ s "
                    + "\\(([\\d,]+) offered in [\\d.]+ s\\), ([\\d,]+) duplicates, ([\\d,]+) late, ([\\d,]+) rejected\\.");

    @Test
    void shouldSendSyntheticEventsWithDuplicatesAndLateOnesToAnEmbeddedBroker() {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        final int exit = GeoriskCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("load", "--embedded", "--rate", "200", "--duration", "3s", "--seed", "7",
                        "--late-fraction", "0.1", "--duplicate-fraction", "0.05", "--dyads", "3");

        assertThat(exit).as("exit code; output:%n%s%s", out, err).isZero();
        assertThat(out.toString()).contains("created  geo-events", "dyads CAN-USA, CAN-CHN, CAN-MEX", "seed 7",
                "Sent by type:", "HOSTILE_STATEMENT");
        final Matcher m = ACHIEVED.matcher(out.toString());
        assertThat(m.find()).as("the achieved-rate line in:%n%s", out).isTrue();
        final long sent = number(m.group(2));
        final long offered = number(m.group(3));
        assertThat(sent).as("events acknowledged").isGreaterThanOrEqualTo(300).isEqualTo(offered);
        assertThat(number(m.group(4))).as("duplicates").isPositive().isLessThan(sent / 5);
        assertThat(number(m.group(5))).as("late").isPositive().isLessThan(sent / 3);
        assertThat(number(m.group(6))).as("rejected").isZero();
    }

    @Test
    void shouldRejectFractionsThatAddUpToMoreThanOne() {
        final StringWriter err = new StringWriter();
        final int exit = GeoriskCommand.commandLine().setErr(new PrintWriter(err, true))
                .execute("load", "--embedded", "--late-fraction", "0.8", "--duplicate-fraction", "0.5");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--late-fraction = '0.8'", "add up to more than 1");
    }

    private static long number(final String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
