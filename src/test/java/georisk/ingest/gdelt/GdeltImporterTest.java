package georisk.ingest.gdelt;

import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Imports the hand-written exports (a GDELT 2.0 file, a 58-column 1.0 file and a zipped 57-column 1.0
 * file; what each line is for is in {@code src/test/resources/georisk/gdelt/README.md}) and checks
 * every count: kept, mapped by type, set aside per rule, rejected per reason with file and line.
 */
class GdeltImporterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-03-05T00:00:00Z"), ZoneOffset.UTC);
    private static final NoiseRules DEFAULTS = NoiseRules.defaults(Set.of("CAN"), Set.of("USA", "CHN"));

    @TempDir
    Path tmp;

    private final GdeltImportReport report = new GdeltImportReport();
    private final List<GeoEvent> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    private record DeadLetter(String source, long line, byte[] raw, String reason) {
    }

    private void importPaths(final NoiseRules rules, final Path... paths) throws IOException {
        new GdeltImporter(rules, NOW, report, events::add,
                (source, line, raw, reasonClass, reason) -> deadLetters.add(new DeadLetter(source, line, raw, reason)),
                GdeltImporter.Progress.NONE).run(List.of(paths));
    }

    @Test
    void shouldCountEveryRowOfAGdelt2AndTwoGdelt1FilesOneOfThemZipped() throws IOException {
        final Path dir = GdeltTestFiles.downloadDirectory(tmp.resolve("gdelt"));

        importPaths(DEFAULTS, dir);

        assertThat(report.filesByFormat()).containsOnly(
                entry("GDELT 2.0", 1L), entry("GDELT 1.0", 1L), entry("GDELT 1.0 (no SOURCEURL)", 1L));
        assertThat(report.skippedFiles()).isEmpty();
        assertThat(report.failedFiles()).isEmpty();
        assertThat(report.rowsRead()).isEqualTo(55);

        // kept, one per story, by mapped type
        assertThat(report.kept()).isEqualTo(28);
        assertThat(report.keptByType()).containsOnly(
                entry(EventType.SANCTION, 1L),
                entry(EventType.TARIFF_THREATENED, 2L),
                entry(EventType.TARIFF_RELIEF, 1L),
                entry(EventType.TRADE_RESTRICTION, 1L),
                entry(EventType.TRADE_INVESTIGATION, 1L),
                entry(EventType.NEGOTIATIONS_HALTED, 1L),
                entry(EventType.NEGOTIATION, 1L),
                entry(EventType.AGREEMENT, 2L),
                entry(EventType.STATE_VISIT, 3L),
                entry(EventType.LEADERS_MEETING, 1L),
                entry(EventType.HOSTILE_STATEMENT, 4L),
                entry(EventType.CONCILIATORY_STATEMENT, 2L),
                entry(EventType.SOVEREIGNTY_THREAT, 1L),
                entry(EventType.DETENTION, 2L),
                entry(EventType.RELEASE, 1L),
                entry(EventType.MILITARY_ACTION, 1L),
                entry(EventType.OTHER, 3L));

        // set aside, each rule on its own
        assertThat(report.setAside()).containsOnly(
                entry(NoiseRule.MISSING_COUNTRY, 2L),
                entry(NoiseRule.SAME_COUNTRY, 1L),
                entry(NoiseRule.UNWATCHED_DYAD, 4L),
                entry(NoiseRule.NON_ROOT, 2L),
                entry(NoiseRule.FEW_SOURCES, 2L),
                entry(NoiseRule.FEW_MENTIONS, 2L),
                entry(NoiseRule.DUPLICATE, 4L));
        assertThat(report.setAsideTotal()).isEqualTo(17);

        // rejected, with reason, file and line
        assertThat(report.rejected()).isEqualTo(10);
        assertThat(report.rejectedByReason()).containsOnly(
                entry("wrong number of columns", 3L),
                entry("GoldsteinScale is not a number", 1L),
                entry("NumMentions is not a whole number", 1L),
                entry("DATEADDED is not a date-time YYYYMMDDHHMMSS", 1L),
                entry("invalid event (occurredAt)", 1L),
                entry("AvgTone is not a number", 1L),
                entry("IsRootEvent is not 0 or 1", 1L),
                entry("SQLDATE is not a date YYYYMMDD", 1L));
        final String zip = dir.resolve("2013/20130315.export.CSV.zip") + "!20130315.export.CSV";
        final String v1 = dir.resolve("2013/20130402.export.CSV").toString();
        final String v2 = dir.resolve("2025/03/20250304151500.export.CSV").toString();
        assertThat(report.rejections()).extracting(r -> r.source(), r -> r.line(), r -> r.reason(), r -> r.detail())
                .containsExactly(
                        tuple(zip, 5L, "IsRootEvent is not 0 or 1", "yes"),
                        tuple(zip, 6L, "SQLDATE is not a date YYYYMMDD", "20130231"),
                        tuple(v1, 6L, "AvgTone is not a number", "n/a"),
                        tuple(v1, 7L, "wrong number of columns", "57, a GDELT 1.0 row has 58"),
                        tuple(v2, 32L, "wrong number of columns", "40, a GDELT 2.0 row has 61"),
                        tuple(v2, 33L, "GoldsteinScale is not a number", "abc"),
                        tuple(v2, 34L, "NumMentions is not a whole number", "12x"),
                        tuple(v2, 35L, "wrong number of columns", "62, a GDELT 2.0 row has 61"),
                        tuple(v2, 36L, "DATEADDED is not a date-time YYYYMMDDHHMMSS", "2025030415"),
                        tuple(v2, 37L, "invalid event (occurredAt)",
                                "occurredAt: must not be more than a year after now (2025-03-05T00:00:00Z), "
                                        + "was 2100-01-01T00:00:00Z"));
        assertThat(report.exitCode()).isEqualTo(1);

        // every row is accounted for exactly once
        assertThat(report.rejected() + report.setAsideTotal() + report.kept()).isEqualTo(report.rowsRead());
    }

    @Test
    void shouldHandOnTheKeptEventsOfEachDayWhenTheDayCloses() throws IOException {
        importPaths(DEFAULTS, GdeltTestFiles.downloadDirectory(tmp.resolve("gdelt")));

        final List<String> v2Kept = Stream.concat(Stream.of(1, 31), IntStream.rangeClosed(3, 21).boxed())
                .map(line -> "gdelt-" + (1230000000L + line)).toList();
        final List<String> expected = new ArrayList<>(List.of("gdelt-250000001", "gdelt-250000002", "gdelt-250000003",
                "gdelt-260000001", "gdelt-260000002", "gdelt-260000008", "gdelt-260000010"));
        expected.addAll(v2Kept);
        assertThat(events).extracting(GeoEvent::getId).containsExactlyElementsOf(expected);
        assertThat(events).allSatisfy(e -> assertThat(e.getSourceKind()).isEqualTo(SourceKind.MACHINE_CODED));

        final GeoEvent threat = byId("gdelt-1230000031");
        assertThat(threat.getType()).isEqualTo(EventType.TARIFF_THREATENED);
        assertThat(threat.getMentions()).isEqualTo(9);
        assertThat(threat.getSourceName()).isEqualTo("cbc.ca");
        assertThat(threat.getReportedAt()).isEqualTo(Instant.parse("2025-03-04T15:15:00Z"));

        final GeoEvent detention = byId("gdelt-260000008");
        assertThat(detention.getType()).isEqualTo(EventType.DETENTION);
        assertThat(detention.getOccurredAt()).isEqualTo(Instant.parse("2013-04-01T00:00:00Z"));
        assertThat(detention.getReportedAt()).isEqualTo(Instant.parse("2013-04-02T00:00:00Z"));
        assertThat(detention.getSourceName()).isEqualTo("BBC Monitoring");
        assertThat(detention.getSourceUrl()).isNull();

        final GeoEvent backFile = byId("gdelt-250000002");
        assertThat(backFile.getSourceName()).isNull();
        assertThat(backFile.getHeadline()).isEqualTo("United States criticizes Canada (CAMEO 111)");
    }

    @Test
    void shouldSendEveryRejectedRowAsReadWithItsPlaceAndReasonToTheRowSink() throws IOException {
        final Path v2 = GdeltTestFiles.resource(GdeltTestFiles.V2);

        importPaths(DEFAULTS, v2);

        final List<String> lines = GdeltTestFiles.lines(GdeltTestFiles.V2);
        assertThat(deadLetters).extracting(DeadLetter::source, DeadLetter::line, DeadLetter::reason).containsExactly(
                tuple(v2.toString(), 32L, "wrong number of columns: 40, a GDELT 2.0 row has 61"),
                tuple(v2.toString(), 33L, "GoldsteinScale is not a number: abc"),
                tuple(v2.toString(), 34L, "NumMentions is not a whole number: 12x"),
                tuple(v2.toString(), 35L, "wrong number of columns: 62, a GDELT 2.0 row has 61"),
                tuple(v2.toString(), 36L, "DATEADDED is not a date-time YYYYMMDDHHMMSS: 2025030415"),
                tuple(v2.toString(), 37L, "invalid event (occurredAt): occurredAt: must not be more than a year after "
                        + "now (2025-03-05T00:00:00Z), was 2100-01-01T00:00:00Z"));
        assertThat(deadLetters).allSatisfy(d ->
                assertThat(new String(d.raw(), StandardCharsets.UTF_8)).isEqualTo(lines.get((int) d.line() - 1)));
    }

    @Test
    void shouldCountTheGdelt2FileAlone() throws IOException {
        importPaths(DEFAULTS, GdeltTestFiles.resource(GdeltTestFiles.V2));

        assertThat(report.rowsRead()).isEqualTo(38);
        assertThat(report.kept()).isEqualTo(21);
        assertThat(report.setAside()).containsOnly(
                entry(NoiseRule.MISSING_COUNTRY, 2L), entry(NoiseRule.SAME_COUNTRY, 1L),
                entry(NoiseRule.UNWATCHED_DYAD, 2L), entry(NoiseRule.NON_ROOT, 1L), entry(NoiseRule.FEW_SOURCES, 1L),
                entry(NoiseRule.FEW_MENTIONS, 1L), entry(NoiseRule.DUPLICATE, 3L));
        assertThat(report.rejected()).isEqualTo(6);
    }

    @Test
    void shouldCountTheGdelt1FilesAlone() throws IOException {
        importPaths(DEFAULTS, GdeltTestFiles.resource(GdeltTestFiles.V1), GdeltTestFiles.resource(GdeltTestFiles.V1_NO_URL));

        assertThat(report.rowsRead()).isEqualTo(17);
        assertThat(report.kept()).isEqualTo(7);
        assertThat(report.keptByType()).containsOnly(entry(EventType.AGREEMENT, 1L),
                entry(EventType.TARIFF_THREATENED, 1L), entry(EventType.DETENTION, 1L), entry(EventType.OTHER, 1L),
                entry(EventType.STATE_VISIT, 1L), entry(EventType.HOSTILE_STATEMENT, 2L));
        assertThat(report.setAside()).containsOnly(entry(NoiseRule.UNWATCHED_DYAD, 2L), entry(NoiseRule.NON_ROOT, 1L),
                entry(NoiseRule.FEW_SOURCES, 1L), entry(NoiseRule.FEW_MENTIONS, 1L), entry(NoiseRule.DUPLICATE, 1L));
        assertThat(report.rejected()).isEqualTo(4);
    }

    @Test
    void shouldKeepEveryDyadNonRootAndLowAttentionRowsWhenTold() throws IOException {
        importPaths(new NoiseRules(Set.of("CAN"), Set.of("USA", "CHN"), true, 1, 0, true),
                GdeltTestFiles.resource(GdeltTestFiles.V2));

        // lines 22-26 are kept now; countries and duplicates still count
        assertThat(report.kept()).isEqualTo(26);
        assertThat(report.setAside()).containsOnly(
                entry(NoiseRule.MISSING_COUNTRY, 2L), entry(NoiseRule.SAME_COUNTRY, 1L), entry(NoiseRule.DUPLICATE, 3L));
        assertThat(report.rejected()).isEqualTo(6);
        assertThat(events).extracting(GeoEvent::getId)
                .contains("gdelt-1230000022", "gdelt-1230000023", "gdelt-1230000024", "gdelt-1230000025", "gdelt-1230000026");
        assertThat(byId("gdelt-1230000024").getConfidence()).isEqualTo(GdeltMapping.confidence(5, false));
    }

    @Test
    void shouldExitZeroWhenNothingWasRejected() throws IOException {
        final List<String> clean = GdeltTestFiles.lines(GdeltTestFiles.V2).subList(0, 31);
        final Path file = Files.write(tmp.resolve("clean.csv"), clean, StandardCharsets.UTF_8);

        importPaths(DEFAULTS, file);

        assertThat(report.rejected()).isZero();
        assertThat(report.kept()).isEqualTo(21);
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void shouldPrintAReportAPersonCanRead() throws IOException {
        importPaths(DEFAULTS, GdeltTestFiles.downloadDirectory(tmp.resolve("gdelt")));
        final StringWriter text = new StringWriter();

        report.print(new PrintWriter(text), true);

        assertThat(text.toString()).contains(
                "Files read: 3 (GDELT 1.0: 1, GDELT 1.0 (no SOURCEURL): 1, GDELT 2.0: 1)",
                "Rows read: 55",
                "Kept:      28",
                "  HOSTILE_STATEMENT             4",
                "Set aside: 17",
                "  unwatched-dyad                4  not a home country with a watched counterparty",
                "  duplicate                     4  a duplicate of a story kept from another row",
                "Rejected:  10",
                "       3  wrong number of columns (first: ",
                "       1  GoldsteinScale is not a number (first: ",
                "Published: none (dry run)");
        assertThat(text.toString()).contains("2013/20130402.export.CSV:7)");
    }

    private GeoEvent byId(final String id) {
        return events.stream().filter(e -> e.getId().equals(id)).findFirst().orElseThrow();
    }
}
