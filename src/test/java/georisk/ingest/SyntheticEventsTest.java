package georisk.ingest;

import georisk.events.EventType;
import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/** The load generator's mix, fractions and times, with a fixed seed and a fixed clock. */
class SyntheticEventsTest {
    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final int N = 100_000;

    private static List<SyntheticEvents.Generated> generate(final int dyads, final double late, final double duplicates,
                                                            final long seed) {
        final Supplier<Instant> clock = () -> NOW;
        final SyntheticEvents generator = new SyntheticEvents(
                new SyntheticEvents.Settings(dyads, late, duplicates, seed, "t-"), clock);
        final List<SyntheticEvents.Generated> out = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            out.add(generator.next());
        }
        return out;
    }

    @Test
    void shouldGenerateOnlyValidEvents() {
        for (final SyntheticEvents.Generated g : generate(40, 0.02, 0.01, 1)) {
            assertThat(EventValidator.validate(g.event(), NOW)).as(g.event().toString()).isEmpty();
        }
    }

    @Test
    void shouldMakeTheRequestedSharesLateAndDuplicate() {
        final List<SyntheticEvents.Generated> events = generate(2, 0.05, 0.02, 7);
        final long late = events.stream().filter(SyntheticEvents.Generated::late).count();
        final long duplicates = events.stream().filter(SyntheticEvents.Generated::duplicate).count();
        assertThat(late / (double) N).isCloseTo(0.05, offset(0.005));
        assertThat(duplicates / (double) N).isCloseTo(0.02, offset(0.003));
    }

    @Test
    void shouldPutLateEventsHoursToDaysBehindAndOthersWithinAMinute() {
        for (final SyntheticEvents.Generated g : generate(2, 0.1, 0.0, 3)) {
            final Duration behind = Duration.between(g.event().getOccurredAt(), NOW);
            if (g.late()) {
                assertThat(behind).isBetween(Duration.ofHours(1), Duration.ofDays(10));
            } else {
                assertThat(behind).isBetween(Duration.ZERO, Duration.ofMinutes(1));
            }
            assertThat(g.event().getReportedAt()).isEqualTo(NOW);
        }
    }

    @Test
    void shouldRepeatAnEarlierEventWithTheSameIdAsADuplicate() {
        final Map<String, GeoEvent> seen = new HashMap<>();
        for (final SyntheticEvents.Generated g : generate(2, 0.0, 0.1, 11)) {
            final GeoEvent earlier = seen.putIfAbsent(g.event().getId(), g.event());
            assertThat(earlier != null).as("id seen before iff duplicate").isEqualTo(g.duplicate());
            if (g.duplicate()) {
                assertThat(g.event()).isEqualTo(earlier);
            }
        }
    }

    @Test
    void shouldHaveMoreStatementsAndThreatsThanActsSomeCooperationAndRareMilitaryAction() {
        final Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
        generate(2, 0, 0, 5).forEach(g -> counts.merge(g.event().getType(), 1, Integer::sum));
        final int statementsAndThreats = sum(counts, EventType.HOSTILE_STATEMENT, EventType.CONCILIATORY_STATEMENT,
                EventType.TARIFF_THREATENED, EventType.TRADE_INVESTIGATION, EventType.SOVEREIGNTY_THREAT);
        final int acts = sum(counts, EventType.TARIFF_IMPOSED, EventType.TRADE_RESTRICTION, EventType.SANCTION,
                EventType.DETENTION, EventType.NEGOTIATIONS_HALTED, EventType.MILITARY_ACTION);
        final int cooperation = sum(counts, EventType.NEGOTIATION, EventType.AGREEMENT, EventType.STATE_VISIT,
                EventType.LEADERS_MEETING, EventType.TARIFF_RELIEF, EventType.RELEASE);
        assertThat(statementsAndThreats).isGreaterThan(2 * acts);
        assertThat(cooperation / (double) N).isBetween(0.15, 0.30);
        assertThat(counts.get(EventType.MILITARY_ACTION) / (double) N).isBetween(0.001, 0.006);
        assertThat(counts).doesNotContainKey(EventType.OTHER);
        counts.forEach((type, n) -> assertThat(n / (double) N).as(type.name())
                .isCloseTo(SyntheticEvents.MIX.get(type) / 100, offset(0.006)));
    }

    @Test
    void shouldSetPlausibleTariffRatesTradeValuesAndAttention() {
        final List<Integer> mentions = new ArrayList<>();
        for (final SyntheticEvents.Generated g : generate(2, 0, 0, 9)) {
            final GeoEvent e = g.event();
            mentions.add(e.getMentions());
            assertThat(e.getSources()).isBetween(1, Math.max(1, e.getMentions()));
            assertThat(e.getArticles()).isBetween(e.getSources(), Math.max(e.getSources(), e.getMentions()));
            if (e.getType().name().startsWith("TARIFF_")) {
                assertThat(e.getTariffRate()).isIn(10.0, 15.0, 20.0, 25.0, 35.0, 50.0, 100.0);
                assertThat(e.getAffectedTradeValue()).isBetween(1e8, 1e11);
                assertThat(e.getSectors()).isNotEmpty();
            } else {
                assertThat(e.getTariffRate()).isNull();
            }
        }
        mentions.sort(Integer::compare);
        assertThat(mentions.get(N / 2)).as("median mentions").isBetween(5, 30);
        assertThat(mentions.get(N - 1)).as("largest story").isGreaterThan(1000);
    }

    @Test
    void shouldSpreadEventsOverTheRequestedDyadsWithCanadaOnOneSide() {
        final Set<String> others = new HashSet<>();
        for (final SyntheticEvents.Generated g : generate(5, 0, 0, 13)) {
            final GeoEvent e = g.event();
            assertThat(List.of(e.getActor(), e.getTarget())).contains("CAN");
            others.add(e.getActor().equals("CAN") ? e.getTarget() : e.getActor());
        }
        assertThat(others).containsExactlyInAnyOrder("USA", "CHN", "MEX", "JPN", "GBR");
    }

    @Test
    void shouldRepeatTheSameSequenceForTheSameSeed() {
        final List<SyntheticEvents.Generated> a = generate(3, 0.02, 0.01, 42);
        final List<SyntheticEvents.Generated> b = generate(3, 0.02, 0.01, 42);
        assertThat(a).isEqualTo(b);
        assertThat(generate(3, 0.02, 0.01, 43)).isNotEqualTo(a);
    }

    @Test
    void shouldRejectImpossibleSettings() {
        assertThatThrownBy(() -> new SyntheticEvents.Settings(0, 0, 0, 1, "x")).hasMessageContaining("dyads");
        assertThatThrownBy(() -> new SyntheticEvents.Settings(41, 0, 0, 1, "x")).hasMessageContaining("dyads");
        assertThatThrownBy(() -> new SyntheticEvents.Settings(2, 0.7, 0.4, 1, "x")).hasMessageContaining("add up");
    }

    private static int sum(final Map<EventType, Integer> counts, final EventType... types) {
        int total = 0;
        for (final EventType t : types) {
            total += counts.getOrDefault(t, 0);
        }
        return total;
    }
}
