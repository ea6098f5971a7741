package georisk.scoring;

import georisk.events.AlertKind;
import georisk.events.EventType;
import georisk.events.RiskLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static georisk.scoring.Events.millis;
import static org.assertj.core.api.Assertions.assertThat;

class AlertPolicyTest {
    private static final long DAY = 24L * 3600 * 1000;
    private final AlertPolicy policy = new AlertPolicy(ModelParameters.defaults());

    private static AlertPolicy.Driver strong(final String id, final double contribution) {
        return new AlertPolicy.Driver(id, EventType.TARIFF_IMPOSED, millis("2025-03-04"), "tariffs " + id, contribution,
                40, 1.0);
    }

    private static AlertPolicy.Driver weak(final String id, final double contribution, final int sources,
                                           final double confidence) {
        return new AlertPolicy.Driver(id, EventType.HOSTILE_STATEMENT, millis("2025-03-04"), "remark " + id,
                contribution, sources, confidence);
    }

    private static AlertPolicy.Snapshot at(final long time, final double tension, final Double z,
                                           final AlertPolicy.Driver... drivers) {
        return new AlertPolicy.Snapshot("CAN-USA", time, tension, 0.0, 0.0, z, List.of(drivers));
    }

    /** Runs snapshots through the policy, returning every alert. */
    private List<AlertPolicy.Alert> run(final List<AlertPolicy.Snapshot> snapshots) {
        return run(AlertPolicy.State.INITIAL, snapshots);
    }

    private List<AlertPolicy.Alert> run(final AlertPolicy.State initial, final List<AlertPolicy.Snapshot> snapshots) {
        AlertPolicy.State state = initial;
        final List<AlertPolicy.Alert> alerts = new ArrayList<>();
        for (final AlertPolicy.Snapshot s : snapshots) {
            final AlertPolicy.Outcome outcome = policy.evaluate(state, s);
            state = outcome.state();
            alerts.addAll(outcome.alerts());
        }
        return alerts;
    }

    @Test
    void shouldRaiseOneLevelAlertWhenScoreWobblesAroundBoundary() {
        final long t0 = millis("2025-03-01");
        final List<AlertPolicy.Snapshot> wobble = new ArrayList<>();
        final double[] tensions = {39.0, 40.5, 39.2, 40.1, 38.9, 40.8, 39.5, 41.0};
        for (int i = 0; i < tensions.length; i++) {
            wobble.add(at(t0 + i * DAY * 2, tensions[i], null, strong("t" + i, 5.0)));
        }
        final List<AlertPolicy.Alert> alerts = run(wobble).stream()
                .filter(a -> a.kind() == AlertKind.LEVEL_CHANGE).toList();
        assertThat(alerts).extracting(AlertPolicy.Alert::toLevel)
                .containsExactly(RiskLevel.GUARDED, RiskLevel.ELEVATED);
    }

    @Test
    void shouldLeaveLevelOnlyBelowBoundMinusHysteresis() {
        assertThat(policy.levelWithHysteresis(RiskLevel.ELEVATED, 38.0)).isEqualTo(RiskLevel.ELEVATED);
        assertThat(policy.levelWithHysteresis(RiskLevel.ELEVATED, 36.9)).isEqualTo(RiskLevel.GUARDED);
        assertThat(policy.levelWithHysteresis(RiskLevel.LOW, 85.0)).isEqualTo(RiskLevel.SEVERE);
        assertThat(policy.levelWithHysteresis(RiskLevel.SEVERE, 5.0)).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void shouldExplainRiseNamingTheEventsThatDroveIt() {
        final List<AlertPolicy.Alert> alerts = run(List.of(
                at(millis("2025-03-04"), 65.0, null, strong("emergency", 30.0), strong("steel", 12.0))));
        final AlertPolicy.Alert level = alerts.get(0);
        assertThat(level.kind()).isEqualTo(AlertKind.LEVEL_CHANGE);
        assertThat(level.fromLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(level.toLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(level.explanation())
                .startsWith("CAN-USA rose from LOW to HIGH (tension 65.0")
                .contains("TARIFF_IMPOSED \"tariffs emergency\" (+30.0)")
                .contains("\"tariffs steel\" (+12.0)")
                .doesNotContain("\n");
        assertThat(level.drivers()).extracting(AlertPolicy.Driver::eventId).containsExactly("emergency", "steel");
        assertThat(level.id()).isEqualTo(run(List.of(at(millis("2025-03-04"), 65.0, null,
                strong("emergency", 30.0), strong("steel", 12.0)))).get(0).id());
    }

    @Test
    void shouldNotAlertOnSingleLowAttentionEvent() {
        assertThat(run(List.of(at(millis("2025-03-04"), 70.0, 4.0, weak("rumour", 40.0, 1, 1.0))))).isEmpty();
    }

    @Test
    void shouldNotAlertOnSingleLowConfidenceEvent() {
        assertThat(run(List.of(at(millis("2025-03-04"), 70.0, 4.0, weak("unsure", 40.0, 50, 0.3))))).isEmpty();
    }

    @Test
    void shouldAlertWhenTwoConfidentEventsCorroborate() {
        assertThat(run(List.of(at(millis("2025-03-04"), 45.0, null, weak("a", 10.0, 1, 0.9), weak("b", 8.0, 1, 0.9)))))
                .extracting(AlertPolicy.Alert::kind).contains(AlertKind.LEVEL_CHANGE);
    }

    @Test
    void shouldAlertFallWithoutEvidenceGateNamingTheEventThatLoweredTension() {
        final AlertPolicy.State high = new AlertPolicy.State(RiskLevel.HIGH, List.of(), 0L, 0L);
        final AlertPolicy.Driver relief = new AlertPolicy.Driver("relief", EventType.TARIFF_RELIEF, millis("2025-05-04"),
                "tariffs paused", -35.0, 1, 0.3);
        final AlertPolicy.Outcome o = policy.evaluate(high, new AlertPolicy.Snapshot("CAN-USA", millis("2025-05-04"),
                30.0, -35.0, -35.0, null, List.of(strong("t", 20.0)), 65.0, relief, millis("2025-03-04")));
        assertThat(o.alerts()).singleElement().satisfies(fall -> {
            assertThat(fall.kind()).isEqualTo(AlertKind.LEVEL_CHANGE);
            assertThat(fall.fromLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(fall.toLevel()).isEqualTo(RiskLevel.GUARDED);
            assertThat(fall.drivers().get(0).eventId()).isEqualTo("relief");
            assertThat(fall.explanation()).startsWith("CAN-USA fell from HIGH to GUARDED (tension 30.0")
                    .contains("driven by TARIFF_RELIEF \"tariffs paused\" (-35.0)").doesNotContain("tariffs t");
        });
    }

    @Test
    void shouldTellALevelLeftThroughDecayAsItsOwnKind() {
        final List<AlertPolicy.Alert> alerts = run(List.of(
                at(millis("2025-03-04"), 65.0, null, strong("t", 30.0)),
                at(millis("2025-05-04"), 30.0, null)));
        final AlertPolicy.Alert fall = alerts.get(alerts.size() - 1);
        assertThat(fall.kind()).isEqualTo(AlertKind.DECAYED);
        assertThat(fall.fromLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(fall.toLevel()).isEqualTo(RiskLevel.GUARDED);
        assertThat(fall.drivers()).isEmpty();
        assertThat(fall.explanation()).startsWith("CAN-USA eased from HIGH to GUARDED through decay alone");
    }

    @Test
    void shouldTellADecayCrossingAtTheCloseWhereItHappenedWithTheQuietTime() {
        final AlertPolicy.State elevated = new AlertPolicy.State(RiskLevel.ELEVATED, List.of(), 0L, 0L);
        final long day = Math.floorDiv(millis("2018-06-12"), DAY);
        assertThat(policy.close(elevated, "CAN-USA", day, 37.5, millis("2018-05-31")).alerts()).isEmpty();
        final AlertPolicy.Outcome o = policy.close(elevated, "CAN-USA", day, 36.9, millis("2018-05-31"));
        assertThat(o.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.DECAYED);
            assertThat(a.time()).isEqualTo(millis("2018-06-13") - 1);
            assertThat(a.explanation()).isEqualTo("CAN-USA eased from ELEVATED to GUARDED through decay alone: no event "
                    + "for 13 days, tension 36.9 at the close of 2018-06-12");
        });
        assertThat(o.state().level()).isEqualTo(RiskLevel.GUARDED);
        assertThat(o.state().closedDay()).isEqualTo(day);
    }

    @Test
    void shouldAlertJumpWithinSpanOnceUntilCooldown() {
        final long t0 = millis("2025-03-01");
        final List<AlertPolicy.Alert> alerts = run(List.of(
                new AlertPolicy.Snapshot("CAN-USA", t0, 22.0, 0.0, 0.0, null, List.of(strong("a", 3.0))),
                new AlertPolicy.Snapshot("CAN-USA", t0 + 2 * DAY, 39.0, 17.0, 17.0, null, List.of(strong("b", 17.0))),
                new AlertPolicy.Snapshot("CAN-USA", t0 + 2 * DAY + 3600_000, 39.5, 17.5, 17.5, null,
                        List.of(strong("c", 1.0))),
                new AlertPolicy.Snapshot("CAN-USA", t0 + 5 * DAY, 39.0, 0.0, 17.0, null, List.of(strong("d", 1.0)))));
        assertThat(alerts.stream().filter(a -> a.kind() == AlertKind.JUMP))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.time()).isEqualTo(t0 + 2 * DAY);
                    assertThat(a.explanation()).startsWith("CAN-USA jumped 17.0 points to 39.0 within 7 days");
                });
    }

    @Test
    void shouldNotCountRiseOutsideSpanAsJump() {
        final long t0 = millis("2025-03-01");
        final List<AlertPolicy.Alert> alerts = run(List.of(
                at(t0, 10.0, null, strong("a", 1.0)),
                at(t0 + 10 * DAY, 19.0, null, strong("b", 9.0))));
        assertThat(alerts).extracting(AlertPolicy.Alert::kind).doesNotContain(AlertKind.JUMP);
    }

    @Test
    void shouldAlertAnomalyAtThreshold() {
        final List<AlertPolicy.Alert> alerts = run(List.of(at(millis("2025-03-04"), 15.0, 3.1, strong("x", 5.0))));
        assertThat(alerts).extracting(AlertPolicy.Alert::kind).containsExactly(AlertKind.ANOMALY);
        assertThat(alerts.get(0).explanation()).contains("3.1 standard deviations above its rolling baseline");
        assertThat(run(List.of(at(millis("2025-03-04"), 15.0, 2.9, strong("x", 5.0))))).isEmpty();
    }

    @Test
    void shouldRaiseOneAlertPerScoreLevelChangeFirst() {
        final AlertPolicy.Snapshot everything = new AlertPolicy.Snapshot("CAN-USA", millis("2025-03-04"), 45.0, 35.0,
                35.0, 6.0, List.of(strong("t", 35.0)));
        final AlertPolicy.Outcome outcome = policy.evaluate(AlertPolicy.State.INITIAL, everything);
        assertThat(outcome.alerts()).extracting(AlertPolicy.Alert::kind).containsExactly(AlertKind.LEVEL_CHANGE);
        assertThat(outcome.state().lastJumpAt()).as("the jump counts as told").isEqualTo(millis("2025-03-04"));
        assertThat(outcome.state().lastAnomalyAt()).as("the anomaly counts as told").isEqualTo(millis("2025-03-04"));
    }

    @Test
    void shouldBoundSamplesKeptForJumps() {
        AlertPolicy.State state = AlertPolicy.State.INITIAL;
        final long t0 = millis("2025-03-01");
        for (int i = 0; i < 1000; i++) {
            state = policy.evaluate(state, at(t0 + i * 60_000L, 5.0 + (i % 7), null)).state();
        }
        assertThat(state.recent()).hasSizeLessThanOrEqualTo(AlertPolicy.MAX_SAMPLES);
        assertThat(state.recent()).extracting(AlertPolicy.Sample::tension).contains(5.0);
    }

    @Test
    void shouldMeasureJumpFromPreviousCloseAfterQuietWeek() {
        final AlertPolicy.State guarded = new AlertPolicy.State(RiskLevel.GUARDED, List.of(), 0L, 0L);
        final AlertPolicy.Snapshot afterQuietWeek = new AlertPolicy.Snapshot("CAN-USA", millis("2025-03-04"), 38.0,
                17.0, 15.5, null, List.of(strong("emergency", 17.0)));
        assertThat(run(guarded, List.of(afterQuietWeek))).extracting(AlertPolicy.Alert::kind)
                .containsExactly(AlertKind.JUMP);
    }

    @Test
    void shouldNotCallFallingScoreAJump() {
        final long t0 = millis("2025-03-01");
        final AlertPolicy.State high = new AlertPolicy.State(RiskLevel.HIGH, List.of(), 0L, 0L);
        final List<AlertPolicy.Alert> alerts = run(high, List.of(
                new AlertPolicy.Snapshot("CAN-USA", t0, 62.0, 0.0, 0.0, null, List.of(strong("a", 2.0))),
                new AlertPolicy.Snapshot("CAN-USA", t0 + DAY, 78.0, 16.0, 16.0, null, List.of(strong("b", 16.0))),
                new AlertPolicy.Snapshot("CAN-USA", t0 + 3 * DAY, 70.0, -8.0, 8.0, null, List.of(strong("b", 12.0)))));
        assertThat(alerts).extracting(AlertPolicy.Alert::kind, AlertPolicy.Alert::time)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.JUMP, t0 + DAY));
    }

    @Test
    void shouldIgnoreLongDecayedEventsAsEvidenceAndInExplanations() {
        final AlertPolicy.Driver decayed = strong("2020-tariff", 0.1);
        final List<AlertPolicy.Alert> alerts = run(List.of(at(millis("2025-03-04"), 45.0, null,
                weak("rumour", 20.0, 1, 1.0), decayed)));
        assertThat(alerts).isEmpty();
        final List<AlertPolicy.Alert> real = run(List.of(at(millis("2025-03-04"), 45.0, null,
                strong("tariff", 20.0), decayed)));
        assertThat(real.get(0).explanation()).doesNotContain("2020-tariff");
        assertThat(real.get(0).drivers()).extracting(AlertPolicy.Driver::eventId).containsExactly("tariff");
    }

    @Test
    void shouldTellRiseFromWhereTensionWasAfterUnobservedDecay() {
        final AlertPolicy.State severeMonthsAgo = new AlertPolicy.State(RiskLevel.SEVERE, List.of(), 0L, 0L);
        final AlertPolicy.Snapshot june = new AlertPolicy.Snapshot("CAN-USA", millis("2025-06-04"), 50.1, 29.8, 29.8,
                null, List.of(strong("steel-50", 23.0)));
        final AlertPolicy.Outcome outcome = policy.evaluate(severeMonthsAgo, june);
        assertThat(outcome.alerts()).extracting(AlertPolicy.Alert::kind)
                .containsExactly(AlertKind.DECAYED, AlertKind.LEVEL_CHANGE);
        assertThat(outcome.alerts().get(0).toLevel()).isEqualTo(RiskLevel.GUARDED);
        assertThat(outcome.alerts().get(1)).satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.LEVEL_CHANGE);
            assertThat(a.fromLevel()).isEqualTo(RiskLevel.GUARDED);
            assertThat(a.toLevel()).isEqualTo(RiskLevel.ELEVATED);
            assertThat(a.explanation()).startsWith("CAN-USA rose from GUARDED to ELEVATED");
        });
        assertThat(outcome.state().level()).isEqualTo(RiskLevel.ELEVATED);
    }

    @Test
    void shouldNotCallReliefAfterSameDayClusterAJump() {
        final long march4 = millis("2025-03-04");
        final AlertPolicy.State state = new AlertPolicy.State(RiskLevel.SEVERE, List.of(
                new AlertPolicy.Sample(march4, 35.7), new AlertPolicy.Sample(march4, 59.3),
                new AlertPolicy.Sample(march4, 80.1)), march4, 0L);
        final AlertPolicy.Snapshot relief = new AlertPolicy.Snapshot("CAN-USA", millis("2025-03-07"), 58.6, -17.4, 44.0,
                null, List.of(strong("march-4", 20.0)));
        assertThat(policy.evaluate(state, relief).alerts()).extracting(AlertPolicy.Alert::kind)
                .doesNotContain(AlertKind.JUMP);
    }

    @Test
    void shouldFoldABurstOfOneDayIntoOneAlertUpdatedUnderItsId() {
        final long march4 = millis("2025-03-04");
        final List<AlertPolicy.Alert> alerts = run(List.of(
                new AlertPolicy.Snapshot("CAN-USA", march4, 35.7, 21.4, 21.4, null, List.of(strong("a", 20.0))),
                new AlertPolicy.Snapshot("CAN-USA", march4, 59.3, 45.0, 45.0, null, List.of(strong("b", 23.0))),
                new AlertPolicy.Snapshot("CAN-USA", march4, 80.1, 65.8, 65.8, null, List.of(strong("c", 23.0)))));
        assertThat(alerts).extracting(AlertPolicy.Alert::fromLevel, AlertPolicy.Alert::toLevel).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RiskLevel.LOW, RiskLevel.GUARDED),
                org.assertj.core.groups.Tuple.tuple(RiskLevel.LOW, RiskLevel.ELEVATED),
                org.assertj.core.groups.Tuple.tuple(RiskLevel.LOW, RiskLevel.SEVERE));
        assertThat(alerts).extracting(AlertPolicy.Alert::id).containsOnly(alerts.get(0).id());
        assertThat(alerts.get(2).explanation()).startsWith("CAN-USA rose from LOW to SEVERE today (tension 80.1");
        // the next day's rise is a new alert
        final List<AlertPolicy.Alert> next = run(List.of(
                new AlertPolicy.Snapshot("CAN-USA", march4, 35.7, 21.4, 21.4, null, List.of(strong("a", 20.0))),
                new AlertPolicy.Snapshot("CAN-USA", march4 + DAY, 59.3, 23.6, 45.0, null, List.of(strong("b", 23.0)))));
        assertThat(next).extracting(AlertPolicy.Alert::id).doesNotHaveDuplicates();
    }

    @Test
    void shouldTellDecayApartFromTheJumpThatFollowsIt() {
        final AlertPolicy.State severeInMarch = new AlertPolicy.State(RiskLevel.SEVERE, List.of(), 0L, 0L);
        final AlertPolicy.Snapshot april = new AlertPolicy.Snapshot("CAN-USA", millis("2025-04-03"), 78.2, 19.3, 19.3,
                null, List.of(strong("autos", 19.0)));
        final AlertPolicy.Outcome outcome = policy.evaluate(severeInMarch, april);
        assertThat(outcome.alerts()).extracting(AlertPolicy.Alert::kind).containsExactly(AlertKind.DECAYED, AlertKind.JUMP);
        assertThat(outcome.alerts().get(1).toLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(outcome.state().level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void shouldTellLevelLeftUnobservedWhenNothingElseHappened() {
        final AlertPolicy.State high = new AlertPolicy.State(RiskLevel.HIGH, List.of(), 0L, 0L);
        final AlertPolicy.Driver remark = new AlertPolicy.Driver("remark", EventType.HOSTILE_STATEMENT,
                millis("2025-05-20"), "remark remark", 1.0, 3, 1.0);
        final AlertPolicy.Snapshot statement = new AlertPolicy.Snapshot("CAN-USA", millis("2025-05-20"), 31.0, 1.0, -5.0,
                null, List.of(remark, strong("march", 12.0)));
        assertThat(policy.evaluate(high, statement).alerts()).singleElement().satisfies(a -> {
            assertThat(a.fromLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(a.toLevel()).isEqualTo(RiskLevel.GUARDED);
            assertThat(a.kind()).isEqualTo(AlertKind.DECAYED);
            assertThat(a.explanation()).startsWith("CAN-USA eased from HIGH to GUARDED through decay alone")
                    .doesNotContain("remark");
        });
    }
}
