package georisk.ingest;

import georisk.events.TradeExposure;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExposureJsonTest {
    @Test
    void shouldReadAFullExposure() {
        final TradeExposure x = ExposureJson.read("""
                {"dyad":"CAN-USA","home":"CAN","counterparty":"USA","asOf":"2024-12-31","exportShare":0.759,\
                "exportsValue":590000000000,"currency":"CAD","exposure":0.7,"source":"annual trade data"}""");
        assertThat(x.getDyad()).isEqualTo("CAN-USA");
        assertThat(x.getHome()).isEqualTo("CAN");
        assertThat(x.getCounterparty()).isEqualTo("USA");
        assertThat(x.getAsOf()).isEqualTo(Instant.parse("2024-12-31T00:00:00Z"));
        assertThat(x.getExportShare()).isEqualTo(0.759);
        assertThat(x.getExportsValue()).isEqualTo(590e9);
        assertThat(x.getCurrency()).isEqualTo("CAD");
        assertThat(x.getExposure()).isEqualTo(0.7);
        assertThat(x.getSource()).isEqualTo("annual trade data");
    }

    @Test
    void shouldDeriveDyadAndExposureWhenLeftOut() {
        final TradeExposure x = ExposureJson.read(
                "{\"home\":\"CAN\",\"counterparty\":\"CHN\",\"asOf\":\"2024-12-31T00:00:00Z\",\"exportShare\":0.04}");
        assertThat(x.getDyad()).isEqualTo("CAN-CHN");
        assertThat(x.getExposure()).isEqualTo(0.04);
        assertThat(x.getExportsValue()).isNull();
        assertThat(x.getCurrency()).isNull();
        assertThat(x.getSource()).isNull();
    }

    @Test
    void shouldRoundTrip() {
        final TradeExposure original = TradeExposure.newBuilder().setDyad("CAN-USA").setHome("CAN")
                .setCounterparty("USA").setAsOf(Instant.parse("2025-12-31T00:00:00Z")).setExportShare(0.72)
                .setExportsValue(556e9).setCurrency("CAD").setExposure(0.72).setSource("s").build();
        assertThat(ExposureJson.read(ExposureJson.write(original))).isEqualTo(original);
    }

    @Test
    void shouldKnowExactlyTheFieldsOfTheAvroSchema() {
        assertThat(ExposureJson.FIELDS).containsExactlyElementsOf(
                TradeExposure.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
    }

    @Test
    void shouldRejectUnknownFieldWithItsName() {
        assertThatThrownBy(() -> ExposureJson.read(
                "{\"home\":\"CAN\",\"counterparty\":\"USA\",\"asOf\":\"2024-12-31\",\"exportshare\":0.7}"))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith("exportshare: unknown field (did you mean exportShare?)");
    }

    @Test
    void shouldRequireExportShare() {
        assertThatThrownBy(() -> ExposureJson.read("{\"home\":\"CAN\",\"counterparty\":\"USA\",\"asOf\":\"2024-12-31\"}"))
                .isInstanceOf(EventFormatException.class)
                .hasMessage("exportShare: is required");
    }

    @Test
    void shouldRejectABadAsOfNamingTheField() {
        assertThatThrownBy(() -> ExposureJson.read(
                "{\"home\":\"CAN\",\"counterparty\":\"USA\",\"asOf\":\"2024\",\"exportShare\":0.7}"))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith("asOf: \"2024\" is not an ISO date or instant");
    }
}
