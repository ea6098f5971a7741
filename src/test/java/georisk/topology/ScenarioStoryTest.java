package georisk.topology;

import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.TradeExposure;
import georisk.ingest.Scenario;
import georisk.scoring.Dyad;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.DyadState;
import georisk.scoring.ModelParameters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story a reader of the timeline expects, held against the built-in scenario scored in event-time
 * order with the shipped model: each named event moves its dyad the way the timeline says it should.
 * "Before" is the dyad's tension decayed to the event's time, without the event; "after" includes it.
 */
class ScenarioStoryTest {
    private static final DyadScorer SCORER = new DyadScorer(ModelParameters.defaults());
    private static final DyadResolver RESOLVER = new DyadResolver(Set.of("CAN"), Set.of("USA", "CHN"));

    private final Scenario scenario = Scenario.builtIn();
    private final Map<String, TradeExposure> exposures = scenario.exposures().stream()
            .collect(Collectors.toMap(TradeExposure::getDyad, x -> x));

    /** Tension of a dyad just before and just after each of its events, in event-time order. */
    private record Move(GeoEvent event, double before, double after) {
    }

    private List<Move> moves(final String dyadKey) {
        final Dyad dyad = Dyad.parse(dyadKey);
        final List<GeoEvent> events = scenario.events().stream()
                .filter(e -> RESOLVER.resolve(e.getActor(), e.getTarget()).map(d -> d.key().equals(dyadKey)).orElse(false))
                .sorted(Comparator.comparing(GeoEvent::getOccurredAt)).toList();
        final List<Move> moves = new ArrayList<>();
        DyadState state = DyadState.EMPTY;
        for (final GeoEvent e : events) {
            final long t = e.getOccurredAt().toEpochMilli();
            final double before = SCORER.score(state, 1.0, t).tension();
            state = SCORER.add(state, ScoringMapping.toScoringEvent(e, dyad, exposures.get(dyadKey)));
            moves.add(new Move(e, before, SCORER.score(state, 1.0).tension()));
        }
        return moves;
    }

    private static List<Move> matching(final List<Move> moves, final Predicate<GeoEvent> which) {
        final List<Move> found = moves.stream().filter(m -> which.test(m.event())).toList();
        assertThat(found).as("the scenario has such events").isNotEmpty();
        return found;
    }

    private static Predicate<GeoEvent> on(final String date, final EventType type) {
        return e -> e.getOccurredAt().equals(Instant.parse(date + "T00:00:00Z")) && e.getType() == type;
    }

    @Test
    void shouldRaiseCanadaChinaTensionAfterTheDecember2018Detentions() {
        final List<Move> detentions = matching(moves("CAN-CHN"), e -> e.getType() == EventType.DETENTION
                && e.getOccurredAt().toString().startsWith("2018-12"));
        detentions.forEach(m -> assertThat(m.after()).as(m.event().getId()).isGreaterThan(m.before()));
    }

    @Test
    void shouldRaiseCanadaChinaTensionWithTheCanolaActionsOfMarch2019AndMarch2025() {
        final List<Move> chn = moves("CAN-CHN");
        final List<Move> canola = matching(chn, e -> e.getSectors().contains("canola")
                && (e.getOccurredAt().toString().startsWith("2019-03") || e.getOccurredAt().toString().startsWith("2025-03"))
                && e.getGoldstein() != null && e.getGoldstein() < 0);
        assertThat(canola.stream().map(m -> m.event().getOccurredAt().toString().substring(0, 7)).distinct())
                .containsExactlyInAnyOrder("2019-03", "2025-03");
        canola.forEach(m -> assertThat(m.after()).as(m.event().getId()).isGreaterThan(m.before()));
    }

    @Test
    void shouldRaiseCanadaUsaTensionThroughThe2025TariffEscalation() {
        final List<Move> usa = moves("CAN-USA");
        final List<Move> tariffs = matching(usa, e -> e.getOccurredAt().toString().startsWith("2025")
                && (e.getType() == EventType.TARIFF_IMPOSED || e.getType() == EventType.TARIFF_THREATENED));
        tariffs.forEach(m -> assertThat(m.after()).as(m.event().getId()).isGreaterThan(m.before()));
        final double peak = usa.stream().filter(m -> m.event().getOccurredAt().toString().startsWith("2025"))
                .mapToDouble(Move::after).max().orElseThrow();
        final double before2025 = usa.stream().filter(m -> m.event().getOccurredAt().toString().startsWith("2024"))
                .mapToDouble(Move::after).max().orElse(10.0);
        assertThat(peak).isGreaterThan(80.0).isGreaterThan(before2025);
    }

    @Test
    void shouldLowerTensionWithTariffReliefAndAgreements() {
        for (final String dyad : List.of("CAN-USA", "CAN-CHN")) {
            final List<Move> easing = moves(dyad).stream().filter(m -> m.event().getType() == EventType.TARIFF_RELIEF
                    || m.event().getType() == EventType.AGREEMENT || m.event().getType() == EventType.RELEASE).toList();
            easing.forEach(m -> assertThat(m.after()).as(m.event().getId()).isLessThan(m.before()));
        }
        assertThat(matching(moves("CAN-USA"), on("2025-03-07", EventType.TARIFF_RELIEF))).isNotEmpty();
        assertThat(matching(moves("CAN-USA"), on("2018-11-30", EventType.AGREEMENT))).isNotEmpty();
    }

    @Test
    void shouldWeighCanadaUsaRiskAboveCanadaChinaThroughout2025() {
        final Map<String, DyadState> states = new java.util.HashMap<>();
        final List<GeoEvent> events = scenario.events().stream()
                .sorted(Comparator.comparing(GeoEvent::getOccurredAt)).toList();
        int compared = 0;
        for (final GeoEvent e : events) {
            final Dyad dyad = RESOLVER.resolve(e.getActor(), e.getTarget()).orElseThrow();
            states.merge(dyad.key(), SCORER.add(DyadState.EMPTY,
                    ScoringMapping.toScoringEvent(e, dyad, exposures.get(dyad.key()))),
                    (old, x) -> SCORER.add(old, ScoringMapping.toScoringEvent(e, dyad, exposures.get(dyad.key()))));
            if (e.getOccurredAt().toString().startsWith("2025") && states.size() == 2) {
                final long t = e.getOccurredAt().toEpochMilli();
                final double usa = SCORER.score(states.get("CAN-USA"), exposures.get("CAN-USA").getExposure(), t)
                        .exposureWeightedRisk();
                final double chn = SCORER.score(states.get("CAN-CHN"), exposures.get("CAN-CHN").getExposure(), t)
                        .exposureWeightedRisk();
                assertThat(usa).as("at %s", e.getId()).isGreaterThan(chn);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10);
    }
}
