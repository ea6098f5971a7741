package georisk.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.SourceKind;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTest {
    private static final String MINIMAL = """
            {"id":"e1","occurredAt":"2025-03-04","actor":"USA","target":"CAN","type":"TARIFF_IMPOSED",\
            "headline":"Tariffs in force"}""";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** MINIMAL with one field set to a raw JSON value, e.g. {@code with("tone", "1.5")}. */
    private static String with(String field, String rawJson) {
        try {
            final ObjectNode node = (ObjectNode) MAPPER.readTree(MINIMAL);
            node.set(field, MAPPER.readTree(rawJson));
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** MINIMAL without one field. */
    private static String without(String field) {
        try {
            final ObjectNode node = (ObjectNode) MAPPER.readTree(MINIMAL);
            node.remove(field);
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static EventFormatException errorOf(String json) {
        try {
            EventJson.read(json);
        } catch (EventFormatException e) {
            return e;
        }
        throw new AssertionError("expected an EventFormatException for " + json);
    }

    @Test
    void shouldReadAFullEvent() {
        final GeoEvent e = EventJson.read("""
                {"id":"2025-03-08-chn-can-canola","occurredAt":"2025-03-08T14:00:00Z",\
                "reportedAt":"2025-03-08T15:30:00Z","actor":"CHN","target":"CAN","type":"TARIFF_IMPOSED",\
                "cameoCode":"163","goldstein":-8.0,"tone":-4.5,"mentions":2100,"sources":360,"articles":1700,\
                "tariffRate":100,"affectedTradeValue":1.5e9,"tradeCurrency":"CAD","sectors":["canola","peas"],\
                "headline":"Canola tariffs","sourceName":"Desk","sourceUrl":"https://example.org/a",\
                "sourceKind":"CURATED","confidence":0.8}""");
        assertThat(e.getId()).isEqualTo("2025-03-08-chn-can-canola");
        assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2025-03-08T14:00:00Z"));
        assertThat(e.getReportedAt()).isEqualTo(Instant.parse("2025-03-08T15:30:00Z"));
        assertThat(e.getActor()).isEqualTo("CHN");
        assertThat(e.getTarget()).isEqualTo("CAN");
        assertThat(e.getType()).isEqualTo(EventType.TARIFF_IMPOSED);
        assertThat(e.getCameoCode()).isEqualTo("163");
        assertThat(e.getGoldstein()).isEqualTo(-8.0);
        assertThat(e.getTone()).isEqualTo(-4.5);
        assertThat(List.of(e.getMentions(), e.getSources(), e.getArticles())).containsExactly(2100, 360, 1700);
        assertThat(e.getTariffRate()).isEqualTo(100.0);
        assertThat(e.getAffectedTradeValue()).isEqualTo(1.5e9);
        assertThat(e.getTradeCurrency()).isEqualTo("CAD");
        assertThat(e.getSectors()).containsExactly("canola", "peas");
        assertThat(e.getHeadline()).isEqualTo("Canola tariffs");
        assertThat(e.getSourceName()).isEqualTo("Desk");
        assertThat(e.getSourceUrl()).isEqualTo("https://example.org/a");
        assertThat(e.getSourceKind()).isEqualTo(SourceKind.CURATED);
        assertThat(e.getConfidence()).isEqualTo(0.8);
    }

    @Test
    void shouldApplySchemaDefaultsToOptionalFields() {
        final GeoEvent e = EventJson.read(MINIMAL);
        assertThat(e.getCameoCode()).isNull();
        assertThat(e.getGoldstein()).isNull();
        assertThat(e.getTone()).isNull();
        assertThat(List.of(e.getMentions(), e.getSources(), e.getArticles())).containsExactly(1, 1, 1);
        assertThat(e.getTariffRate()).isNull();
        assertThat(e.getAffectedTradeValue()).isNull();
        assertThat(e.getTradeCurrency()).isNull();
        assertThat(e.getSectors()).isEmpty();
        assertThat(e.getSourceName()).isNull();
        assertThat(e.getSourceUrl()).isNull();
        assertThat(e.getSourceKind()).isEqualTo(SourceKind.UNKNOWN);
        assertThat(e.getConfidence()).isEqualTo(1.0);
    }

    @Test
    void shouldReadAnIsoDateAsMidnightUtc() {
        assertThat(EventJson.read(MINIMAL).getOccurredAt()).isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
    }

    @Test
    void shouldReadAnInstantWithAnOffsetAsUtc() {
        final String json = MINIMAL.replace("\"2025-03-04\"", "\"2025-03-04T00:01:00-05:00\"");
        assertThat(EventJson.read(json).getOccurredAt()).isEqualTo(Instant.parse("2025-03-04T05:01:00Z"));
    }

    @Test
    void shouldDefaultReportedAtToOccurredAt() {
        final GeoEvent e = EventJson.read(MINIMAL);
        assertThat(e.getReportedAt()).isEqualTo(e.getOccurredAt());
    }

    @Test
    void shouldTreatNullAsAbsent() {
        final GeoEvent e = EventJson.read(
                MINIMAL.replace("}", ",\"goldstein\":null,\"mentions\":null,\"reportedAt\":null}"));
        assertThat(e.getGoldstein()).isNull();
        assertThat(e.getMentions()).isEqualTo(1);
        assertThat(e.getReportedAt()).isEqualTo(e.getOccurredAt());
    }

    @Test
    void shouldRoundTripEveryField() {
        final GeoEvent original = GeoEvent.newBuilder()
                .setId("rt").setOccurredAt(Instant.parse("2025-03-04T05:01:00.123Z"))
                .setReportedAt(Instant.parse("2025-03-05T00:00:00Z")).setActor("USA").setTarget("CAN")
                .setType(EventType.OTHER).setCameoCode("0874").setGoldstein(-1.5).setTone(-3.25)
                .setMentions(7).setSources(3).setArticles(5).setTariffRate(12.5)
                .setAffectedTradeValue(29.8e9).setTradeCurrency("CAD").setSectors(List.of("steel", "autos"))
                .setHeadline("Round \"trip\" — ünïcode").setSourceName("n").setSourceUrl("https://example.org")
                .setSourceKind(SourceKind.API).setConfidence(0.25).build();
        final String json = EventJson.write(original);
        assertThat(json).doesNotContain("\n");
        assertThat(EventJson.read(json)).isEqualTo(original);
        // equality must see a one-millisecond difference, or this test could not fail
        assertThat(EventJson.read(json.replace("05:01:00.123Z", "05:01:00.124Z"))).isNotEqualTo(original);
    }

    @Test
    void shouldRoundTripAMinimalEventWithoutWritingNulls() {
        final GeoEvent original = EventJson.read(MINIMAL);
        final String json = EventJson.write(original);
        assertThat(json).doesNotContain("null").doesNotContain("tone");
        assertThat(EventJson.read(json)).isEqualTo(original);
    }

    @Test
    void shouldWriteFieldsInSchemaOrder() {
        final List<String> written = new ArrayList<>();
        EventJson.toJson(EventJson.read(with("tone", "1.0"))).fieldNames().forEachRemaining(written::add);
        assertThat(written).isSubsetOf(EventJson.FIELDS);
        assertThat(EventJson.FIELDS.stream().filter(written::contains).toList()).isEqualTo(written);
    }

    @Test
    void shouldKnowExactlyTheFieldsOfTheAvroSchema() {
        assertThat(EventJson.FIELDS).containsExactlyElementsOf(
                GeoEvent.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
    }

    @Test
    void shouldRejectUnknownFieldWithItsName() {
        final EventFormatException e = errorOf(with("severity", "3"));
        assertThat(e.field()).isEqualTo("severity");
        assertThat(e.getMessage()).startsWith("severity: unknown field").contains("known fields: id, occurredAt");
    }

    @Test
    void shouldSuggestTheIntendedFieldForATypo() {
        final String json = MINIMAL.replace("\"headline\"", "\"hedline\"");
        assertThat(errorOf(json).getMessage()).startsWith("hedline: unknown field (did you mean headline?)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "occurredAt", "actor", "target", "type", "headline"})
    void shouldRejectMissingRequiredField(String field) {
        final EventFormatException e = errorOf(without(field));
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).isEqualTo(field + ": is required");
    }

    @Test
    void shouldRejectAnImpossibleDateNamingTheField() {
        final EventFormatException e = errorOf(MINIMAL.replace("\"2025-03-04\"", "\"2025-13-01\""));
        assertThat(e.field()).isEqualTo("occurredAt");
        assertThat(e.reason()).startsWith("\"2025-13-01\" is not an ISO date or instant");
        assertThat(e.getMessage()).startsWith("occurredAt: \"2025-13-01\" is not an ISO date or instant");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"04/03/2025\"", "\"2025-03-04 14:00\"", "\"2025-03-04T14:00:00\"", "1741046400000"})
    void shouldRejectOtherTimeForms(String value) {
        final EventFormatException e = errorOf(with("reportedAt", value));
        assertThat(e.field()).isEqualTo("reportedAt");
        assertThat(e.reason()).isEqualTo(value + " is not an ISO date or instant"
                + " (e.g. 2025-03-04 or 2025-03-04T14:00:00Z)");
    }

    @Test
    void shouldListTheValidTypesForAnUnknownType() {
        final EventFormatException e = errorOf(MINIMAL.replace("TARIFF_IMPOSED", "TARIFF"));
        assertThat(e.field()).isEqualTo("type");
        assertThat(e.reason()).startsWith("\"TARIFF\" is not a known type; valid types: TARIFF_IMPOSED, ")
                .contains("TRADE_DATA").endsWith("OTHER");
    }

    @Test
    void shouldListTheValidSourceKindsForAnUnknownSourceKind() {
        assertThat(errorOf(with("sourceKind", "\"curated\"")).getMessage())
                .isEqualTo("sourceKind: \"curated\" is not a known sourceKind; valid sourceKinds: "
                        + "UNKNOWN, CURATED, MACHINE_CODED, API, SYNTHETIC");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "tariffRate | \"25\"          | tariffRate: \"25\" is not a number",
            "mentions   | 1.5             | mentions: 1.5 is not a whole number",
            "mentions   | 9999999999      | mentions: 9999999999 is not a whole number",
            "actor      | 840             | actor: 840 is not a string",
            "sectors    | \"steel\"       | sectors: \"steel\" is not a list of strings",
            "sectors    | [\"steel\",1]   | sectors: item 1 is not a string",
            "confidence | true            | confidence: true is not a number"})
    void shouldRejectWrongJsonTypesNamingTheField(String field, String rawJson, String message) {
        assertThat(errorOf(with(field, rawJson)).getMessage()).isEqualTo(message);
    }

    @Test
    void shouldRejectDuplicateKeys() {
        final EventFormatException e = errorOf(MINIMAL.replace("}", ",\"id\":\"e2\"}"));
        assertThat(e.field()).isNull();
        assertThat(e.getMessage()).startsWith("not valid JSON").contains("id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":", "[1,2]", "\"text\"", "", MINIMAL + " {}"})
    void shouldRejectTextThatIsNotOneJsonObject(String text) {
        final EventFormatException e = errorOf(text);
        assertThat(e.field()).isNull();
        assertThat(e.getMessage()).matches("(not valid JSON|expected a JSON object|empty input).*");
    }
}
