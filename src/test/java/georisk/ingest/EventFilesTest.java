package georisk.ingest;

import georisk.events.EventType;
import georisk.events.SourceKind;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading both file formats into valid events or located errors. */
class EventFilesTest {
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
    private static final String HEADER = "id,occurredAt,actor,target,type,headline";

    private static List<EventLine> read(final String source, final EventFileFormat format, final String text)
            throws IOException {
        final List<EventLine> lines = new ArrayList<>();
        EventFiles.read(source, new BufferedReader(new StringReader(text)), format, NOW, line -> {
            lines.add(line);
            return true;
        });
        return lines;
    }

    private static List<EventLine> csv(final String text) throws IOException {
        return read("events.csv", EventFileFormat.CSV, text);
    }

    private static final String JSON_EVENT =
            "{\"id\": \"%s\", \"occurredAt\": \"2025-03-04\", \"actor\": \"USA\", \"target\": \"CAN\", "
                    + "\"type\": \"TARIFF_IMPOSED\", \"headline\": \"Tariffs\"}";

    @Test
    void shouldRejectAJsonLineLongerThanTheBoundWithItsLineAndReadOn() throws IOException {
        final String text = JSON_EVENT.formatted("e1") + "\n{\"id\": \"" + "x".repeat(3_000) + "\"}\n"
                + JSON_EVENT.formatted("e3") + "\n";
        final List<EventLine> lines = new ArrayList<>();
        EventFiles.read("big.jsonl", new StringReader(text), EventFileFormat.JSONL, NOW, 1_000, line -> {
            lines.add(line);
            return true;
        });
        assertThat(lines).extracting(EventLine::isValid).containsExactly(true, false, true);
        final EventLine big = lines.get(1);
        assertThat(big.line()).isEqualTo(2);
        assertThat(big.raw()).hasSize(1_000);
        assertThat(big.rejection().reasonClass()).isEqualTo(IngestReport.RECORD);
        assertThat(big.rejection().toString()).isEqualTo("big.jsonl line 2: the record has 3010 characters, more than "
                + "the 1000 a record may have; its first 1000 are kept in its dead letter");
    }

    @Test
    void shouldRejectTheCsvRowWithAnUnclosedQuoteAndReadTheRowsAfterIt() throws IOException {
        final List<EventLine> lines = csv(HEADER + "\ne1,2025-03-04,USA,CAN,TARIFF_IMPOSED,\"Tariffs\n"
                + "e2,2025-03-04,USA,CAN,TARIFF_IMPOSED,Tariffs\n"
                + "e3,2025-03-04,USA,CAN,TARIFF_IMPOSED,Tariffs\n");
        assertThat(lines).extracting(EventLine::isValid).containsExactly(false, true, true);
        assertThat(lines.get(0).rejection().toString()).startsWith("events.csv line 2: cell 6: a quote opened on line 2 "
                + "is never closed");
        assertThat(lines).extracting(EventLine::line).containsExactly(2L, 3L, 4L);
    }

    @Test
    void shouldReadAMinimalCsvRowWithDefaults() throws IOException {
        final EventLine line = csv(HEADER + "\ne1,2025-03-04,USA,CAN,TARIFF_IMPOSED,Tariffs in force\n").get(0);
        assertThat(line.isValid()).isTrue();
        assertThat(line.line()).isEqualTo(2);
        assertThat(line.event().getOccurredAt()).isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
        assertThat(line.event().getReportedAt()).isEqualTo(line.event().getOccurredAt());
        assertThat(line.event().getType()).isEqualTo(EventType.TARIFF_IMPOSED);
        assertThat(line.event().getMentions()).isEqualTo(1);
        assertThat(line.event().getConfidence()).isEqualTo(1.0);
        assertThat(line.event().getSectors()).isEmpty();
        assertThat(line.event().getSourceKind()).isEqualTo(SourceKind.UNKNOWN);
    }

    @Test
    void shouldReadEveryColumnInAnyOrderWithQuotingAndSectors() throws IOException {
        final List<String> columns = new ArrayList<>(EventJson.FIELDS);
        java.util.Collections.reverse(columns);
        final String header = String.join(",", columns);
        final String row = "0.8,CURATED,https://example.org/a?b=1,\"Reuters, Ottawa\","
                + "\"Canada says \"\"no\"\" to steel tariffs, again\",steel; aluminum,CAD,30000000000,25,"
                + "5000,720,6200,-4.5,-8,163,TARIFF_IMPOSED,CAN,USA,2025-03-05T12:00:00Z,2025-03-04T00:01:00-05:00,e-full";
        final EventLine line = csv(header + "\n" + row + "\n").get(0);
        assertThat(line.error()).isNull();
        final var e = line.event();
        assertThat(e.getId()).isEqualTo("e-full");
        assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2025-03-04T05:01:00Z"));
        assertThat(e.getReportedAt()).isEqualTo(Instant.parse("2025-03-05T12:00:00Z"));
        assertThat(e.getActor()).isEqualTo("USA");
        assertThat(e.getTarget()).isEqualTo("CAN");
        assertThat(e.getCameoCode()).isEqualTo("163");
        assertThat(e.getGoldstein()).isEqualTo(-8.0);
        assertThat(e.getTone()).isEqualTo(-4.5);
        assertThat(e.getMentions()).isEqualTo(6200);
        assertThat(e.getSources()).isEqualTo(720);
        assertThat(e.getArticles()).isEqualTo(5000);
        assertThat(e.getTariffRate()).isEqualTo(25.0);
        assertThat(e.getAffectedTradeValue()).isEqualTo(3.0e10);
        assertThat(e.getTradeCurrency()).isEqualTo("CAD");
        assertThat(e.getSectors()).containsExactly("steel", "aluminum");
        assertThat(e.getHeadline()).isEqualTo("Canada says \"no\" to steel tariffs, again");
        assertThat(e.getSourceName()).isEqualTo("Reuters, Ottawa");
        assertThat(e.getSourceUrl()).isEqualTo("https://example.org/a?b=1");
        assertThat(e.getSourceKind()).isEqualTo(SourceKind.CURATED);
        assertThat(e.getConfidence()).isEqualTo(0.8);
    }

    @Test
    void shouldKeepLeadingZerosOfCameoCodes() throws IOException {
        final EventLine line = csv(HEADER + ",cameoCode\ne1,2025-03-04,CAN,USA,CONCILIATORY_STATEMENT,Talks,0311\n").get(0);
        assertThat(line.event().getCameoCode()).isEqualTo("0311");
    }

    @Test
    void shouldTreatEmptyCellsAsAbsentFields() throws IOException {
        final EventLine line = csv(HEADER + ",reportedAt,mentions,tariffRate,sectors,confidence\n"
                + "e1,2025-03-04,USA,CAN,TARIFF_IMPOSED,Tariffs,,,\"\",,\n").get(0);
        assertThat(line.error()).isNull();
        assertThat(line.event().getReportedAt()).isEqualTo(line.event().getOccurredAt());
        assertThat(line.event().getMentions()).isEqualTo(1);
        assertThat(line.event().getTariffRate()).isNull();
        assertThat(line.event().getSectors()).isEmpty();
        assertThat(line.event().getConfidence()).isEqualTo(1.0);
    }

    @Test
    void shouldReportABadDateWithFileLineFieldAndReasonAndGoOn() throws IOException {
        final StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 2; i <= 9; i++) {
            final String date = i == 7 ? "2025-02-30" : "2025-03-0" + i;
            csv.append("e").append(i).append(',').append(date).append(",USA,CAN,TARIFF_THREATENED,Threat ").append(i)
                    .append('\n');
        }
        final List<EventLine> lines = csv(csv.toString());
        assertThat(lines).hasSize(8);
        final EventLine bad = lines.get(5);
        assertThat(bad.isValid()).isFalse();
        assertThat(bad.line()).isEqualTo(7);
        assertThat(bad.raw()).isEqualTo("e7,2025-02-30,USA,CAN,TARIFF_THREATENED,Threat 7");
        assertThat(bad.rejection().toString())
                .startsWith("events.csv line 7: occurredAt: \"2025-02-30\" is not an ISO date or instant");
        assertThat(bad.rejection().reasonClass()).isEqualTo("occurredAt");
        assertThat(bad.error().line()).isEqualTo(7);
        assertThat(lines).filteredOn(EventLine::isValid).hasSize(7);
    }

    @Test
    void shouldReportValidationProblemsOfACsvRow() throws IOException {
        final EventLine bad = csv(HEADER + "\ne1,2025-03-04,usa,CAN,TARIFF_IMPOSED,Tariffs\n").get(0);
        assertThat(bad.error().problem()).startsWith("actor: must be three upper-case letters");
    }

    @Test
    void shouldRejectNumbersThatAreNotPlainDecimals() throws IOException {
        final List<EventLine> lines = csv(HEADER + ",mentions,tariffRate\n"
                + "e1,2025-03-04,USA,CAN,TARIFF_IMPOSED,T,many,25\n"
                + "e2,2025-03-04,USA,CAN,TARIFF_IMPOSED,T,3,25%\n"
                + "e3,2025-03-04,USA,CAN,TARIFF_IMPOSED,T,3,0x19\n");
        assertThat(lines).extracting(l -> l.error().problem()).containsExactly(
                "mentions: \"many\" is not a whole number",
                "tariffRate: \"25%\" is not a number",
                "tariffRate: \"0x19\" is not a number");
    }

    @Test
    void shouldRejectARowWithTheWrongNumberOfCells() throws IOException {
        final EventLine bad = csv(HEADER + "\ne1,2025-03-04,USA,CAN,TARIFF_IMPOSED,Tariffs, again\n").get(0);
        assertThat(bad.error().problem()).startsWith("has 7 cells, the header has 6 columns");
        assertThat(bad.rejection().reasonClass()).isEqualTo(IngestReport.RECORD);
    }

    @Test
    void shouldRejectBlankSectorEntries() throws IOException {
        final EventLine bad = csv(HEADER + ",sectors\ne1,2025-03-04,USA,CAN,TARIFF_IMPOSED,T,steel;;autos\n").get(0);
        assertThat(bad.error().problem()).isEqualTo("sectors: must not contain blank entries");
    }

    @Test
    void shouldNameEveryUnknownColumnWithASuggestion() {
        assertThatThrownBy(() -> csv("id,occurredAt,actor,target,type,hedline,colour\n"))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith("events.csv:1: header: unknown columns hedline (did you mean headline?), colour;")
                .hasMessageContaining("missing required column headline")
                .satisfies(e -> assertThat(((EventFormatException) e).line()).isEqualTo(1));
    }

    @Test
    void shouldRejectADuplicateColumn() {
        assertThatThrownBy(() -> csv(HEADER + ",id\n"))
                .hasMessageContaining("header: column id appears twice");
    }

    @Test
    void shouldReadNothingFromAnEmptyCsv() throws IOException {
        assertThat(csv("")).isEmpty();
        assertThat(csv(HEADER + "\n")).isEmpty();
    }

    @Test
    void shouldReadJsonLinesSkippingBlankAndCommentLinesAndKeepingTheRawLine() throws IOException {
        final String good = "  {\"id\":\"j1\",\"occurredAt\":\"2025-03-04\",\"actor\":\"USA\",\"target\":\"CAN\","
                + "\"type\":\"TARIFF_IMPOSED\",\"headline\":\"In force\"}";
        final List<EventLine> lines = read("events.jsonl", EventFileFormat.JSONL,
                "# a comment\n\n" + good + "\n{\"id\":\"j2\",\"hedline\":\"x\"}\nnot json\n");
        assertThat(lines).extracting(EventLine::line).containsExactly(3L, 4L, 5L);
        assertThat(lines.get(0).event().getId()).isEqualTo("j1");
        assertThat(lines.get(0).raw()).isEqualTo(good);
        assertThat(lines.get(1).rejection().toString())
                .startsWith("events.jsonl line 4: hedline: unknown field (did you mean headline?)");
        assertThat(lines.get(2).rejection().reasonClass()).isEqualTo(IngestReport.RECORD);
        assertThat(lines.get(2).rejection().reason()).startsWith("not valid JSON");
    }

    @Test
    void shouldStopWhenTheHandlerSaysSo() throws IOException {
        final List<EventLine> seen = new ArrayList<>();
        EventFiles.read("e.csv", new BufferedReader(new StringReader(HEADER + "\nbad\nbad\n")), EventFileFormat.CSV, NOW,
                line -> {
                    seen.add(line);
                    return false;
                });
        assertThat(seen).hasSize(1);
    }

    @Test
    void shouldTellTheFormatFromTheExtension() {
        assertThat(EventFileFormat.ofFileName(Path.of("a/b.JSONL"))).contains(EventFileFormat.JSONL);
        assertThat(EventFileFormat.ofFileName(Path.of("b.ndjson"))).contains(EventFileFormat.JSONL);
        assertThat(EventFileFormat.ofFileName(Path.of("b.json"))).contains(EventFileFormat.JSONL);
        assertThat(EventFileFormat.ofFileName(Path.of("b.csv"))).contains(EventFileFormat.CSV);
        assertThat(EventFileFormat.ofFileName(Path.of("b.txt"))).isEmpty();
        assertThat(EventFileFormat.ofFileName(Path.of("csv"))).isEmpty();
    }
}
