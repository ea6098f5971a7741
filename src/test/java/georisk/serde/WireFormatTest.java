package georisk.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void shouldFrameAvroBinaryAfterMagicByteAndBigEndianId() {
        byte[] framed = WireFormat.frame(0x01020304, new byte[]{42, 43});

        assertThat(framed).containsExactly(0, 1, 2, 3, 4, 42, 43);
    }

    @Test
    void shouldWriteIdsAboveSignedByteRangeUnsignedBigEndian() {
        assertThat(WireFormat.header(0x00C0FFEE)).containsExactly(0, 0x00, 0xC0, 0xFF, 0xEE);
        assertThat(WireFormat.schemaId(WireFormat.frame(0x00C0FFEE, new byte[0]))).isEqualTo(0x00C0FFEE);
    }

    @Test
    void shouldReadSchemaIdFromHeader() {
        assertThat(WireFormat.schemaId(new byte[]{0, 0, 0, 1, 7, 99})).isEqualTo(263);
    }

    @Test
    void shouldRejectRecordShorterThanHeader() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[]{0, 0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short")
                .hasMessageContaining("4 bytes")
                .hasMessageContaining("at least 5");
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void shouldNameTheUnknownMagicByteFound() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[]{1, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x01")
                .hasMessageContaining("expected 0x00");
    }

    @Test
    void shouldRecogniseJsonAndAvroSingleObjectEncodingInMagicByteError() {
        assertThatThrownBy(() -> WireFormat.schemaId("{\"id\":1}".getBytes()))
                .hasMessageContaining("0x7b ('{')")
                .hasMessageContaining("JSON");
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[]{(byte) 0xc3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8}))
                .hasMessageContaining("0xc3")
                .hasMessageContaining("single-object encoding");
    }
}
