package georisk.ingest;

import georisk.events.EventType;
import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.SourceKind;
import georisk.events.TradeExposure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScenarioTest {
    private static final String HOME = "CAN";
    /** Default CAMEO code and Goldstein value of each type used, from DESIGN.md's taxonomy table. */
    private static final Map<EventType, List<Object>> TAXONOMY = Map.ofEntries(
            Map.entry(EventType.TARIFF_IMPOSED, List.of(Set.of("163"), -8.0)),
            Map.entry(EventType.TARIFF_THREATENED, List.of(Set.of("1312"), -5.8)),
            Map.entry(EventType.TARIFF_RELIEF, List.of(Set.of("085"), 7.0)),
            Map.entry(EventType.TRADE_RESTRICTION, List.of(Set.of("172"), -5.0)),
            Map.entry(EventType.TRADE_INVESTIGATION, List.of(Set.of("090"), -2.0)),
            Map.entry(EventType.AGREEMENT, List.of(Set.of("057"), 8.0)),
            Map.entry(EventType.STATE_VISIT, List.of(Set.of("042"), 1.9)),
            Map.entry(EventType.LEADERS_MEETING, List.of(Set.of("044"), 2.5)),
            Map.entry(EventType.HOSTILE_STATEMENT, List.of(Set.of("111", "112"), -2.0)),
            Map.entry(EventType.CONCILIATORY_STATEMENT, List.of(Set.of("0311"), 5.2)),
            Map.entry(EventType.DETENTION, List.of(Set.of("173"), -5.0)),
            Map.entry(EventType.RELEASE, List.of(Set.of("084"), 7.0)),
            Map.entry(EventType.TRADE_DATA, List.of(Set.of(), 0.0)));

    private static Scenario builtIn;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadBuiltIn() {
        builtIn = Scenario.builtIn();
    }

    private static String dyadOf(GeoEvent e) {
        final String other = HOME.equals(e.getActor()) ? e.getTarget() : e.getActor();
        return HOME + "-" + other;
    }

    private static Optional<GeoEvent> event(String id) {
        return builtIn.events().stream().filter(e -> e.getId().equals(id)).findFirst();
    }

    private static Instant day(String isoDate) {
        return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static List<GeoEvent> on(String isoDate, String actor, EventType type) {
        return builtIn.events().stream()
                .filter(e -> e.getOccurredAt().equals(day(isoDate)))
                .filter(e -> e.getActor().equals(actor) && e.getType() == type)
                .toList();
    }

    @Test
    void shouldLoadTheBuiltInScenarioWithAtLeastFortyEvents() {
        assertThat(builtIn.name()).isEqualTo(Scenario.BUILT_IN_NAME);
        assertThat(builtIn.events()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void shouldHaveOnlyValidBuiltInEventsAndExposures() {
        final Instant now = Instant.parse("2026-02-01T00:00:00Z");
        assertThat(builtIn.events()).allSatisfy(e ->
                assertThat(EventValidator.validate(e, now)).as(e.getId()).isEmpty());
        assertThat(builtIn.exposures()).allSatisfy(x ->
                assertThat(EventValidator.validate(x)).as(x.getDyad()).isEmpty());
    }

    @Test
    void shouldGiveEveryBuiltInEventAUniqueReadableId() {
        final List<String> ids = builtIn.events().stream().map(GeoEvent::getId).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(builtIn.events()).allSatisfy(e -> {
            assertThat(e.getId()).matches("\\d{4}-\\d{2}-\\d{2}-[a-z0-9-]+");
            assertThat(e.getId()).startsWith(e.getOccurredAt().toString().substring(0, 10));
        });
    }

    @Test
    void shouldSortBuiltInEventsByOccurredAt() {
        assertThat(builtIn.events()).isSortedAccordingTo(Comparator.comparing(GeoEvent::getOccurredAt));
    }

    @Test
    void shouldSpanJune2018ToJanuary2026() {
        assertThat(builtIn.events().get(0).getOccurredAt()).isEqualTo(day("2018-06-01"));
        assertThat(builtIn.events().get(builtIn.events().size() - 1).getOccurredAt())
                .isBetween(day("2026-01-01"), day("2026-01-31"));
    }

    @Test
    void shouldCoverBothDyadsInBothDirections() {
        assertThat(builtIn.events()).allSatisfy(e ->
                assertThat(Set.of(e.getActor(), e.getTarget())).contains(HOME));
        final Map<String, Long> perDyad = builtIn.events().stream()
                .collect(Collectors.groupingBy(ScenarioTest::dyadOf, Collectors.counting()));
        assertThat(perDyad).containsOnlyKeys("CAN-USA", "CAN-CHN");
        assertThat(perDyad.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(15));
        final Set<String> directions = builtIn.events().stream()
                .map(e -> e.getActor() + ">" + e.getTarget()).collect(Collectors.toSet());
        assertThat(directions).containsExactlyInAnyOrder("USA>CAN", "CAN>USA", "CHN>CAN", "CAN>CHN");
    }

    @Test
    void shouldUseTheTaxonomyDefaultsAsCuratedEvents() {
        assertThat(builtIn.events()).allSatisfy(e -> {
            final List<Object> defaults = TAXONOMY.get(e.getType());
            assertThat(defaults).as("type of " + e.getId()).isNotNull();
            @SuppressWarnings("unchecked") final Set<String> codes = (Set<String>) defaults.get(0);
            if (codes.isEmpty()) {
                assertThat(e.getCameoCode()).as(e.getId()).isNull();
            } else {
                assertThat(e.getCameoCode()).as(e.getId()).isIn(codes);
            }
            assertThat(e.getGoldstein()).as(e.getId()).isEqualTo((Double) defaults.get(1));
            assertThat(e.getSourceKind()).isEqualTo(SourceKind.CURATED);
            assertThat(e.getConfidence()).as(e.getId()).isIn(1.0, 0.8);
            assertThat(e.getMentions()).as(e.getId()).isBetween(100, 20_000);
            assertThat(e.getSources()).as(e.getId()).isBetween(10, e.getArticles());
            assertThat(e.getArticles()).as(e.getId()).isLessThanOrEqualTo(e.getMentions());
            assertThat(e.getSectors()).allSatisfy(s -> assertThat(s).isLowerCase());
        });
    }

    @Test
    void shouldHaveTheDecember2018Detentions() {
        assertThat(on("2018-12-01", "CAN", EventType.DETENTION)).singleElement()
                .satisfies(e -> assertThat(e.getTarget()).isEqualTo("CHN"));
        assertThat(on("2018-12-10", "CHN", EventType.DETENTION)).singleElement()
                .satisfies(e -> assertThat(e.getTarget()).isEqualTo("CAN"));
    }

    @Test
    void shouldHaveTheMarch2019CanolaActions() {
        final List<GeoEvent> canola = builtIn.events().stream()
                .filter(e -> e.getType() == EventType.TRADE_RESTRICTION && e.getActor().equals("CHN"))
                .filter(e -> e.getOccurredAt().toString().startsWith("2019-03"))
                .toList();
        assertThat(canola).hasSize(2).allSatisfy(e -> assertThat(e.getSectors()).contains("canola"));
    }

    @Test
    void shouldHaveTheMarch2025TariffsAndCounterTariffs() {
        assertThat(event("2025-03-04-usa-can-emergency-tariffs")).get().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(EventType.TARIFF_IMPOSED);
            assertThat(e.getTariffRate()).isEqualTo(25.0);
            assertThat(e.getConfidence()).isEqualTo(1.0);
        });
        assertThat(on("2025-03-04", "CAN", EventType.TARIFF_IMPOSED)).singleElement().satisfies(e -> {
            assertThat(e.getAffectedTradeValue()).isCloseTo(30e9, within(1.0));
            assertThat(e.getTradeCurrency()).isEqualTo("CAD");
        });
        assertThat(on("2025-03-12", "USA", EventType.TARIFF_IMPOSED))
                .anySatisfy(e -> assertThat(e.getSectors()).contains("steel", "aluminum"));
    }

    @Test
    void shouldHaveTheMarch2025CanolaTariffs() {
        assertThat(on("2025-03-08", "CHN", EventType.TARIFF_IMPOSED))
                .anySatisfy(e -> {
                    assertThat(e.getSectors()).contains("canola");
                    assertThat(e.getTariffRate()).isEqualTo(100.0);
                })
                .anySatisfy(e -> assertThat(e.getTariffRate()).isEqualTo(25.0));
    }

    @Test
    void shouldHaveTariffReliefInBothDirectionsAndTheAgreements() {
        final Map<String, List<GeoEvent>> reliefByActor = builtIn.events().stream()
                .filter(e -> e.getType() == EventType.TARIFF_RELIEF)
                .collect(Collectors.groupingBy(GeoEvent::getActor));
        assertThat(reliefByActor).containsKeys("USA", "CAN");
        assertThat(reliefByActor.get("USA")).extracting(e -> e.getOccurredAt())
                .contains(day("2019-05-17"), day("2025-02-03"), day("2025-03-07"));
        assertThat(builtIn.events()).filteredOn(e -> e.getType() == EventType.AGREEMENT)
                .extracting(GeoEvent::getOccurredAt)
                .containsExactly(day("2018-11-30"), day("2020-07-01"));
    }

    @Test
    void shouldHaveTheSeptember2021ReleasesOnePerDirection() {
        assertThat(builtIn.events()).filteredOn(e -> e.getType() == EventType.RELEASE)
                .extracting(e -> e.getActor() + ">" + e.getTarget() + "@" + e.getOccurredAt())
                .containsExactlyInAnyOrder("CAN>CHN@2021-09-24T00:00:00Z", "CHN>CAN@2021-09-24T00:00:00Z");
    }

    @Test
    void shouldHaveTheSeedArticleEvents() {
        assertThat(on("2026-01-13", "USA", EventType.HOSTILE_STATEMENT)).hasSize(1);
        assertThat(on("2026-01-14", "CAN", EventType.STATE_VISIT)).singleElement()
                .satisfies(e -> assertThat(e.getTarget()).isEqualTo("CHN"));
        assertThat(on("2026-01-14", "CHN", EventType.TRADE_DATA)).singleElement().satisfies(e -> {
            assertThat(e.getAffectedTradeValue()).isCloseTo(41.7e9, within(1.0));
            assertThat(e.getTradeCurrency()).isEqualTo("USD");
        });
    }

    @Test
    void shouldHaveDefaultExposuresFromTheCalibrationFigures() {
        final Map<String, TradeExposure> byDyad = builtIn.exposures().stream()
                .collect(Collectors.toMap(TradeExposure::getDyad, Function.identity()));
        assertThat(byDyad).containsOnlyKeys("CAN-USA", "CAN-CHN");
        assertThat(byDyad.get("CAN-USA").getExportShare()).isEqualTo(0.759);
        assertThat(byDyad.get("CAN-USA").getExposure()).isEqualTo(0.759);
        assertThat(byDyad.get("CAN-USA").getExportsValue()).isEqualTo(590e9);
        assertThat(byDyad.get("CAN-CHN").getExportShare()).isEqualTo(0.04);
        assertThat(byDyad.get("CAN-CHN").getExposure())
                .isLessThan(byDyad.get("CAN-USA").getExposure());
    }

    @Test
    void shouldKeepTheResourceFileOneEventPerLine() throws IOException {
        try (InputStream in = Scenario.class.getClassLoader().getResourceAsStream(Scenario.EVENTS_RESOURCE)) {
            assertThat(in).isNotNull();
            final long lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).count();
            assertThat(lines).isEqualTo(builtIn.events().size());
        }
    }

    @Test
    void shouldParseEveryExampleLineOfTheFormatDoc() throws IOException {
        final String doc = Files.readString(Path.of("docs", "scenario-format.md"));
        final List<String> examples = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(doc).results().map(m -> m.group(1)).toList();
        assertThat(examples).hasSize(3);
        final Instant now = Instant.parse("2026-02-01T00:00:00Z");
        for (String line : examples) {
            if (line.contains("\"counterparty\"")) {
                assertThat(EventValidator.validate(ExposureJson.read(line))).as(line).isEmpty();
            } else {
                assertThat(EventValidator.validate(EventJson.read(line), now)).as(line).isEmpty();
            }
        }
    }

    // ---- users' own files

    private static final String GOOD = """
            {"id":"a","occurredAt":"2025-03-04","actor":"USA","target":"CAN","type":"TARIFF_IMPOSED","headline":"A"}""";

    @Test
    void shouldLoadUsersFilesSkippingBlankAndCommentLines() throws IOException {
        final Path events = Files.writeString(dir.resolve("mine.jsonl"), "# my scenario\n" + GOOD + "\n\n"
                + GOOD.replace("\"a\"", "\"b\"").replace("2025-03-04", "2025-03-05") + "\n");
        final Path exposures = Files.writeString(dir.resolve("x.jsonl"),
                "{\"home\":\"CAN\",\"counterparty\":\"USA\",\"asOf\":\"2024-12-31\",\"exportShare\":0.7}\n");
        final Scenario s = Scenario.load(events, exposures);
        assertThat(s.name()).isEqualTo("mine.jsonl");
        assertThat(s.events()).extracting(GeoEvent::getId).containsExactly("a", "b");
        assertThat(s.exposures()).extracting(TradeExposure::getDyad).containsExactly("CAN-USA");
    }

    @Test
    void shouldLoadEventsWithoutAnExposuresFile() throws IOException {
        final Path events = Files.writeString(dir.resolve("e.jsonl"), GOOD + "\n");
        assertThat(Scenario.load(events, null).exposures()).isEmpty();
    }

    @Test
    void shouldReportTheLineNumberOfABrokenLine() throws IOException {
        final Path events = Files.writeString(dir.resolve("events.jsonl"), GOOD + "\n\n"
                + GOOD.replace("\"a\"", "\"b\"").replace("2025-03-04", "2025-13-01") + "\n");
        assertThatThrownBy(() -> Scenario.load(events, null))
                .isInstanceOfSatisfying(EventFormatException.class, e -> {
                    assertThat(e.source()).isEqualTo(events.toString());
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.field()).isEqualTo("occurredAt");
                })
                .hasMessage(events + ":3: occurredAt: \"2025-13-01\" is not an ISO date or instant"
                        + " (e.g. 2025-03-04 or 2025-03-04T14:00:00Z)");
    }

    @Test
    void shouldReportTheLineNumberOfMalformedJson() throws IOException {
        final Path events = Files.writeString(dir.resolve("events.jsonl"), GOOD + "\n{\"id\": \"b\",\n");
        assertThatThrownBy(() -> Scenario.load(events, null))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith(events + ":2: not valid JSON");
    }

    @Test
    void shouldReportEveryValidationProblemOfALineWithItsNumber() throws IOException {
        final Path events = Files.writeString(dir.resolve("events.jsonl"),
                GOOD.replace("\"CAN\"", "\"usa\"").replace("\"TARIFF_IMPOSED\"", "\"TARIFF_IMPOSED\",\"confidence\":3") + "\n");
        assertThatThrownBy(() -> Scenario.load(events, null))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith(events + ":1: target: must be three upper-case letters")
                .hasMessageContaining("; confidence: must be within [0, 1], was 3.0");
    }

    @Test
    void shouldRejectADuplicateIdNamingBothLines() throws IOException {
        final Path events = Files.writeString(dir.resolve("events.jsonl"), GOOD + "\n" + GOOD + "\n");
        assertThatThrownBy(() -> Scenario.load(events, null))
                .isInstanceOf(EventFormatException.class)
                .hasMessage(events + ":2: id: \"a\" is already used on line 1");
    }

    @Test
    void shouldReportTheLineNumberOfABrokenExposure() throws IOException {
        final Path events = Files.writeString(dir.resolve("e.jsonl"), GOOD + "\n");
        final Path exposures = Files.writeString(dir.resolve("x.jsonl"),
                "{\"dyad\":\"USA-CAN\",\"home\":\"CAN\",\"counterparty\":\"USA\",\"asOf\":\"2024-12-31\",\"exportShare\":0.7}\n");
        assertThatThrownBy(() -> Scenario.load(events, exposures))
                .isInstanceOf(EventFormatException.class)
                .hasMessage(exposures + ":1: dyad: must be home-counterparty \"CAN-USA\", was \"USA-CAN\"");
    }
}
