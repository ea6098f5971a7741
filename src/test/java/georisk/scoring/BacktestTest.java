package georisk.scoring;

import georisk.events.AlertKind;
import georisk.events.RiskLevel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static georisk.scoring.Events.millis;
import static org.assertj.core.api.Assertions.assertThat;

class BacktestTest {
    private static final long DAY = 24L * 3600 * 1000;

    private static Backtest.Alert rise(final String id, final String date, final String cause, final RiskLevel to) {
        return new Backtest.Alert(id, "CAN-USA", AlertKind.LEVEL_CHANGE, RiskLevel.LOW, to, millis(date), cause, id);
    }

    @Test
    void shouldCountRecallByDayAndDirectionAndEachAlertIdOnce() {
        final List<Backtest.Label> labels = List.of(
                new Backtest.Label("a", "CAN-USA", Backtest.Direction.UP, true, ""),
                new Backtest.Label("b", "CAN-USA", Backtest.Direction.UP, true, ""),
                new Backtest.Label("c", "CAN-USA", Backtest.Direction.UP, true, ""),
                new Backtest.Label("relief", "CAN-USA", Backtest.Direction.DOWN, false, ""));
        final List<Backtest.Step> steps = List.of(
                new Backtest.Step("CAN-USA", "a", millis("2025-03-04"), 10, 30),
                new Backtest.Step("CAN-USA", "b", millis("2025-03-04"), 30, 50),
                new Backtest.Step("CAN-USA", "c", millis("2025-03-10"), 20, 25),
                new Backtest.Step("CAN-USA", "relief", millis("2025-03-12"), 25, 15),
                new Backtest.Step("CAN-USA", "x", millis("2026-03-12"), 15, 35));
        final List<Backtest.Alert> alerts = List.of(
                rise("burst", "2025-03-04", "a", RiskLevel.GUARDED),
                rise("burst", "2025-03-04", "b", RiskLevel.ELEVATED),      // an update: one alert
                new Backtest.Alert("d", "CAN-USA", AlertKind.DECAYED, RiskLevel.ELEVATED, RiskLevel.GUARDED,
                        millis("2025-03-09") - 1, null, "decay"),
                rise("wrong", "2025-03-12", "relief", RiskLevel.ELEVATED), // a rise named after a relief
                rise("stray", "2026-03-12", "x", RiskLevel.GUARDED));      // no label
        final Backtest.Report r = Backtest.evaluate(labels, steps, alerts);

        assertThat(r.expected()).isEqualTo(3);
        assertThat(r.recalled()).as("a and b on their day; c had no up-alert on its day").isEqualTo(2);
        assertThat(r.lines().get(0).raised()).extracting(Backtest.Alert::to).containsExactly(RiskLevel.ELEVATED);
        assertThat(r.wrongDirection()).extracting(Backtest.Alert::id).containsExactly("wrong");
        assertThat(r.unlabelled()).extracting(Backtest.Alert::id).containsExactly("stray");
        assertThat(r.decayed()).isEqualTo(1);
        assertThat(r.dyadYears()).isEqualTo((millis("2026-03-12") - millis("2025-03-04") + DAY) / (365.25 * DAY));
        assertThat(Backtest.format(r)).contains("recall: 2 of 3 expected alerts (67 %)").contains("MISSED");
    }
}
