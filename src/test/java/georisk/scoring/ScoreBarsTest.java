package georisk.scoring;

import georisk.events.RiskLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import static georisk.scoring.ScoreBars.DAY_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

class ScoreBarsTest {
    private static final long MARCH_1 = 20_148L * DAY_MILLIS;   // 2025-03-01

    private static Score score(final long asOf, final double tension) {
        return new Score(asOf, tension, 0.5, tension * 0.5, tension >= 40 ? RiskLevel.ELEVATED : RiskLevel.GUARDED,
                Map.of(), List.of(), 0.0, 0.0, null, 1L, 0L, 0.5);
    }

    @Test
    void shouldRollUpDailyBarsIntoTheBarsHoppingWindowsWouldHold() {
        final Random random = new Random(3);
        final List<Score> scores = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // 60 days, with gaps of several days, some scores at the same instant
            final long day = random.nextInt(12) < 3 ? 0 : random.nextInt(60);
            scores.add(score(MARCH_1 + day * DAY_MILLIS + random.nextInt(4) * 3_600_000L, 10 + random.nextInt(80)));
        }
        scores.removeIf(s -> Math.floorDiv(s.asOf() - MARCH_1, DAY_MILLIS) % 9 == 4);   // days without scores
        for (final int days : new int[] {1, 7, 30}) {
            // what a hopping window of `days` advancing by a day held: every score of [start, start + days)
            final NavigableMap<Long, Bar> expected = new TreeMap<>();
            for (long start = MARCH_1 - 40 * DAY_MILLIS; start <= MARCH_1 + 70 * DAY_MILLIS; start += DAY_MILLIS) {
                Bar bar = null;
                for (final Score s : scores) {
                    if (s.asOf() >= start && s.asOf() < start + days * DAY_MILLIS) {
                        bar = bar == null ? Bar.of(s) : bar.plus(s);
                    }
                }
                if (bar != null) {
                    expected.put(start, bar);
                }
            }
            final NavigableMap<Long, Bar> daily = new TreeMap<>();
            for (final Score s : scores) {
                daily.merge(ScoreBars.dayStart(s.asOf()), Bar.of(s), Bar::merge);
            }
            final NavigableMap<Long, Bar> rolled = new TreeMap<>();
            ScoreBars.rollUp(daily, days, MARCH_1 - 40 * DAY_MILLIS, MARCH_1 + 70 * DAY_MILLIS)
                    .forEach(w -> rolled.put(w.start(), w.bar()));
            assertThat(rolled).as("%d-day windows", days).isEqualTo(expected);
        }
    }

    @Test
    void shouldGiveTheSameBarWhateverOrderScoresArriveIn() {
        final List<Score> scores = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            scores.add(score(MARCH_1 + i * 3_600_000L, 10 + (i * 37) % 80));
        }
        Bar inOrder = null;
        for (final Score s : scores) {
            inOrder = inOrder == null ? Bar.of(s) : inOrder.plus(s);
        }
        Collections.shuffle(scores, new Random(5));
        Bar shuffled = null;
        for (final Score s : scores) {
            shuffled = shuffled == null ? Bar.of(s) : shuffled.plus(s);
        }
        assertThat(shuffled).isEqualTo(inOrder);
        assertThat(inOrder.updates()).isEqualTo(20);
        assertThat(inOrder.openTension()).isEqualTo(10.0);
        assertThat(inOrder.closeTension()).isEqualTo(10 + (19 * 37) % 80);
    }

    @Test
    void shouldStartWindowsOnWholeDaysAndSkipSpansWithoutScores() {
        final NavigableMap<Long, Bar> daily = new TreeMap<>();
        daily.put(MARCH_1, Bar.of(score(MARCH_1 + 5, 30)));
        daily.put(MARCH_1 + 100 * DAY_MILLIS, Bar.of(score(MARCH_1 + 100 * DAY_MILLIS, 50)));
        final List<ScoreBars.Window> windows = ScoreBars.rollUp(daily, 7, MARCH_1 - 6 * DAY_MILLIS + 1,
                MARCH_1 + 200 * DAY_MILLIS);
        assertThat(windows).extracting(ScoreBars.Window::start).first().isEqualTo(MARCH_1 - 5 * DAY_MILLIS);
        // 7 windows hold each day; the first of them for March 1 starts before fromStart, so 6 + 7
        assertThat(windows).hasSize(13);
        assertThat(windows).extracting(w -> w.start() % DAY_MILLIS).containsOnly(0L);
    }

    @Test
    void shouldReadTheDailyBarsOfEveryOverlappingWindowUpToTheEndOfTime() {
        assertThat(ScoreBars.dailyRange(MARCH_1, MARCH_1 + DAY_MILLIS - 1, 7))
                .containsExactly(MARCH_1 - 7 * DAY_MILLIS + 1, MARCH_1 + 7 * DAY_MILLIS - 1);
        assertThat(ScoreBars.dailyRange(0, Long.MAX_VALUE, 30)).containsExactly(0L, Long.MAX_VALUE);
        final NavigableMap<Long, Bar> daily = new TreeMap<>();
        daily.put(MARCH_1, Bar.of(score(MARCH_1, 30)));
        assertThat(ScoreBars.rollUp(daily, 30, 0, Long.MAX_VALUE)).hasSize(30);
        assertThat(ScoreBars.rollUp(daily, 1, 0, Long.MAX_VALUE)).extracting(ScoreBars.Window::start)
                .containsExactly(MARCH_1);
    }
}
