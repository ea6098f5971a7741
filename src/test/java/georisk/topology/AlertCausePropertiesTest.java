package georisk.topology;

import georisk.events.AlertKind;
import georisk.events.EventType;
import georisk.scoring.AlertPolicy;
import georisk.scoring.DecayClock;
import georisk.scoring.DyadScorer;
import georisk.scoring.DyadState;
import georisk.scoring.ModelParameters;
import georisk.scoring.Score;
import georisk.scoring.ScoringEvent;
import georisk.scoring.Taxonomy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cause an alert names is its cause, over generated event sequences run through the alert policy as the
 * dyad stage runs them (the days since the previous event closed first, then the event with its cause), in
 * whatever order the events arrive.
 */
class AlertCausePropertiesTest {
    private static final long START = Instant0.START;
    private static final long DAY = 24L * 3600 * 1000;
    private static final ModelParameters MODEL = ModelParameters.defaults();
    private final DyadScorer scorer = new DyadScorer(MODEL);
    private final AlertPolicy policy = new AlertPolicy(MODEL);
    private final DecayClock clock = new DecayClock(scorer, policy);

    private static final class Instant0 {
        static final long START = java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    }

    @Provide
    Arbitrary<ScoringEvent> events() {
        final Arbitrary<EventType> types = Arbitraries.of(EventType.class);
        final Arbitrary<Long> times = Arbitraries.longs().between(0, 400L * DAY);
        final Arbitrary<Double> rates = Arbitraries.of(0.0, 25.0, 100.0);
        final Arbitrary<Integer> mentions = Arbitraries.integers().between(0, 5000);
        final Arbitrary<Integer> sources = Arbitraries.integers().between(0, 400);
        final Arbitrary<Double> confidence = Arbitraries.doubles().between(0.3, 1);
        final Arbitrary<Boolean> homeActs = Arbitraries.of(true, false);
        return Combinators.combine(types, times, rates, mentions, sources, confidence, homeActs)
                .as((type, t, rate, m, s, c, h) -> new ScoringEvent("e" + t + type, START + t, type,
                        Taxonomy.of(type).goldstein(), rate, 0.0, m, s, c, h, type + " at " + t));
    }

    /** One alert with the event whose score raised it (null for a decay alert). */
    private record Raised(AlertPolicy.Alert alert, ScoringEvent cause) {
    }

    private List<Raised> run(final List<ScoringEvent> events) {
        AlertPolicy.State state = AlertPolicy.State.INITIAL;
        DyadState model = DyadState.EMPTY;
        final List<Raised> out = new ArrayList<>();
        for (final ScoringEvent e : events) {
            final DecayClock.Advance advance = clock.advance("CAN-USA", model, 0.7, state,
                    Math.floorDiv(Math.max(e.occurredAt(), model.refTime()), DAY));
            advance.alerts().forEach(a -> out.add(new Raised(a, null)));
            state = advance.alert();
            final DyadState next = scorer.add(model, e);
            final Score score = scorer.score(next, 0.7);
            final AlertPolicy.Outcome o = policy.evaluate(state, ScoringMapping.toSnapshot("CAN-USA", score,
                    scorer.tensionAt(model, score.asOf()), e, model.eventCount() == 0 ? 0L : model.refTime()));
            o.alerts().forEach(a -> out.add(new Raised(a, a.kind() == AlertKind.DECAYED ? null : e)));
            state = o.state();
            model = next;
        }
        return out;
    }

    @Property(tries = 300)
    void shouldNameTheEventThatRaisedAnAlertFirstAndNeverContradictIt(
            @ForAll @Size(min = 1, max = 40) final List<@net.jqwik.api.From("events") ScoringEvent> events,
            @ForAll final boolean inEventOrder) {
        final List<ScoringEvent> arrival = new ArrayList<>(events);
        if (inEventOrder) {
            arrival.sort(java.util.Comparator.comparingLong(ScoringEvent::occurredAt));
        }
        for (final Raised r : run(arrival)) {
            final AlertPolicy.Alert a = r.alert();
            if (r.cause() == null) {
                assertThat(a.kind()).isEqualTo(AlertKind.DECAYED);
                assertThat(a.drivers()).as("a decay alert names no event").isEmpty();
                continue;
            }
            assertThat(a.drivers()).as(a.explanation()).isNotEmpty();
            final AlertPolicy.Driver first = a.drivers().get(0);
            assertThat(first.eventId()).as("the event that raised it comes first: " + a.explanation())
                    .isEqualTo(r.cause().id());
            final boolean falls = a.fromLevel() != null && a.toLevel().compareTo(a.fromLevel()) < 0;
            if (falls) {
                assertThat(first.contribution()).as("a fall is explained by an event that lowered tension: "
                        + a.explanation()).isNegative();
            } else {
                assertThat(first.contribution()).as("a rise is explained by an event that raised tension: "
                        + a.explanation()).isPositive();
                assertThat(Taxonomy.classOf(first.type(), r.cause().goldstein()).name())
                        .as("a rise is never explained by cooperation").isNotEqualTo("COOPERATION");
            }
        }
    }

    @Property(tries = 200)
    void shouldSendOneLevelAlertPerDyadDayAndDirection(
            @ForAll @Size(min = 1, max = 40) final List<@net.jqwik.api.From("events") ScoringEvent> events) {
        final List<ScoringEvent> ordered = new ArrayList<>(events);
        ordered.sort(java.util.Comparator.comparingLong(ScoringEvent::occurredAt));
        // the level alerts and decay alerts in order: a second level alert of one day and direction, under a new
        // id, only after an alert that broke the burst (one the other way, or a decay alert)
        final Map<String, Integer> lastOfDayAndDirection = new HashMap<>();
        final List<String> directions = new ArrayList<>();
        for (final Raised r : run(ordered)) {
            final AlertPolicy.Alert a = r.alert();
            if (a.kind() == AlertKind.DECAYED) {
                directions.add("decay");
                continue;
            }
            if (a.kind() != AlertKind.LEVEL_CHANGE) {
                continue;
            }
            final String direction = a.toLevel().compareTo(a.fromLevel()) > 0 ? "up" : "down";
            final String key = Math.floorDiv(a.time(), DAY) + direction;
            final Integer earlier = lastOfDayAndDirection.get(key);
            if (earlier != null && directions.subList(earlier, directions.size()).stream()
                    .allMatch(d -> d.startsWith(direction))) {
                assertThat(a.id()).as("a further crossing of the day's burst updates its alert: " + a.explanation())
                        .isEqualTo(directions.get(earlier).substring(direction.length() + 1));
            }
            lastOfDayAndDirection.put(key, directions.size());
            directions.add(direction + " " + a.id());
        }
    }
}
