package georisk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's demo command, run as users run it (embedded broker, in-memory registry). */
@Timeout(180)
class DemoCommandIT {

    @Test
    void shouldPrintScoresOfBothDyadsAndExitWhenRunOnce() {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = GeoriskCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("demo", "--once", "--port", "0", "--http-port", "0", "--pace", "0ms");

        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        final String printed = out.toString();
        assertThat(printed)
                .contains("[1/5] Starting an embedded Kafka broker")
                .contains("RUNNING in")
                .contains("first score")
                .contains("Current scores")
                .contains("Drivers of CAN-USA")
                .contains("Drivers of CAN-CHN");
        assertThat(printed.lines().filter(l -> l.matches("^\\d{4}-\\d{2}-\\d{2}  CAN-USA .*"))).isNotEmpty();
        assertThat(printed.lines().filter(l -> l.matches("^\\d{4}-\\d{2}-\\d{2}  CAN-CHN .*"))).isNotEmpty();
    }
}
