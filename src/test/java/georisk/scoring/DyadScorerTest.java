package georisk.scoring;

import georisk.events.EventType;
import georisk.events.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static georisk.scoring.Events.event;
import static georisk.scoring.Events.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DyadScorerTest {
    private final DyadScorer scorer = new DyadScorer(ModelParameters.defaults());

    private DyadState fold(final ScoringEvent... events) {
        DyadState state = DyadState.EMPTY;
        for (final ScoringEvent e : events) {
            state = scorer.add(state, e);
        }
        return state;
    }

    @Test
    void shouldScoreBaselineWhenNothingHappened() {
        final Score score = scorer.score(DyadState.EMPTY, 0.5);
        assertThat(score.tension()).isCloseTo(10.0, within(1e-9));
        assertThat(score.level()).isEqualTo(RiskLevel.LOW);
        assertThat(score.coverage()).isZero();
        assertThat(score.drivers()).isEmpty();
    }

    @Test
    void shouldRaiseTensionWhenTariffImposed() {
        final Score score = scorer.score(fold(event("t", "2025-03-04", EventType.TARIFF_IMPOSED)), 1.0);
        assertThat(score.tension()).isGreaterThan(ModelParameters.defaults().tension().baseline());
        assertThat(score.components().get(DyadScorer.ACTS)).isPositive();
    }

    @Test
    void shouldLowerTensionWhenAgreementSigned() {
        final DyadState tense = fold(event("t", "2025-03-04", EventType.TARIFF_IMPOSED));
        final DyadState relieved = scorer.add(tense, event("a", "2025-03-05", EventType.AGREEMENT));
        assertThat(scorer.score(relieved, 1).tension()).isLessThan(scorer.score(tense, 1, millis("2025-03-05")).tension());
        assertThat(scorer.score(relieved, 1).components().get(DyadScorer.COOPERATION)).isNegative();
    }

    @Test
    void shouldWeighHigherTariffRateMore() {
        final Score low = scorer.score(fold(event("t", "2025-03-04", EventType.TARIFF_IMPOSED, 10, 200, 20, 1, false)), 1);
        final Score high = scorer.score(fold(event("t", "2025-03-04", EventType.TARIFF_IMPOSED, 50, 200, 20, 1, false)), 1);
        assertThat(high.tension()).isGreaterThan(low.tension());
    }

    @Test
    void shouldWeighMoreAttentionAndConfidenceMore() {
        final Score quiet = scorer.score(fold(event("t", "2025-03-04", EventType.TARIFF_THREATENED, 0, 2, 1, 1, false)), 1);
        final Score loud = scorer.score(fold(event("t", "2025-03-04", EventType.TARIFF_THREATENED, 0, 2000, 80, 1, false)), 1);
        final Score doubtful = scorer.score(fold(event("t", "2025-03-04", EventType.TARIFF_THREATENED, 0, 2000, 80, 0.3, false)), 1);
        assertThat(loud.tension()).isGreaterThan(quiet.tension());
        assertThat(doubtful.tension()).isLessThan(loud.tension());
    }

    @Test
    void shouldKeepThreatsAndActsApart() {
        final Score score = scorer.score(fold(
                event("threat", "2025-02-01", EventType.TARIFF_THREATENED),
                event("act", "2025-03-04", EventType.TARIFF_IMPOSED)), 1);
        assertThat(score.components().get(DyadScorer.THREATS)).isPositive();
        assertThat(score.components().get(DyadScorer.ACTS)).isPositive();
        assertThat(score.components().get(DyadScorer.ACTS)).isGreaterThan(score.components().get(DyadScorer.THREATS));
    }

    @Test
    void shouldRaiseTensionWhenHomeCountryRetaliatesButLessThanWhenHit() {
        final Score hit = scorer.score(fold(event("t", "2025-03-04", EventType.TARIFF_IMPOSED, 25, 200, 20, 1, false)), 1);
        final Score retaliation = scorer.score(fold(event("t", "2025-03-04", EventType.TARIFF_IMPOSED, 25, 200, 20, 1, true)), 1);
        assertThat(retaliation.tension()).isGreaterThan(10.0).isLessThan(hit.tension());
    }

    @Test
    void shouldHalveExcessPressureAfterOneHalfLife() {
        final DyadState state = fold(event("t", "2025-03-04", EventType.TARIFF_IMPOSED));
        final double halfLife = ModelParameters.defaults().tension().halfLife().toMillis();
        final Score now = scorer.score(state, 1);
        final Score later = scorer.score(state, 1, state.refTime() + (long) halfLife);
        final double pressureNow = state.pressure();
        assertThat(later.components().get(DyadScorer.ACTS) + later.components().get(DyadScorer.THREATS))
                .isLessThan(now.components().get(DyadScorer.ACTS));
        assertThat(scorer.tension(pressureNow / 2)).isCloseTo(later.tension(), within(1e-9));
    }

    @Test
    void shouldReturnToBaselineWithoutNewEvents() {
        final DyadState state = fold(event("t", "2025-03-04", EventType.TARIFF_IMPOSED),
                event("a", "2025-03-10", EventType.AGREEMENT));
        final Score yearLater = scorer.score(state, 1, state.refTime() + Duration.ofDays(730).toMillis());
        assertThat(yearLater.tension()).isCloseTo(10.0, within(1e-3));
    }

    @Test
    void shouldWeighSameShockMoreOnMoreExposedDyad() {
        final DyadState state = fold(event("t", "2025-03-04", EventType.TARIFF_IMPOSED));
        final Score usa = scorer.score(state, 0.759);
        final Score chn = scorer.score(state, 0.04);
        assertThat(usa.tension()).isEqualTo(chn.tension());
        assertThat(usa.exposureWeightedRisk()).isCloseTo(usa.tension() * 0.759, within(1e-12));
        assertThat(usa.exposureWeightedRisk()).isGreaterThan(chn.exposureWeightedRisk());
    }

    @Test
    void shouldNameLargestContributionsAsDrivers() {
        final Score score = scorer.score(fold(
                event("statement", "2025-03-01", EventType.HOSTILE_STATEMENT),
                event("tariff", "2025-03-04", EventType.TARIFF_IMPOSED, 25, 500, 40, 1, false),
                event("visit", "2025-03-02", EventType.STATE_VISIT)), 1);
        assertThat(score.drivers()).extracting(d -> d.event().id()).first().isEqualTo("tariff");
        assertThat(score.drivers()).hasSize(3);
        final double sum = score.drivers().stream().mapToDouble(Score.Driver::contribution).sum();
        assertThat(sum + 10.0).isCloseTo(score.tension(), within(1e-9));
    }

    @Test
    void shouldIgnoreTradeDataInTension() {
        final Score score = scorer.score(fold(event("d", "2026-01-14", EventType.TRADE_DATA)), 1);
        assertThat(score.tension()).isCloseTo(10.0, within(1e-9));
        assertThat(score.eventCount()).isEqualTo(1);
    }

    @Test
    void shouldMapTensionToLevels() {
        assertThat(List.of(5.0, 20.0, 45.0, 60.0, 99.0)).extracting(scorer::level)
                .containsExactly(RiskLevel.LOW, RiskLevel.GUARDED, RiskLevel.ELEVATED, RiskLevel.HIGH, RiskLevel.SEVERE);
    }

    @Test
    void shouldNameTheParameterWhenInvalid() {
        assertThatThrownBy(() -> ModelParameters.defaults().withHalfLife(Duration.ZERO))
                .hasMessageContaining("tension.half-life");
    }

    @Test
    void shouldMeasureDeltaSincePreviousDaysClose() {
        final DyadState before = fold(event("t1", "2025-02-01", EventType.TARIFF_THREATENED));
        final DyadState after = scorer.add(before, event("t2", "2025-03-04", EventType.TARIFF_IMPOSED));
        final Score score = scorer.score(after, 1);
        final double closeBefore = scorer.score(before, 1, millis("2025-03-04")).tension();
        assertThat(score.delta24h()).isCloseTo(score.tension() - closeBefore, within(1e-9));
        assertThat(score.delta24h()).isPositive();
    }

    @Test
    void shouldMeasureDeltaOverAWeek() {
        final DyadState state = fold(event("t1", "2025-02-25", EventType.TARIFF_IMPOSED),
                event("t2", "2025-03-04", EventType.TARIFF_IMPOSED));
        final Score score = scorer.score(state, 1);
        final DyadState weekBefore = fold(event("t1", "2025-02-25", EventType.TARIFF_IMPOSED));
        final double close = scorer.score(weekBefore, 1, millis("2025-02-26")).tension();
        assertThat(score.delta7d()).isCloseTo(score.tension() - close, within(1e-9));
    }

    @Test
    void shouldGiveNoZScoreWithoutEnoughHistory() {
        final Score score = scorer.score(fold(event("t", "2025-03-04", EventType.TARIFF_IMPOSED)), 1);
        assertThat(score.zScore()).isNull();
    }

    @Test
    void shouldFlagSpikeAfterQuietMonthWithHighZScore() {
        final DyadState quiet = fold(event("s1", "2025-01-01", EventType.HOSTILE_STATEMENT),
                event("s2", "2025-01-20", EventType.HOSTILE_STATEMENT));
        final DyadState spike = scorer.add(scorer.add(quiet, event("t1", "2025-03-04", EventType.TARIFF_IMPOSED)),
                event("t2", "2025-03-04", EventType.SANCTION));
        final Score score = scorer.score(spike, 1);
        assertThat(score.zScore()).isNotNull().isGreaterThan(2.5);
    }

    @Test
    void shouldWeighEventAffectingLargerShareOfTradeMore() {
        final ScoringEvent small = new ScoringEvent("a", millis("2025-03-04"), EventType.TARIFF_IMPOSED, -8, 25, 0.01,
                200, 20, 1, false, "a");
        final ScoringEvent large = new ScoringEvent("a", millis("2025-03-04"), EventType.TARIFF_IMPOSED, -8, 25, 0.5,
                200, 20, 1, false, "a");
        assertThat(scorer.impacts().impact(large)).isGreaterThan(scorer.impacts().impact(small));
    }

    @Test
    void shouldCountEventLaterThanGraceAsLateButStillScoreIt() {
        final DyadState state = fold(event("new", "2025-03-04", EventType.TARIFF_IMPOSED),
                event("old", "2025-01-04", EventType.TARIFF_IMPOSED),
                event("slightly-late", "2025-03-03", EventType.HOSTILE_STATEMENT));
        final Score score = scorer.score(state, 1);
        assertThat(score.lateEvents()).isEqualTo(1);
        assertThat(score.eventCount()).isEqualTo(3);
        assertThat(score.drivers()).extracting(d -> d.event().id()).contains("old");
    }

    @Test
    void shouldKeepHeadlinesOnlyForTheDriversAScoreReports() {
        final ModelParameters d = ModelParameters.defaults();
        final DyadScorer wide = new DyadScorer(new ModelParameters(d.impact(), d.tension(), d.history(), d.levels(),
                d.alerts(), d.windows(), new ModelParameters.Drivers(2, 6)));
        DyadState state = DyadState.EMPTY;
        for (int i = 1; i <= 9; i++) {
            state = wide.add(state, event("e" + i, "2025-03-0" + i, EventType.TARIFF_THREATENED));
        }
        assertThat(state.tracked()).hasSize(6);
        assertThat(state.tracked().subList(0, 2)).allSatisfy(t -> assertThat(t.headline()).isNotNull());
        assertThat(state.tracked().subList(2, 6)).allSatisfy(t -> assertThat(t.headline()).isNull());
        // ranks never change, so the reported drivers are the top of any longer list: never one without a headline
        assertThat(wide.score(state, 1.0).drivers()).extracting(x -> x.event().headline())
                .containsExactly("TARIFF_THREATENED e9", "TARIFF_THREATENED e8");
    }
}
