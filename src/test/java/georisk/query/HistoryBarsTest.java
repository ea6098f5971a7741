package georisk.query;

import georisk.events.RiskLevel;
import georisk.scoring.Bar;
import georisk.scoring.DailyCloses;
import georisk.scoring.ModelParameters;
import georisk.scoring.ScoreBars;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The history the API answers: every day, the quiet ones decayed, and longer windows rolled up from them. */
class HistoryBarsTest {
    private static final long DAY = ScoreBars.DAY_MILLIS;
    private static final long D0 = Instant.parse("2025-03-04T00:00:00Z").toEpochMilli();

    private final DailyCloses closes = new DailyCloses(ModelParameters.defaults());

    private NavigableMap<Long, Bar> twoBars() {
        final NavigableMap<Long, Bar> daily = new TreeMap<>();
        daily.put(D0, bar(D0, 70, 2));
        daily.put(D0 + 10 * DAY, bar(D0 + 10 * DAY + 3600_000L, 45, 1));
        return daily;
    }

    @Test
    void shouldAnswerADailyCloseForEveryDayMarkingTheDecayedOnes() {
        final long now = D0 + 14 * DAY + 5;   // 14 days have ended since D0's start
        final List<ScoreBar> bars = KafkaRiskQueries.bars(closes, twoBars(), null, HistoryWindow.ONE_DAY, 0, 0,
                Long.MAX_VALUE, now);

        assertThat(bars).hasSize(14);
        assertThat(bars).extracting(b -> b.start().toEpochMilli())
                .isEqualTo(java.util.stream.LongStream.range(0, 14).mapToObj(i -> D0 + i * DAY).toList());
        assertThat(bars).filteredOn(ScoreBar::decayed).hasSize(12).allMatch(b -> b.updates() == 0);
        assertThat(bars.get(0).decayed()).isFalse();
        assertThat(bars.get(10).decayed()).isFalse();
        // between the events tension decays from 70 toward the baseline 10, day after day
        for (int i = 1; i < 10; i++) {
            assertThat(bars.get(i).closeTension()).isLessThan(bars.get(i - 1).closeTension()).isGreaterThan(10);
            assertThat(bars.get(i).closeTension())
                    .isCloseTo(closes.decayed(70, D0 + (i + 1) * DAY - 1 - D0), within(1e-12));
        }
        assertThat(bars.get(13).lastAsOf()).isEqualTo(Instant.ofEpochMilli(D0 + 14 * DAY - 1));
    }

    @Test
    void shouldRollLongerWindowsUpFromTheFilledDailyCloses() {
        final long now = D0 + 14 * DAY + 5;
        final List<ScoreBar> daily = KafkaRiskQueries.bars(closes, twoBars(), null, HistoryWindow.ONE_DAY, 0, 0,
                Long.MAX_VALUE, now);
        final List<ScoreBar> weekly = KafkaRiskQueries.bars(closes, twoBars(), null, HistoryWindow.SEVEN_DAYS, 0, 0,
                Long.MAX_VALUE, now);

        // the week starting on day 1 (days 1–7) holds no event: decayed, closing with day 7's close
        final ScoreBar quietWeek = weekly.stream().filter(w -> w.start().toEpochMilli() == D0 + DAY).findFirst().orElseThrow();
        assertThat(quietWeek.decayed()).isTrue();
        assertThat(quietWeek.closeTension()).isEqualTo(daily.get(7).closeTension());
        assertThat(quietWeek.openTension()).isEqualTo(daily.get(1).openTension());
        // the week starting on day 4 (days 4–10) closes with the event of day 10
        final ScoreBar eventWeek = weekly.stream().filter(w -> w.start().toEpochMilli() == D0 + 4 * DAY).findFirst().orElseThrow();
        assertThat(eventWeek.decayed()).isFalse();
        assertThat(eventWeek.updates()).isEqualTo(1);
        assertThat(eventWeek.closeTension()).isEqualTo(45);
        assertThat(eventWeek.highTension()).isEqualTo(daily.get(4).openTension());
    }

    @Test
    void shouldFillTheDaysOfARangeThatStartsBetweenEventsFromTheBarBeforeIt() {
        final NavigableMap<Long, Bar> inRange = new TreeMap<>(twoBars().tailMap(D0 + 5 * DAY, true));
        final long from = D0 + 5 * DAY;
        final List<ScoreBar> bars = KafkaRiskQueries.bars(closes, inRange, bar(D0, 70, 2), HistoryWindow.ONE_DAY,
                from, from, D0 + 11 * DAY, Long.MAX_VALUE);

        assertThat(bars).extracting(b -> b.start().toEpochMilli())
                .containsExactly(D0 + 5 * DAY, D0 + 6 * DAY, D0 + 7 * DAY, D0 + 8 * DAY, D0 + 9 * DAY, D0 + 10 * DAY,
                        D0 + 11 * DAY);
        assertThat(bars.get(0).closeTension()).isCloseTo(closes.decayed(70, 6 * DAY - 1), within(1e-12));
        assertThat(bars.get(5).decayed()).isFalse();
    }

    private static Bar bar(final long at, final double tension, final long updates) {
        return new Bar(at, at, tension, tension, tension, tension, tension * 0.5, tension * 0.5, RiskLevel.HIGH, updates);
    }
}
