package georisk.cli;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code georisk produce} without a broker: help, usage errors, dry runs, and its progress bar. */
class ProduceCommandTest {
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

    private Path csvWithBadDateOnLine7() throws IOException {
        final StringBuilder csv = new StringBuilder("id,occurredAt,actor,target,type,headline,sectors\n");
        for (int line = 2; line <= 9; line++) {
            csv.append("dry-").append(line).append(',').append(line == 7 ? "2025-02-30" : "2025-03-04")
                    .append(",USA,CAN,TARIFF_THREATENED,\"Threat, line ").append(line).append("\",steel;autos\n");
        }
        return Files.writeString(dir.resolve("events.csv"), csv);
    }

    @Test
    void shouldTeachFormatsColumnsAndExamplesInHelp() {
        assertThat(run("produce", "--help")).isZero();
        assertThat(out.toString()).contains(".jsonl", ".csv", "RFC 4180", "occurredAt*", "sectors", "--strict",
                "--dry-run", "georisk produce events.csv", "Exit status", "--bootstrap-servers");
    }

    @Test
    void shouldBeListedAmongTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("produce", "load");
    }

    @Test
    void shouldReportAMissingFileAsAUsageError() {
        assertThat(run("produce", "--dry-run", dir.resolve("nope.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.csv: no such file", "Try 'georisk produce --help'.");
    }

    @Test
    void shouldAskForAFormatWhenTheExtensionSaysNone() throws IOException {
        final Path txt = Files.writeString(dir.resolve("events.txt"), "");
        assertThat(run("produce", "--dry-run", txt.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("events.txt: cannot tell the format", "--format jsonl or --format csv");
    }

    @Test
    void shouldRejectAnUnknownFormat() throws IOException {
        assertThat(run("produce", "--format", "xml", csvWithBadDateOnLine7().toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'xml' is not a format: use jsonl or csv");
    }

    @Test
    void shouldReportTheBadLineInADryRunAndExitOne() throws IOException {
        final Path csv = csvWithBadDateOnLine7();

        assertThat(run("produce", "--dry-run", csv.toString())).isEqualTo(1);

        assertThat(out.toString()).contains(csv + " line 7: occurredAt: \"2025-02-30\" is not an ISO date or instant",
                "Read 8 records: 7 valid, 1 rejected", "dry run: nothing sent", "TARIFF_THREATENED");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldExitZeroInADryRunOfAGoodFileReadAsCsvWhateverItsExtension() throws IOException {
        final Path txt = Files.writeString(dir.resolve("export.txt"),
                "id,occurredAt,actor,target,type,headline\nok-1,2025-03-04,CAN,CHN,AGREEMENT,Signed\n");
        assertThat(run("produce", "--dry-run", "--format", "CSV", txt.toString())).isZero();
        assertThat(out.toString()).contains("Read 1 records: 1 valid, 0 rejected");
    }

    @Nested
    class Progress {
        private final AtomicLong nanos = new AtomicLong();
        private final StringWriter drawn = new StringWriter();

        private ProgressBar bar(final boolean terminal) {
            return new ProgressBar(new PrintWriter(drawn), terminal, nanos::get);
        }

        @Test
        void shouldShowNothingForASmallFile() {
            final ProgressBar bar = bar(false);
            bar.start("small.csv", 1000);
            for (int i = 1; i <= 100; i++) {
                nanos.addAndGet(1_000_000_000L);
                bar.update(i * 10, i);
            }
            bar.finish();
            assertThat(drawn.toString()).isEmpty();
        }

        @Test
        void shouldPrintALineEveryFewSecondsWhenNotATerminal() {
            final ProgressBar bar = bar(false);
            bar.start("big.csv", 10L << 20);
            for (int s = 1; s <= 10; s++) {
                nanos.addAndGet(1_000_000_000L);
                bar.update(s * (1L << 20), s * 1000L);
            }
            bar.finish();
            assertThat(drawn.toString().lines()).containsExactly(
                    "big.csv: 50% (5,000 records, 1,000 records/s)",
                    "big.csv: 100% (10,000 records, 1,000 records/s)",
                    "big.csv: 100% (10,000 records, 1,000 records/s)");
        }

        @Test
        void shouldRedrawInPlaceOnATerminalAndKeepMessagesOnTheirOwnLines() {
            final ProgressBar bar = bar(true);
            bar.start("big.jsonl", 100);
            nanos.addAndGet(1_000_000_000L);
            bar.update(30, 20_000);
            bar.println("big.jsonl line 9: id: must not be blank");
            bar.finish();
            final String text = drawn.toString();
            assertThat(text).startsWith("\rbig.jsonl [#######-----------------]  30%  20,000 records  20,000/s");
            assertThat(text).contains("\rbig.jsonl line 9: id: must not be blank" + System.lineSeparator()
                    + "\rbig.jsonl [#######");
            assertThat(text).contains("[########################] 100%");
            assertThat(text).endsWith(System.lineSeparator());
        }
    }
}
