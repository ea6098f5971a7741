package georisk.scoring;

import georisk.events.EventType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The scoring contract's invariants, over random events. */
class ScoringPropertiesTest {
    private static final long START = Events.millis("2018-01-01");
    private final DyadScorer scorer = new DyadScorer(ModelParameters.defaults());

    @Provide
    Arbitrary<ScoringEvent> events() {
        final Arbitrary<EventType> types = Arbitraries.of(EventType.class);
        final Arbitrary<Long> times = Arbitraries.longs().between(0, 3L * 365 * 24 * 3600 * 1000);
        final Arbitrary<Double> rates = Arbitraries.of(0.0, 10.0, 25.0, 100.0);
        final Arbitrary<Integer> mentions = Arbitraries.integers().between(0, 5000);
        final Arbitrary<Integer> sources = Arbitraries.integers().between(0, 200);
        final Arbitrary<Double> confidence = Arbitraries.doubles().between(0, 1);
        final Arbitrary<Boolean> homeActs = Arbitraries.of(true, false);
        return Combinators.combine(types, times, rates, mentions, sources, confidence, homeActs)
                .as((type, t, rate, m, s, c, h) -> new ScoringEvent(
                        "e" + t + type, START + t, type, Taxonomy.of(type).goldstein(), rate, 0.0, m, s, c, h, "h"));
    }

    private DyadState fold(final List<ScoringEvent> events) {
        DyadState state = DyadState.EMPTY;
        for (final ScoringEvent e : events) {
            state = scorer.add(state, e);
        }
        return state;
    }

    @Property(tries = 300)
    void shouldGiveSameScoreInAnyOrder(@ForAll @Size(min = 1, max = 40) final List<@From("events") ScoringEvent> events,
                                       @ForAll final long seed) {
        final List<ScoringEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        final Score a = scorer.score(fold(events), 0.5);
        final Score b = scorer.score(fold(shuffled), 0.5);
        assertThat(b.tension()).isCloseTo(a.tension(), within(1e-9 * Math.max(1, a.tension())));
        assertThat(b.coverage()).isCloseTo(a.coverage(), within(1e-9));
        assertThat(b.delta24h()).isCloseTo(a.delta24h(), within(1e-9 * Math.max(1, a.tension())));
        assertThat(b.delta7d()).isCloseTo(a.delta7d(), within(1e-9 * Math.max(1, a.tension())));
        if (a.zScore() == null) {
            assertThat(b.zScore()).isNull();
        } else {
            assertThat(b.zScore()).isCloseTo(a.zScore(), within(1e-9 * Math.max(1, Math.abs(a.zScore()))));
        }
        assertThat(b.asOf()).isEqualTo(a.asOf());
        assertThat(b.drivers()).extracting(d -> d.event().id())
                .containsExactlyElementsOf(a.drivers().stream().map(d -> d.event().id()).toList());
    }

    @Property(tries = 300)
    void shouldAddComponentsUpToTension(@ForAll @Size(max = 40) final List<@From("events") ScoringEvent> events) {
        final Score score = scorer.score(fold(events), 1.0);
        final double sum = score.components().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum).isCloseTo(score.tension(), within(1e-9));
        assertThat(score.tension()).isBetween(0.0, 100.0);
    }

    @Property(tries = 200)
    void shouldMoveTensionBySignOfGoldstein(@ForAll("events") final ScoringEvent event) {
        final double tension = scorer.score(fold(List.of(event)), 1.0).tension();
        final double baseline = ModelParameters.defaults().tension().baseline();
        if (event.eventClass() == EventClass.DATA || event.confidence() == 0 || event.goldstein() == 0) {
            assertThat(tension).isCloseTo(baseline, within(1e-9));
        } else if (event.goldstein() < 0) {
            assertThat(tension).isGreaterThan(baseline);
        } else {
            assertThat(tension).isLessThan(baseline);
        }
    }

    @Property(tries = 200)
    void shouldDecayTowardBaseline(@ForAll @Size(min = 1, max = 20) final List<@From("events") ScoringEvent> events) {
        final DyadState state = fold(events);
        final double baseline = ModelParameters.defaults().tension().baseline();
        final long halfLife = ModelParameters.defaults().tension().halfLife().toMillis();
        double previous = Math.abs(scorer.score(state, 1).tension() - baseline);
        for (int i = 1; i <= 5; i++) {
            final double distance = Math.abs(scorer.score(state, 1, state.refTime() + i * halfLife).tension() - baseline);
            assertThat(distance).isLessThanOrEqualTo(previous + 1e-12);
            previous = distance;
        }
    }
}
