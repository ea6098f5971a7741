package georisk.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterHeadersTest {

    private static int utf8Length(final String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void shouldKeepAShortReasonAsItIs() {
        assertThat(DeadLetterHeaders.reason("invalid GeoEvent e1: target: must differ from actor"))
                .isEqualTo("invalid GeoEvent e1: target: must differ from actor");
    }

    @Test
    void shouldFoldAReasonOntoOneLine() {
        assertThat(DeadLetterHeaders.reason("cannot decode GeoEvent:\n  at line 2\r\nand more"))
                .isEqualTo("cannot decode GeoEvent: at line 2 and more");
    }

    @Test
    void shouldCutALongReasonToTheLimitAndSayHowLongItWas() {
        final String reason = "invalid GeoEvent " + "x".repeat(5_000_000);
        final String header = DeadLetterHeaders.reason(reason);
        assertThat(utf8Length(header)).isLessThanOrEqualTo(DeadLetterHeaders.MAX_REASON_BYTES);
        assertThat(header).startsWith("invalid GeoEvent xxx").endsWith("(cut; 5000017 bytes in all)");
    }

    @Test
    void shouldCutAtACharacterBoundaryNeverInsideOne() {
        // 2-, 3- and 4-byte characters: whatever the offset, the cut leaves valid UTF-8
        for (final String unit : new String[] {"é", "€", "\uD83C\uDF41"}) {
            for (int pad = 0; pad < 4; pad++) {
                final String header = DeadLetterHeaders.reason("a".repeat(pad) + unit.repeat(2_000));
                final byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
                assertThat(bytes.length).isLessThanOrEqualTo(DeadLetterHeaders.MAX_REASON_BYTES);
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(header).doesNotContain("\uFFFD");
                assertThat(header).contains("(cut; ");
            }
        }
    }
}
