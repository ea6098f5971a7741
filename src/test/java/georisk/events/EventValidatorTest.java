package georisk.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class EventValidatorTest {
    private static final Instant NOW = Instant.parse("2026-01-20T00:00:00Z");

    /** A valid event; each test breaks one thing. */
    private static GeoEvent.Builder valid() {
        return GeoEvent.newBuilder()
                .setId("2025-03-04-usa-can-emergency-tariffs")
                .setOccurredAt(Instant.parse("2025-03-04T00:00:00Z"))
                .setReportedAt(Instant.parse("2025-03-04T00:00:00Z"))
                .setActor("USA")
                .setTarget("CAN")
                .setType(EventType.TARIFF_IMPOSED)
                .setCameoCode("163")
                .setGoldstein(-8.0)
                .setTariffRate(25.0)
                .setAffectedTradeValue(1.0e9)
                .setTradeCurrency("CAD")
                .setSectors(List.of("steel"))
                .setHeadline("Tariffs in force")
                .setSourceKind(SourceKind.CURATED)
                .setConfidence(1.0);
    }

    private static List<ValidationProblem> problemsOf(Consumer<GeoEvent.Builder> change) {
        final GeoEvent.Builder b = valid();
        change.accept(b);
        return EventValidator.validate(b.build(), NOW);
    }

    private static List<String> fieldsOf(List<ValidationProblem> problems) {
        return problems.stream().map(ValidationProblem::field).toList();
    }

    @Test
    void shouldAcceptAValidEvent() {
        assertThat(EventValidator.validate(valid().build(), NOW)).isEmpty();
    }

    @Test
    void shouldAcceptAnEventWithOnlyTheRequiredFields() {
        final GeoEvent minimal = GeoEvent.newBuilder()
                .setId("x").setOccurredAt(NOW).setReportedAt(NOW).setActor("CHN").setTarget("CAN")
                .setType(EventType.STATE_VISIT).setHeadline("A visit").build();
        assertThat(EventValidator.validate(minimal, NOW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void shouldRejectBlankId(String id) {
        assertThat(problemsOf(b -> b.setId(id)))
                .containsExactly(new ValidationProblem("id", "must not be blank"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"US", "usa", "USAA", "U5A", " USA"})
    void shouldRejectActorThatIsNotThreeUpperCaseLetters(String actor) {
        assertThat(fieldsOf(problemsOf(b -> b.setActor(actor)))).containsExactly("actor");
    }

    @Test
    void shouldRejectTargetThatIsNotThreeUpperCaseLetters() {
        final List<ValidationProblem> problems = problemsOf(b -> b.setTarget("Can"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("target");
            assertThat(p.reason()).contains("three upper-case letters").contains("\"Can\"");
        });
    }

    @Test
    void shouldRejectActorEqualToTarget() {
        assertThat(problemsOf(b -> b.setTarget("USA")))
                .containsExactly(new ValidationProblem("target", "must differ from actor, both are USA"));
    }

    @Test
    void shouldRejectEventsBefore1900() {
        final List<ValidationProblem> problems =
                problemsOf(b -> b.setOccurredAt(Instant.parse("1899-12-31T23:59:59Z")));
        assertThat(fieldsOf(problems)).containsExactly("occurredAt");
        assertThat(problems.get(0).reason()).contains("1900");
    }

    @Test
    void shouldAcceptTheFirstInstantOf1900() {
        assertThat(problemsOf(b -> b.setOccurredAt(EventValidator.EARLIEST))).isEmpty();
    }

    @Test
    void shouldRejectEventsMoreThanAYearAheadOfNow() {
        final Instant tooFar = NOW.plus(Duration.ofDays(365)).plusSeconds(1);
        assertThat(fieldsOf(problemsOf(b -> b.setOccurredAt(tooFar)))).containsExactly("occurredAt");
    }

    @Test
    void shouldAcceptScheduledEventsUpToAYearAhead() {
        assertThat(problemsOf(b -> b.setOccurredAt(NOW.plus(Duration.ofDays(365))))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-10.01, 10.5, Double.NaN, Double.POSITIVE_INFINITY})
    void shouldRejectGoldsteinOutsideTheScale(double goldstein) {
        final List<ValidationProblem> problems = problemsOf(b -> b.setGoldstein(goldstein));
        assertThat(fieldsOf(problems)).containsExactly("goldstein");
        assertThat(problems.get(0).reason()).startsWith("must be within [-10, 10]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-10.0, 0.0, 10.0})
    void shouldAcceptGoldsteinAtTheEndsOfTheScale(double goldstein) {
        assertThat(problemsOf(b -> b.setGoldstein(goldstein))).isEmpty();
    }

    @Test
    void shouldAcceptMissingGoldsteinAsTheTypeDefault() {
        assertThat(problemsOf(b -> b.setGoldstein(null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
    void shouldRejectConfidenceOutsideZeroToOne(double confidence) {
        assertThat(fieldsOf(problemsOf(b -> b.setConfidence(confidence)))).containsExactly("confidence");
    }

    @Test
    void shouldRejectNegativeAttentionCountsEachByName() {
        assertThat(fieldsOf(problemsOf(b -> b.setMentions(-1)))).containsExactly("mentions");
        assertThat(fieldsOf(problemsOf(b -> b.setSources(-1)))).containsExactly("sources");
        assertThat(fieldsOf(problemsOf(b -> b.setArticles(-1)))).containsExactly("articles");
    }

    @Test
    void shouldAcceptZeroAttention() {
        assertThat(problemsOf(b -> b.setMentions(0).setSources(0).setArticles(0))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 1000.5, Double.NaN})
    void shouldRejectTariffRateOutsideZeroToThousandPercent(double rate) {
        assertThat(fieldsOf(problemsOf(b -> b.setTariffRate(rate)))).containsExactly("tariffRate");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 100.0, 1000.0})
    void shouldAcceptTariffRatesWithinRange(double rate) {
        assertThat(problemsOf(b -> b.setTariffRate(rate))).isEmpty();
    }

    @Test
    void shouldRejectNegativeAffectedTradeValue() {
        assertThat(fieldsOf(problemsOf(b -> b.setAffectedTradeValue(-5.0)))).containsExactly("affectedTradeValue");
    }

    @Test
    void shouldRequireTradeCurrencyWhenAValueIsGiven() {
        assertThat(problemsOf(b -> b.setTradeCurrency(null))).containsExactly(
                new ValidationProblem("tradeCurrency", "is required when affectedTradeValue is set"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C$", "cad", "CADD", ""})
    void shouldRejectTradeCurrencyThatIsNotAnIsoCode(String currency) {
        assertThat(fieldsOf(problemsOf(b -> b.setTradeCurrency(currency)))).containsExactly("tradeCurrency");
    }

    @Test
    void shouldAcceptEventWithoutAnyTradeValue() {
        assertThat(problemsOf(b -> b.setAffectedTradeValue(null).setTradeCurrency(null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void shouldRejectBlankHeadline(String headline) {
        assertThat(problemsOf(b -> b.setHeadline(headline)))
                .containsExactly(new ValidationProblem("headline", "must not be blank"));
    }

    @Test
    void shouldRejectTypeOtherWithoutCameoCode() {
        assertThat(fieldsOf(problemsOf(b -> b.setType(EventType.OTHER).setCameoCode(null))))
                .containsExactly("type");
    }

    @Test
    void shouldAcceptTypeOtherWithCameoCode() {
        assertThat(problemsOf(b -> b.setType(EventType.OTHER).setCameoCode("0874"))).isEmpty();
    }

    @Test
    void shouldRejectCameoCodeThatIsNotDigits() {
        assertThat(fieldsOf(problemsOf(b -> b.setCameoCode("16a")))).containsExactly("cameoCode");
    }

    @Test
    void shouldRejectBlankSector() {
        assertThat(fieldsOf(problemsOf(b -> b.setSectors(List.of("steel", " "))))).containsExactly("sectors");
    }

    @Test
    void shouldAcceptEveryTextFieldAtItsLimit() {
        assertThat(problemsOf(b -> b.setId("i".repeat(EventValidator.MAX_ID_LENGTH))
                .setHeadline("h".repeat(EventValidator.MAX_HEADLINE_LENGTH))
                .setSectors(java.util.Collections.nCopies(EventValidator.MAX_SECTORS, "s".repeat(EventValidator.MAX_SECTOR_LENGTH)))
                .setSourceName("n".repeat(EventValidator.MAX_SOURCE_NAME_LENGTH))
                .setSourceUrl("https://example.org/" + "u".repeat(EventValidator.MAX_URL_LENGTH - 20)))).isEmpty();
    }

    @Test
    void shouldRejectEveryTextFieldOverItsLimitByNameWithAShortMessage() {
        final List<ValidationProblem> problems = problemsOf(b -> b.setId("i".repeat(EventValidator.MAX_ID_LENGTH + 1))
                .setHeadline("h".repeat(10_000_000))
                .setSourceName("n".repeat(EventValidator.MAX_SOURCE_NAME_LENGTH + 1))
                .setSourceUrl("https://example.org/" + "u".repeat(EventValidator.MAX_URL_LENGTH)));
        assertThat(fieldsOf(problems)).containsExactly("id", "headline", "sourceName", "sourceUrl");
        assertThat(problems.get(1).reason()).isEqualTo("must be at most 500 characters, has 10000000: \""
                + "h".repeat(40) + "...\" (10000000 characters)");
        // however large the value, the message stays short enough for a log line and a header
        assertThat(problems).allSatisfy(p -> assertThat(p.reason().length()).isLessThan(200));
    }

    @Test
    void shouldRejectTooManySectorsAndOverlongSectors() {
        assertThat(problemsOf(b -> b.setSectors(java.util.Collections.nCopies(EventValidator.MAX_SECTORS + 1, "steel"))))
                .extracting(ValidationProblem::reason).containsExactly("must have at most 32 entries, has 33");
        assertThat(problemsOf(b -> b.setSectors(List.of("steel", "x".repeat(EventValidator.MAX_SECTOR_LENGTH + 1)))))
                .extracting(ValidationProblem::field).containsExactly("sectors");
    }

    @Test
    void shouldQuoteOnlyTheStartOfALongBadValue() {
        assertThat(problemsOf(b -> b.setCameoCode("9".repeat(100_000)).setTradeCurrency("X".repeat(100_000))))
                .allSatisfy(p -> assertThat(p.reason()).endsWith("...\" (100000 characters)"));
    }

    @Test
    void shouldRejectAnOverlongExposureSourceAndDyad() {
        final TradeExposure.Builder e = exposure();
        e.setSource("s".repeat(EventValidator.MAX_SOURCE_NAME_LENGTH + 1));
        assertThat(EventValidator.validate(e.build())).extracting(ValidationProblem::field).containsExactly("source");
        e.setSource(null).setHome("CA").setDyad("D".repeat(1_000));
        assertThat(EventValidator.validate(e.build())).extracting(ValidationProblem::field).containsExactly("home", "dyad");
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        final GeoEvent bad = valid()
                .setId(" ").setActor("us").setGoldstein(11.0).setConfidence(2.0).setHeadline("").build();
        final List<ValidationProblem> problems = EventValidator.validate(bad, NOW);
        assertThat(fieldsOf(problems))
                .containsExactlyInAnyOrder("id", "actor", "goldstein", "confidence", "headline");
        assertThat(EventValidator.describe(problems))
                .contains("id: must not be blank")
                .contains("; headline: must not be blank");
    }

    @Test
    void shouldReportMissingRequiredFieldsOfAHalfBuiltEventInsteadOfThrowing() {
        final List<ValidationProblem> problems = EventValidator.validate(new GeoEvent(), NOW);
        assertThat(fieldsOf(problems))
                .contains("id", "actor", "target", "occurredAt", "reportedAt", "type", "headline", "sourceKind");
    }

    // ---- TradeExposure

    private static TradeExposure.Builder exposure() {
        return TradeExposure.newBuilder()
                .setDyad("CAN-USA").setHome("CAN").setCounterparty("USA")
                .setAsOf(Instant.parse("2024-12-31T00:00:00Z"))
                .setExportShare(0.759).setExportsValue(590e9).setCurrency("CAD").setExposure(0.759);
    }

    @Test
    void shouldAcceptAValidExposure() {
        assertThat(EventValidator.validate(exposure().build())).isEmpty();
    }

    @Test
    void shouldRejectDyadThatIsNotHomeDashCounterparty() {
        assertThat(EventValidator.validate(exposure().setDyad("USA-CAN").build())).containsExactly(
                new ValidationProblem("dyad", "must be home-counterparty \"CAN-USA\", was \"USA-CAN\""));
    }

    @Test
    void shouldRejectExposureWithTheSameCountryOnBothSides() {
        final TradeExposure self = exposure().setDyad("CAN-CAN").setCounterparty("CAN").build();
        assertThat(fieldsOf(EventValidator.validate(self))).containsExactly("counterparty");
    }

    @Test
    void shouldRejectExposureCountryCodesThatAreNotAlpha3() {
        assertThat(fieldsOf(EventValidator.validate(exposure().setHome("Canada").build())))
                .containsExactly("home");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.1, Double.NaN})
    void shouldRejectSharesAndExposureOutsideZeroToOne(double value) {
        assertThat(fieldsOf(EventValidator.validate(exposure().setExportShare(value).build())))
                .containsExactly("exportShare");
        assertThat(fieldsOf(EventValidator.validate(exposure().setExposure(value).build())))
                .containsExactly("exposure");
    }

    @Test
    void shouldRejectNegativeExportsValueAndBadCurrency() {
        assertThat(fieldsOf(EventValidator.validate(exposure().setExportsValue(-1.0).setCurrency("dollars").build())))
                .containsExactly("exportsValue", "currency");
    }

    @Test
    void shouldCountAFutureDatedEventFromWhenItWasReported() {
        final GeoEvent event = valid().setOccurredAt(Instant.parse("2025-04-01T00:00:00Z")).build();
        assertThat(EventValidator.effectiveTime(event, Instant.parse("2025-03-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(EventValidator.effectiveTime(event, Instant.parse("2025-05-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2025-04-01T00:00:00Z"));
    }
}
