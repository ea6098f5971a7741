package georisk.scoring;

import georisk.events.EventType;
import georisk.events.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.NavigableMap;
import java.util.TreeMap;

import static georisk.scoring.Events.event;
import static georisk.scoring.Events.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The shipped model: baseline 10, steepness 25, half-life 30 days, level bounds 20, 40, 60, 80. */
class DailyClosesTest {
    private static final long DAY = ScoreBars.DAY_MILLIS;
    private static final long HALF_LIFE = Duration.ofDays(30).toMillis();

    private final DailyCloses closes = new DailyCloses(ModelParameters.defaults());

    @Test
    void shouldInvertTheLogisticMapOfPressureToTension() {
        // T = 100 / (1 + exp((c − P) / 25)), c = 25 ln 9: P = 0 is the baseline 10, P = c is 50
        assertThat(closes.pressure(10.0)).isCloseTo(0.0, within(1e-12));
        assertThat(closes.pressure(50.0)).isCloseTo(25 * Math.log(9), within(1e-12));
        assertThat(closes.pressure(100.0 / 28)).isCloseTo(-25 * Math.log(3), within(1e-9));
    }

    @Test
    void shouldHalveThePressureInOneHalfLife() {
        // 50 is P = 25 ln 9; halved, 100 / (1 + exp(ln 9 / 2)) = 100 / 4
        assertThat(closes.decayed(50.0, HALF_LIFE)).isCloseTo(25.0, within(1e-9));
        // two half-lives: 100 / (1 + 9^(3/4))
        assertThat(closes.decayed(50.0, 2 * HALF_LIFE)).isCloseTo(100 / (1 + Math.pow(9, 0.75)), within(1e-9));
    }

    @Test
    void shouldRiseBackToTheBaselineAfterCooperation() {
        // 100 / 28 is P = −25 ln 3; halved, 100 / (1 + 9 × √3)
        assertThat(closes.decayed(100.0 / 28, HALF_LIFE)).isCloseTo(100 / (1 + 9 * Math.sqrt(3)), within(1e-9));
    }

    @Test
    void shouldKeepTheBaselineAndTheTensionOfNoElapsedTime() {
        assertThat(closes.decayed(10.0, 400 * DAY)).isCloseTo(10.0, within(1e-9));
        assertThat(closes.decayed(73.0, 0)).isEqualTo(73.0);
    }

    @Test
    void shouldAgreeWithTheScorerOfTheDyadsState() {
        final DyadScorer scorer = new DyadScorer(ModelParameters.defaults());
        DyadState state = DyadState.EMPTY;
        state = scorer.add(state, event("t", "2025-03-04", EventType.TARIFF_IMPOSED, 25, 3000, 400, 1.0, false));
        state = scorer.add(state, event("a", "2025-03-06", EventType.AGREEMENT));
        state = scorer.add(state, event("h", "2025-03-06", EventType.HOSTILE_STATEMENT));
        final Score last = scorer.score(state, 0.6);
        for (final int days : new int[] {1, 7, 45, 365}) {
            final long at = last.asOf() + days * DAY - 1;
            assertThat(closes.decayed(last.tension(), at - last.asOf()))
                    .as("%d days on", days).isCloseTo(scorer.score(state, 0.6, at).tension(), within(1e-9));
        }
    }

    @Test
    void shouldDecayAQuietDayFromTheLastBarWithTheExposureInForce() {
        final long t0 = millis("2025-03-04") + 6 * 3600_000L;
        final Bar last = new Bar(t0, t0, 40, 50, 55, 40, 50 * 0.8, 55 * 0.8, RiskLevel.HIGH, 3);
        final long day = t0 - 6 * 3600_000L + 30 * DAY;
        final Bar quiet = closes.quietDay(last, day);

        assertThat(quiet.firstAsOf()).isEqualTo(day);
        assertThat(quiet.lastAsOf()).isEqualTo(day + DAY - 1);
        assertThat(quiet.updates()).isZero();
        assertThat(quiet.openTension()).isCloseTo(closes.decayed(50, day - t0), within(1e-12));
        assertThat(quiet.closeTension()).isCloseTo(closes.decayed(50, day + DAY - 1 - t0), within(1e-12));
        assertThat(quiet.closeTension()).isLessThan(quiet.openTension()).isGreaterThan(10.0);
        assertThat(quiet.highTension()).isEqualTo(quiet.openTension());
        assertThat(quiet.lowTension()).isEqualTo(quiet.closeTension());
        assertThat(quiet.closeRisk()).isCloseTo(quiet.closeTension() * 0.8, within(1e-12));
        assertThat(quiet.highRisk()).isCloseTo(quiet.openTension() * 0.8, within(1e-12));
        // about 30 days on, P ≈ 25 ln 9 / 2: tension ≈ 25, GUARDED by the bounds
        assertThat(quiet.closeTension()).isCloseTo(25.0, within(0.5));
        assertThat(quiet.closeLevel()).isEqualTo(RiskLevel.GUARDED);
    }

    @Test
    void shouldFillEveryDayBetweenBarsAndAfterTheLastThatHasEndedByNow() {
        final long d0 = millis("2025-03-04");
        final Bar before = bar(d0 - 3 * DAY + 3600_000L, 60);
        final Bar first = bar(d0 + 2 * DAY, 30);
        final Bar second = bar(d0 + 5 * DAY + 7200_000L, 45);
        final NavigableMap<Long, Bar> bars = new TreeMap<>();
        bars.put(d0 + 2 * DAY, first);
        bars.put(d0 + 5 * DAY, second);
        final long now = d0 + 8 * DAY + 12 * 3600_000L;

        final NavigableMap<Long, Bar> filled = closes.fill(bars, before, d0, d0 + 20 * DAY, now);

        assertThat(filled.keySet()).containsExactly(d0, d0 + DAY, d0 + 2 * DAY, d0 + 3 * DAY, d0 + 4 * DAY,
                d0 + 5 * DAY, d0 + 6 * DAY, d0 + 7 * DAY);
        assertThat(filled.get(d0 + 2 * DAY)).isSameAs(first);
        assertThat(filled.get(d0 + 5 * DAY)).isSameAs(second);
        assertThat(filled.get(d0)).isEqualTo(closes.quietDay(before, d0));
        assertThat(filled.get(d0 + 4 * DAY)).isEqualTo(closes.quietDay(first, d0 + 4 * DAY));
        assertThat(filled.get(d0 + 7 * DAY)).isEqualTo(closes.quietDay(second, d0 + 7 * DAY));
        // the current day has not closed yet: neither it nor any later day is filled; at its last millisecond it is
        assertThat(closes.fill(bars, before, d0, d0 + 20 * DAY, d0 + 9 * DAY - 1).lastKey()).isEqualTo(d0 + 8 * DAY);
        assertThat(bars).hasSize(2);
    }

    @Test
    void shouldNotFillTheDaysBeforeAnythingWasKnown() {
        final long d0 = millis("2025-03-04");
        final NavigableMap<Long, Bar> bars = new TreeMap<>();
        bars.put(d0 + 3 * DAY, bar(d0 + 3 * DAY, 30));

        final NavigableMap<Long, Bar> filled = closes.fill(bars, null, d0, d0 + 4 * DAY, d0 + 100 * DAY);

        assertThat(filled.keySet()).containsExactly(d0 + 3 * DAY, d0 + 4 * DAY);
    }

    private static Bar bar(final long at, final double tension) {
        return new Bar(at, at, tension, tension, tension, tension, tension * 0.5, tension * 0.5, RiskLevel.GUARDED, 1);
    }
}
