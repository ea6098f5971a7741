package georisk.ingest.gdelt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class GdeltReaderTest {
    @TempDir
    Path tmp;

    private final GdeltReader reader = new GdeltReader();
    private final RecordingListener seen = new RecordingListener();

    @Test
    void shouldDetectEachFileVersionByItsColumnCount() throws IOException {
        reader.read(List.of(GdeltTestFiles.resource(GdeltTestFiles.V2), GdeltTestFiles.resource(GdeltTestFiles.V1),
                GdeltTestFiles.resource(GdeltTestFiles.V1_NO_URL)), seen);

        assertThat(seen.formats.values()).containsExactly(
                Optional.of(GdeltFormat.V2), Optional.of(GdeltFormat.V1), Optional.of(GdeltFormat.V1_NO_URL));
        assertThat(seen.rowCounts.values()).containsExactly(38L, 10L, 7L);
        assertThat(GdeltFormat.ofColumns(61)).contains(GdeltFormat.V2);
        assertThat(GdeltFormat.ofColumns(58)).contains(GdeltFormat.V1);
        assertThat(GdeltFormat.ofColumns(57)).contains(GdeltFormat.V1_NO_URL);
        assertThat(GdeltFormat.ofColumns(60)).isEmpty();
    }

    @Test
    void shouldReadTheColumnsOfAGdelt2Row() throws IOException {
        reader.read(List.of(GdeltTestFiles.resource(GdeltTestFiles.V2)), seen);

        final GdeltRow row = seen.row(1);
        assertThat(row.format()).isEqualTo(GdeltFormat.V2);
        assertThat(row.globalEventId()).isEqualTo(1230000001L);
        assertThat(row.eventDate()).isEqualTo(LocalDate.of(2025, 3, 4));
        assertThat(row.actor1Code()).isEqualTo("USAGOV");
        assertThat(row.actor1Name()).isEqualTo("UNITED STATES");
        assertThat(row.actor1Country()).isEqualTo("USA");
        assertThat(row.actor2Code()).isEqualTo("CANGOV");
        assertThat(row.actor2Name()).isEqualTo("CANADA");
        assertThat(row.actor2Country()).isEqualTo("CAN");
        assertThat(row.rootEvent()).isTrue();
        assertThat(row.eventCode()).isEqualTo("163");
        assertThat(row.eventBaseCode()).isEqualTo("163");
        assertThat(row.eventRootCode()).isEqualTo("16");
        assertThat(row.goldstein()).isEqualTo(-8.0);
        assertThat(row.numMentions()).isEqualTo(12);
        assertThat(row.numSources()).isEqualTo(6);
        assertThat(row.numArticles()).isEqualTo(10);
        assertThat(row.avgTone()).isEqualTo(-6.21739130434783);
        // DATEADDED in 2.0 is YYYYMMDDHHMMSS, UTC
        assertThat(row.dateAdded()).isEqualTo(Instant.parse("2025-03-04T15:15:00Z"));
        assertThat(row.reportedDay()).isEqualTo(LocalDate.of(2025, 3, 4));
        assertThat(row.sourceUrl()).isEqualTo("https://www.reuters.com/world/americas/us-imposes-sanctions-canada-2025-03-04/");
        // zero-led codes stay strings
        assertThat(seen.row(13).eventCode()).isEqualTo("0311");
        assertThat(seen.row(13).eventRootCode()).isEqualTo("03");
        assertThat(seen.row(24).rootEvent()).isFalse();
        assertThat(seen.row(28).actor2Country()).isNull();
        assertThat(seen.row(28).actor2Code()).isEqualTo("BUS");
    }

    @Test
    void shouldReadTheColumnsOfBothGdelt1Layouts() throws IOException {
        reader.read(List.of(GdeltTestFiles.resource(GdeltTestFiles.V1), GdeltTestFiles.resource(GdeltTestFiles.V1_NO_URL)),
                seen);

        final GdeltRow with = seen.rows.get(0);
        assertThat(with.format()).isEqualTo(GdeltFormat.V1);
        assertThat(with.globalEventId()).isEqualTo(260000001L);
        assertThat(with.actor1Country()).isEqualTo("CAN");
        assertThat(with.actor2Country()).isEqualTo("USA");
        assertThat(with.eventCode()).isEqualTo("057");
        assertThat(with.goldstein()).isEqualTo(8.0);
        assertThat(with.numMentions()).isEqualTo(10);
        assertThat(with.numSources()).isEqualTo(4);
        assertThat(with.avgTone()).isEqualTo(3.46938775510204);
        // DATEADDED in 1.0 is YYYYMMDD: midnight UTC
        assertThat(with.dateAdded()).isEqualTo(Instant.parse("2013-04-02T00:00:00Z"));
        assertThat(with.sourceUrl()).isEqualTo("http://www.cbc.ca/news/canada/canada-u-s-sign-accord-1.1300001");

        final GdeltRow without = seen.rows.stream().filter(r -> r.format() == GdeltFormat.V1_NO_URL).findFirst().orElseThrow();
        assertThat(without.globalEventId()).isEqualTo(250000001L);
        assertThat(without.eventDate()).isEqualTo(LocalDate.of(2013, 3, 15));
        assertThat(without.actor1Country()).isEqualTo("CAN");
        assertThat(without.actor2Country()).isEqualTo("CHN");
        assertThat(without.eventCode()).isEqualTo("042");
        assertThat(without.numMentions()).isEqualTo(5);
        assertThat(without.avgTone()).isEqualTo(1.7);
        assertThat(without.dateAdded()).isEqualTo(Instant.parse("2013-03-15T00:00:00Z"));
        assertThat(without.sourceUrl()).isNull();
    }

    @Test
    void shouldRejectShortRowsAndBadNumbersWithLineAndReason() throws IOException {
        reader.read(List.of(GdeltTestFiles.resource(GdeltTestFiles.V2)), seen);

        assertThat(seen.rows).hasSize(33); // line 37 parses: the event validator rejects it later
        assertThat(seen.rejected).extracting(RejectedRow::line, RejectedRow::reason, RejectedRow::detail).containsExactly(
                tuple(32L, "wrong number of columns", "40, a GDELT 2.0 row has 61"),
                tuple(33L, "GoldsteinScale is not a number", "abc"),
                tuple(34L, "NumMentions is not a whole number", "12x"),
                tuple(35L, "wrong number of columns", "62, a GDELT 2.0 row has 61"),
                tuple(36L, "DATEADDED is not a date-time YYYYMMDDHHMMSS", "2025030415"));
        final RejectedRow first = seen.rejected.get(0);
        assertThat(first.source()).endsWith("20250304151500.export.CSV");
        assertThat(new String(first.raw(), StandardCharsets.UTF_8))
                .isEqualTo(GdeltTestFiles.lines(GdeltTestFiles.V2).get(31));
        assertThat(first.toString()).endsWith("20250304151500.export.CSV:32: wrong number of columns: 40, a GDELT 2.0 row has 61");
    }

    @Test
    void shouldHoldEveryRowOfAFileToTheLayoutOfItsFirstRow() throws IOException {
        reader.read(List.of(GdeltTestFiles.resource(GdeltTestFiles.V1)), seen);

        assertThat(seen.rejected).extracting(RejectedRow::line, RejectedRow::reason, RejectedRow::detail).containsExactly(
                tuple(6L, "AvgTone is not a number", "n/a"),
                tuple(7L, "wrong number of columns", "57, a GDELT 1.0 row has 58"));
        assertThat(seen.row(8).sourceUrl()).isEqualTo("BBC Monitoring");
    }

    @Test
    void shouldRejectBadValuesOfTheBackFile() throws IOException {
        reader.read(List.of(GdeltTestFiles.resource(GdeltTestFiles.V1_NO_URL)), seen);

        assertThat(seen.rejected).extracting(RejectedRow::line, RejectedRow::reason, RejectedRow::detail).containsExactly(
                tuple(5L, "IsRootEvent is not 0 or 1", "yes"),
                tuple(6L, "SQLDATE is not a date YYYYMMDD", "20130231"));
    }

    @Test
    void shouldRejectEveryRowUntilOneHasAGdeltColumnCount() {
        final String row = String.join("\t", GdeltTestFiles.lines(GdeltTestFiles.V1).get(0));
        readText("a\tb\tc\n" + row + "\n");

        assertThat(seen.rejected).extracting(RejectedRow::line, RejectedRow::reason, RejectedRow::detail)
                .containsExactly(tuple(1L, "wrong number of columns", "3, GDELT rows have 61 (2.0), 58 or 57 (1.0)"));
        assertThat(seen.rows).extracting(GdeltRow::line, GdeltRow::format).containsExactly(tuple(2L, GdeltFormat.V1));
    }

    @Test
    void shouldSkipHeaderAndBlankLinesAndReadCrlfLineEnds() {
        final String row = GdeltTestFiles.lines(GdeltTestFiles.V2).get(0);
        readText("GLOBALEVENTID\tSQLDATE\tMonthYear\r\n\r\n" + row + "\r\n   \n" + row);

        assertThat(seen.rows).extracting(GdeltRow::line).containsExactly(3L, 5L);
        assertThat(seen.rows.get(1).sourceUrl()).endsWith("canada-2025-03-04/");
        assertThat(seen.rejected).isEmpty();
        assertThat(seen.rowCounts.values()).containsExactly(2L);
    }

    @Test
    void shouldRejectAnOverlongLineWithoutKeepingItAll() throws IOException {
        final String row = GdeltTestFiles.lines(GdeltTestFiles.V2).get(0);
        final GdeltReader small = new GdeltReader(1024);
        small.readStream("big.csv", new ByteArrayInputStream(
                ("x".repeat(5000) + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8)), seen);

        assertThat(seen.rejected).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(1);
            assertThat(r.reason()).isEqualTo("line too long");
            assertThat(r.raw()).hasSize(1024);
        });
        assertThat(seen.rows).extracting(GdeltRow::line).containsExactly(2L);
    }

    @Test
    void shouldReadEveryEntryOfAZipArchive() throws IOException {
        final Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("20130315.export.CSV", Files.readAllBytes(GdeltTestFiles.resource(GdeltTestFiles.V1_NO_URL)));
        entries.put("more/20130402.export.csv", Files.readAllBytes(GdeltTestFiles.resource(GdeltTestFiles.V1)));
        entries.put("LICENSE.pdf", new byte[] {1, 2, 3});
        final Path zip = GdeltTestFiles.zip(tmp.resolve("GDELT.1.0.ZIP"), entries);

        reader.read(List.of(zip), seen);

        assertThat(seen.formats).containsExactly(
                Map.entry(zip + "!20130315.export.CSV", Optional.of(GdeltFormat.V1_NO_URL)),
                Map.entry(zip + "!more/20130402.export.csv", Optional.of(GdeltFormat.V1)));
        assertThat(seen.rows).hasSize(5 + 8);
        assertThat(seen.skipped).containsOnlyKeys(zip + "!LICENSE.pdf");
        assertThat(seen.rejected).extracting(RejectedRow::source, RejectedRow::line).containsExactly(
                tuple(zip + "!20130315.export.CSV", 5L), tuple(zip + "!20130315.export.CSV", 6L),
                tuple(zip + "!more/20130402.export.csv", 6L), tuple(zip + "!more/20130402.export.csv", 7L));
    }

    @Test
    void shouldStopAZipBombEntryAtTheInflationRatioAndSayWhy() throws IOException {
        // 64 MiB of newlines deflate to about 64 KiB: a ratio of about 1000, where GDELT text has about 5 to 10
        final Path bomb = tmp.resolve("bomb.zip");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("20250304.export.CSV"));
            final byte[] blank = new byte[1024 * 1024];
            java.util.Arrays.fill(blank, (byte) '\n');
            for (int i = 0; i < 64; i++) {
                zip.write(blank);
            }
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("after.export.CSV"));
            zip.write(Files.readAllBytes(GdeltTestFiles.resource(GdeltTestFiles.V1)));
            zip.closeEntry();
        }

        reader.read(List.of(bomb), seen);

        assertThat(seen.failed).containsOnlyKeys(bomb + "!20250304.export.CSV");
        assertThat(seen.failed.get(bomb + "!20250304.export.CSV")).contains("inflates more than 100 times")
                .endsWith("the rest of the archive is not read");
        assertThat(seen.formats).isEmpty();
    }

    @Test
    void shouldStopAZipEntryPastTheSizeBound() throws IOException {
        final Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("big.export.CSV", Files.readAllBytes(GdeltTestFiles.resource(GdeltTestFiles.V1)));
        final Path zip = GdeltTestFiles.zip(tmp.resolve("big.zip"), entries);

        new GdeltReader(GdeltReader.MAX_LINE_BYTES, 1000).read(List.of(zip), seen);

        assertThat(seen.failed).containsExactly(Map.entry(zip + "!big.export.CSV",
                "inflates to more than 1000 bytes; the rest of the archive is not read"));
    }

    @Test
    void shouldWalkDirectoriesRecursivelyInSortedOrder() throws IOException {
        final Path dir = GdeltTestFiles.downloadDirectory(tmp.resolve("gdelt"));

        assertThat(GdeltReader.inputs(List.of(dir))).containsExactly(
                dir.resolve("2013/20130315.export.CSV.zip"),
                dir.resolve("2013/20130402.export.CSV"),
                dir.resolve("2025/03/20250304151500.export.CSV"));
        reader.read(List.of(dir), seen);
        assertThat(seen.rowCounts.values()).containsExactly(7L, 10L, 38L);
    }

    @Test
    void shouldReportAZipThatIsNotAnArchive() throws IOException {
        final Path fake = Files.writeString(tmp.resolve("fake.zip"), "not a zip\n");

        reader.read(List.of(fake), seen);

        assertThat(seen.failed).containsExactly(Map.entry(fake.toString(), "not a zip archive"));
        assertThat(seen.rows).isEmpty();
    }

    @Test
    void shouldRefuseAMissingPathOrAFileThatIsNotAnExport() throws IOException {
        final Path pdf = Files.writeString(tmp.resolve("codebook.pdf"), "%PDF");

        assertThatThrownBy(() -> GdeltReader.inputs(List.of(tmp.resolve("nowhere"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("nowhere does not exist");
        assertThatThrownBy(() -> GdeltReader.inputs(List.of(pdf)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codebook.pdf is not a GDELT export");
    }

    private void readText(final String text) {
        try {
            reader.readStream("inline.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), seen);
        } catch (final IOException e) {
            throw new AssertionError(e);
        }
    }
}
