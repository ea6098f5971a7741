package georisk.ingest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedLineReaderTest {
    private static List<BoundedLineReader.Line> lines(final Reader in, final int max) throws IOException {
        final BoundedLineReader reader = new BoundedLineReader(in, max);
        final List<BoundedLineReader.Line> out = new ArrayList<>();
        for (BoundedLineReader.Line l = reader.next(); l != null; l = reader.next()) {
            out.add(l);
        }
        return out;
    }

    @Test
    void shouldSplitLinesAsReadLineDoesAtLfCrAndCrLf() throws IOException {
        assertThat(lines(new StringReader("a\nb\r\nc\rd\n\ne"), 100)).extracting(BoundedLineReader.Line::text)
                .containsExactly("a", "b", "c", "d", "", "e");
        assertThat(lines(new StringReader("a\r\n"), 100)).extracting(BoundedLineReader.Line::number).containsExactly(1L);
        assertThat(lines(new StringReader(""), 100)).isEmpty();
    }

    @Test
    void shouldCutALongLineKeepingItsLengthAndGoOnWithTheNext() throws IOException {
        final List<BoundedLineReader.Line> lines = lines(new StringReader("x".repeat(10_000) + "\r\nshort\n"), 16);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).tooLong()).isTrue();
        assertThat(lines.get(0).text()).isEqualTo("x".repeat(16));
        assertThat(lines.get(0).length()).isEqualTo(10_000);
        assertThat(lines.get(1).tooLong()).isFalse();
        assertThat(lines.get(1).text()).isEqualTo("short");
        assertThat(lines.get(1).number()).isEqualTo(2);
    }

    @Test
    void shouldReadAHundredMillionCharacterLineHoldingOnlyItsStart() throws IOException {
        // 100 million characters generated on the fly: never in memory, so only the bound can hold them
        final long size = 100_000_000L;
        final Reader endless = new Reader() {
            private long given;

            @Override
            public int read(final char[] buffer, final int offset, final int length) {
                if (given == size) {
                    return -1;
                }
                final int n = (int) Math.min(length, size - given);
                java.util.Arrays.fill(buffer, offset, offset + n, '{');
                given += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        final List<BoundedLineReader.Line> lines = lines(endless, 1024);
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.length()).isEqualTo(size);
            assertThat(l.text()).hasSize(1024);
        });
    }
}
