package georisk.ingest;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExposureFilesTest {
    private static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");

    private static List<ExposureFiles.Line> read(final EventFileFormat format, final String text) throws IOException {
        final List<ExposureFiles.Line> lines = new ArrayList<>();
        ExposureFiles.read("x", new BufferedReader(new StringReader(text)), format, NOW, lines::add);
        return lines;
    }

    @Test
    void shouldReadTheScenarioExposuresAsValid() throws IOException {
        final String text = new String(getClass().getResourceAsStream("/georisk/scenario/exposures.jsonl").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(read(EventFileFormat.JSONL, text)).extracting(l -> l.exposure().getDyad())
                .containsExactly("CAN-USA", "CAN-CHN");
    }

    @Test
    void shouldRejectBadLinesWithTheirLineAndFieldAndGoOn() throws IOException {
        final List<ExposureFiles.Line> lines = read(EventFileFormat.JSONL, String.join("\n",
                "# exposures",
                "{\"home\":\"CAN\",\"counterparty\":\"USA\",\"asOf\":\"2024-12-31\",\"exportShare\":1.7}",
                "not json",
                "{\"home\":\"CAN\",\"counterparty\":\"CHN\",\"asOf\":\"2029-12-31\",\"exportShare\":0.04}",
                "{\"home\":\"CAN\",\"counterparty\":\"MEX\",\"asOf\":\"2024-12-31\",\"exportShare\":0.01}"));

        assertThat(lines).extracting(ExposureFiles.Line::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(lines.get(0).problem()).startsWith("exportShare: must be within [0, 1]");
        assertThat(lines.get(1).isValid()).isFalse();
        assertThat(lines.get(2).problem()).startsWith("asOf: must not be more than a year after now");
        assertThat(lines.get(3).exposure().getExposure()).isEqualTo(0.01);
    }

    @Test
    void shouldReadCsvWithAHeaderOfFieldNames() throws IOException {
        final List<ExposureFiles.Line> lines = read(EventFileFormat.CSV, String.join("\n",
                "home,counterparty,asOf,exportShare,exportsValue,currency,source",
                "CAN,USA,2024-12-31,0.759,590000000000,CAD,\"StatCan, 2024\"",
                "CAN,CHN,2024-12-31,four percent,,,"));

        assertThat(lines.get(0).exposure().getExportsValue()).isEqualTo(5.9e11);
        assertThat(lines.get(0).exposure().getSource()).isEqualTo("StatCan, 2024");
        assertThat(lines.get(1).problem()).isEqualTo("exportShare: \"four percent\" is not a number");
        assertThat(lines.get(1).line()).isEqualTo(3);
    }

    @Test
    void shouldRefuseACsvHeaderWithoutRequiredColumns() {
        assertThatThrownBy(() -> read(EventFileFormat.CSV, "home,counterparty,asof\nCAN,USA,2024-12-31"))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("unknown column asof")
                .hasMessageContaining("missing required columns asOf, exportShare");
    }
}
