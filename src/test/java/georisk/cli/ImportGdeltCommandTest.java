package georisk.cli;

import georisk.ingest.gdelt.GdeltTestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code georisk import-gdelt} without a broker: dry runs, exit codes, flags and help. */
class ImportGdeltCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return GeoriskCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void shouldReportEveryCountOfADryRunAndExitOneForRejectedRows() throws IOException {
        final Path dir = GdeltTestFiles.downloadDirectory(tmp.resolve("gdelt"));

        assertThat(run("import-gdelt", "--dry-run", dir.toString())).isEqualTo(1);

        assertThat(out.toString()).contains(
                "georisk import-gdelt: 3 files; keeping CAN with CHN,USA, at least 2 sources and 3 mentions, "
                        + "root events only",
                "Dry run: nothing is published.",
                "  read " + dir.resolve("2013/20130315.export.CSV.zip") + "!20130315.export.CSV: "
                        + "GDELT 1.0 (no SOURCEURL), 7 rows",
                "  read " + dir.resolve("2025/03/20250304151500.export.CSV") + ": GDELT 2.0, 38 rows",
                "Rows read: 55",
                "Kept:      28",
                "  SANCTION                      1",
                "Set aside: 17",
                "  few-sources                   2  NumSources below the minimum",
                "Rejected:  10",
                "       3  wrong number of columns (first: " + dir.resolve("2013/20130402.export.CSV") + ":7)",
                "       1  invalid event (occurredAt) (first: " + dir.resolve("2025/03/20250304151500.export.CSV") + ":37)",
                "Published: none (dry run)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldExitZeroWhenNoRowIsRejected() throws IOException {
        final Path clean = Files.write(tmp.resolve("clean.export.CSV"),
                GdeltTestFiles.lines(GdeltTestFiles.V2).subList(0, 31), StandardCharsets.UTF_8);

        assertThat(run("import-gdelt", "--dry-run", clean.toString())).isZero();
        assertThat(out.toString()).contains("Rows read: 31", "Kept:      21", "Set aside: 10", "Rejected:  0");
    }

    @Test
    void shouldHandTheFlagsToTheNoiseRules() {
        final String v2 = GdeltTestFiles.resource(GdeltTestFiles.V2).toString();

        assertThat(run("import-gdelt", "--dry-run", "--all-dyads", "--keep-non-root", "--min-sources", "1",
                "--min-mentions", "0", v2)).isEqualTo(1);

        assertThat(out.toString()).contains("keeping every dyad, at least 1 sources and 0 mentions, root and non-root events",
                "Kept:      26", "Set aside: 6", "Rejected:  6");
    }

    @Test
    void shouldWatchTheDyadsOfTheWatchOptions() {
        final String v2 = GdeltTestFiles.resource(GdeltTestFiles.V2).toString();

        assertThat(run("import-gdelt", "--dry-run", "--home", "USA", "--counterparties", "MEX", v2)).isEqualTo(1);

        assertThat(out.toString()).contains("keeping USA with MEX", "Kept:      1");
    }

    @Test
    void shouldExitTwoForABadThreshold() {
        assertThat(run("import-gdelt", "--dry-run", "--min-sources", "-1", tmp.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "georisk: --min-sources (GEORISK_MIN_SOURCES) = '-1': must be 0 or more",
                "Try 'georisk import-gdelt --help'.");
    }

    @Test
    void shouldExitTwoForAPathThatIsMissingOrNotAnExport() throws IOException {
        assertThat(run("import-gdelt", "--dry-run", tmp.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("georisk: " + tmp.resolve("nowhere") + " does not exist");

        final Path pdf = Files.writeString(tmp.resolve("codebook.pdf"), "%PDF");
        assertThat(run("import-gdelt", "--dry-run", pdf.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("codebook.pdf is not a GDELT export");
    }

    @Test
    void shouldExitTwoForADirectoryWithoutExports() throws IOException {
        Files.writeString(tmp.resolve("notes.md"), "nothing here");

        assertThat(run("import-gdelt", "--dry-run", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("georisk: no GDELT exports (.csv, .tsv, .txt or .zip files) in " + tmp);
    }

    @Test
    void shouldExitTwoWithoutAPath() {
        assertThat(run("import-gdelt", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'PATH'");
    }

    @Test
    void shouldTeachInItsHelp() {
        assertThat(run("import-gdelt", "--help")).isZero();
        // picocli wraps lines: compare with the line breaks taken out
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("GDELT 2.0 (61 columns) and 1.0 (58 or 57 columns)",
                "--dry-run",
                "--all-dyads", "--min-sources", "GEORISK_MIN_SOURCES", "default 2", "--min-mentions", "default 3",
                "--keep-non-root", "--home", "--counterparties", "--bootstrap-servers", "--schema-registry-url",
                "Examples:", "docs/gdelt.md", "Exit status: 0 every row was imported or set aside", "2 bad flags or paths");
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("import-gdelt");
    }
}
