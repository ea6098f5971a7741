package georisk.ingest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4180 splitting: quotes, commas and line breaks inside cells, line numbers, bad quoting. */
class CsvRecordsTest {
    private static List<CsvRecords.Row> rows(final String csv) throws IOException {
        final CsvRecords records = new CsvRecords(new StringReader(csv), EventFiles.MAX_RECORD_CHARS);
        final List<CsvRecords.Row> out = new ArrayList<>();
        for (CsvRecords.Row row = records.next(); row != null; row = records.next()) {
            out.add(row);
        }
        return out;
    }

    @Test
    void shouldSplitPlainCellsAndTrimSpacesAroundUnquotedOnes() throws IOException {
        assertThat(rows("a, b ,c\n").get(0).cells()).containsExactly("a", "b", "c");
    }

    @Test
    void shouldKeepCommasAndDoubledQuotesInsideQuotedCells() throws IOException {
        final CsvRecords.Row row = rows("x,\"Ottawa says \"\"no\"\", firmly\",y\r\n").get(0);
        assertThat(row.cells()).containsExactly("x", "Ottawa says \"no\", firmly", "y");
        assertThat(row.isValid()).isTrue();
    }

    @Test
    void shouldKeepSpacesInsideQuotesAndAcceptSpacesAroundThem() throws IOException {
        assertThat(rows("a, \"  b  \" ,c").get(0).cells()).containsExactly("a", "  b  ", "c");
    }

    @Test
    void shouldReadEmptyCellsIncludingATrailingOne() throws IOException {
        assertThat(rows("a,,\"\",").get(0).cells()).containsExactly("a", "", "", "");
    }

    @Test
    void shouldContinueAQuotedCellOnTheNextLineAndNumberRecordsByTheirFirstLine() throws IOException {
        final List<CsvRecords.Row> rows = rows("h1,h2\n1,\"two\nlines\"\n\n3,x\n");
        assertThat(rows).extracting(CsvRecords.Row::line).containsExactly(1L, 2L, 5L);
        assertThat(rows.get(1).cells()).containsExactly("1", "two\nlines");
        assertThat(rows.get(1).raw()).isEqualTo("1,\"two\nlines\"");
        assertThat(rows.get(2).cells()).containsExactly("3", "x");
    }

    @Test
    void shouldRejectAQuoteInsideAnUnquotedCellAndGoOnWithTheNextLine() throws IOException {
        final List<CsvRecords.Row> rows = rows("a,b\"c,d\ne,f\n");
        assertThat(rows.get(0).isValid()).isFalse();
        assertThat(rows.get(0).error()).startsWith("cell 2: a quote inside an unquoted cell");
        assertThat(rows.get(1).cells()).containsExactly("e", "f");
    }

    @Test
    void shouldRejectTextAfterAClosingQuote() throws IOException {
        assertThat(rows("\"a\"b,c").get(0).error()).startsWith("cell 1: text after the closing quote");
    }

    @Test
    void shouldRejectOnlyTheFirstLineOfAQuoteThatIsNeverClosedAndReadTheRestAgain() throws IOException {
        final List<CsvRecords.Row> rows = rows("a,b\n\"open,c\nd,e\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).raw()).isEqualTo("\"open,c");
        assertThat(rows.get(1).error()).isEqualTo("cell 1: a quote opened on line 2 is never closed; "
                + "the lines after it are read as records of their own");
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(rows.get(2).cells()).containsExactly("d", "e");
    }

    @Test
    void shouldGiveUpOnAQuoteNotClosedWithinTheBoundAndGoOnAtTheNextLine() throws IOException {
        final StringBuilder csv = new StringBuilder("a,b\n\"open,c\n");
        for (int i = 3; i <= 500; i++) {
            csv.append("r").append(i).append(",x\n");
        }
        csv.append("\"closed at last\",y\n");
        final List<CsvRecords.Row> rows = rows(csv.toString());
        assertThat(rows.get(1).error()).isEqualTo("cell 1: a quote opened on line 2 is not closed within "
                + CsvRecords.MAX_RECORD_LINES + " lines; the lines after it are read as records of their own");
        assertThat(rows).hasSize(501);
        assertThat(rows.subList(2, 500)).allSatisfy(r -> assertThat(r.cells()).containsExactly("r" + r.line(), "x"));
        assertThat(rows.get(500).cells()).containsExactly("closed at last", "y");
    }

    @Test
    void shouldRejectALineLongerThanTheBoundKeepingOnlyItsStart() throws IOException {
        final CsvRecords records = new CsvRecords(new StringReader("a,b\n" + "x".repeat(5_000) + "\nc,d\n"), 1_000);
        assertThat(records.next().cells()).containsExactly("a", "b");
        final CsvRecords.Row longRow = records.next();
        assertThat(longRow.isValid()).isFalse();
        assertThat(longRow.tooLong()).isEqualTo(5_000);
        assertThat(longRow.raw()).hasSize(1_000);
        final CsvRecords.Row after = records.next();
        assertThat(after.line()).isEqualTo(3);
        assertThat(after.cells()).containsExactly("c", "d");
    }

    @Test
    void shouldGiveUpOnAQuoteWhoseCellGrowsPastTheCharacterBound() throws IOException {
        final CsvRecords records = new CsvRecords(new StringReader("\"open\n" + "y".repeat(600) + "\n"
                + "y".repeat(600) + "\nc,d\n"), 1_000);
        assertThat(records.next().error()).contains("is not closed within 1000 characters");
        assertThat(records.next().cells()).containsExactly("y".repeat(600));
        assertThat(records.next().cells()).containsExactly("y".repeat(600));
        assertThat(records.next().cells()).containsExactly("c", "d");
        assertThat(records.next()).isNull();
    }

    @Test
    void shouldIgnoreAByteOrderMark() throws IOException {
        assertThat(rows("\uFEFFid,headline\n").get(0).cells()).containsExactly("id", "headline");
    }
}
