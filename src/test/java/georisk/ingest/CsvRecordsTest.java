package georisk.ingest;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4180 splitting: quotes, commas and line breaks inside cells, line numbers, bad quoting. */
class CsvRecordsTest {
    private static List<CsvRecords.Row> rows(final String csv) throws IOException {
        final CsvRecords records = new CsvRecords(new BufferedReader(new StringReader(csv)));
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
    void shouldRejectAQuoteThatIsNeverClosed() throws IOException {
        final List<CsvRecords.Row> rows = rows("a,b\n\"open,c\nd,e\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).error()).isEqualTo("cell 1: a quote opened on line 2 is never closed");
    }

    @Test
    void shouldIgnoreAByteOrderMark() throws IOException {
        assertThat(rows("\uFEFFid,headline\n").get(0).cells()).containsExactly("id", "headline");
    }
}
