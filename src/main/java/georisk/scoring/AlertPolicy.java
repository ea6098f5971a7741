package georisk.scoring;

import georisk.events.AlertKind;
import georisk.events.EventType;
import georisk.events.RiskLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * When a dyad's score deserves a person's attention. Pure: given what it remembers of a dyad and a
 * new score, it says which alerts fire and what to remember next.
 *
 * <ul>
 *   <li><b>Level change</b>, with hysteresis: a level is entered when tension reaches its bound and
 *       left only when tension falls {@code levels.hysteresis} points below it, so a score that
 *       wobbles around a boundary raises one alert, not ten.</li>
 *   <li><b>Jump</b>: tension rose {@code alerts.jump-points} or more above its lowest value within
 *       {@code alerts.jump-span} of event time; after a jump, the next one is measured from it.</li>
 *   <li><b>Anomaly</b>: the z-score against the rolling baseline is {@code alerts.anomaly-z} or more.</li>
 * </ul>
 *
 * A rising alert needs evidence: among the events that push tension up (by at least
 * {@code alerts.min-driver-points} now), one reported by at least
 * {@code alerts.min-sources} sources with confidence {@code alerts.min-confidence} or more, or two
 * events with that confidence. A single low-attention or low-confidence event cannot raise an alert
 * (and the confirmed level does not move up until one can). Jump and anomaly alerts of a dyad are at
 * least {@code alerts.cooldown} of event time apart. A score raises at most one alert: a level change
 * before a jump before an anomaly, the others counting as told.
 */
public final class AlertPolicy {
    /**
     * Jump detection keeps at most this many samples per dyad: the newest and the lowest (a jump is measured
     * from the low). It bounds the dyad's state, which is read and written with every event.
     */
    static final int MAX_SAMPLES = 16;
    private static final long DAY = 24L * 3600 * 1000;

    private final ModelParameters.Levels levels;
    private final ModelParameters.Alerts p;

    public AlertPolicy(final ModelParameters parameters) {
        this.levels = parameters.levels();
        this.p = parameters.alerts();
    }

    /**
     * An event behind a score, as the policy sees it.
     *
     * @param eventId      event id
     * @param type         domain type
     * @param occurredAt   event time, epoch milliseconds
     * @param headline     one line for people
     * @param contribution tension points it contributes (positive raises tension)
     * @param sources      distinct sources that reported it
     * @param confidence   confidence, 0 … 1
     */
    public record Driver(String eventId, EventType type, long occurredAt, String headline, double contribution,
                         int sources, double confidence) {
    }

    /**
     * A new score of a dyad.
     *
     * @param dyad     the dyad key
     * @param asOf     event time of the score
     * @param tension  0 … 100
     * @param delta24h change since the previous day's close
     * @param delta7d  change since the close a week earlier
     * @param zScore   z-score against the baseline, or null
     * @param drivers  its driver events, largest contribution first
     */
    public record Snapshot(String dyad, long asOf, double tension, double delta24h, double delta7d, Double zScore,
                           List<Driver> drivers) {
    }

    /**
     * A tension at an event time.
     *
     * @param asOf    event time
     * @param tension tension
     */
    public record Sample(long asOf, double tension) {
    }

    /**
     * What the policy remembers of a dyad.
     *
     * @param level         the confirmed level (last alerted), LOW at first
     * @param recent        tension samples within the jump span
     * @param lastJumpAt    event time of the last jump alert (0 if none)
     * @param lastAnomalyAt event time of the last anomaly alert (0 if none)
     */
    public record State(RiskLevel level, List<Sample> recent, long lastJumpAt, long lastAnomalyAt) {
        /** A dyad no alert was evaluated for yet. */
        public static final State INITIAL = new State(RiskLevel.LOW, List.of(), 0L, 0L);

        public State {
            recent = List.copyOf(recent);
        }
    }

    /**
     * An alert to publish.
     *
     * @param id          stable id: the same score gives the same id
     * @param dyad        the dyad
     * @param kind        why it fired
     * @param fromLevel   previous level, for level changes; null otherwise
     * @param toLevel     level at the time of the alert
     * @param score       tension
     * @param drivers     events that drove it, largest first
     * @param explanation one line for people
     * @param time        event time of the alert
     */
    public record Alert(String id, String dyad, AlertKind kind, RiskLevel fromLevel, RiskLevel toLevel, double score,
                        List<Driver> drivers, String explanation, long time) {
    }

    /**
     * The policy's answer.
     *
     * @param state  what to remember next
     * @param alerts alerts that fire, possibly none
     */
    public record Outcome(State state, List<Alert> alerts) {
    }

    /** Evaluates a new score of a dyad. */
    public Outcome evaluate(final State state, final Snapshot s) {
        final List<Driver> rising = risingDrivers(s);
        final boolean evidenced = evidenced(rising);
        final long today = Math.floorDiv(s.asOf(), DAY) * DAY;
        final List<Sample> inSpan = inSpan(state.recent(), s);
        // Where tension stood just before this score: an earlier score of the same day, else the
        // previous day's close (closes are newer than any older score, and they include decay).
        final Sample lastToday = inSpan.isEmpty() || inSpan.get(inSpan.size() - 1).asOf() < today
                ? null : inSpan.get(inSpan.size() - 1);
        final double previous = lastToday != null ? lastToday.tension() : s.tension() - s.delta24h();

        // Level. Nothing re-evaluates the level while pressure decays without scores, so the confirmed
        // level is first caught down to where tension stood before this score; a rise is told from there.
        final RiskLevel stored = state.level();
        final RiskLevel before = lower(stored, levelWithHysteresis(stored, previous));
        final RiskLevel target = levelWithHysteresis(before, s.tension());
        Alert levelAlert = null;
        Alert decayAlert = null;
        RiskLevel level = before;
        if (target.compareTo(before) > 0 && evidenced) {
            levelAlert = levelChange(s, before, target, rising, true);
            level = target;
        } else if (target.compareTo(before) < 0) {
            levelAlert = levelChange(s, stored, target, fallingDrivers(s), false);   // falling now
            level = target;
        } else if (before.compareTo(stored) < 0) {
            decayAlert = decayFall(s, stored, before, today);                            // fell unobserved
        }

        // Jump: a rising score, jumpPoints above the low of the span. The low counts the scores in the
        // span and the closes of the previous day and of a week back that came after the last jump.
        double low = s.tension();
        for (final Sample x : inSpan) {
            low = Math.min(low, x.tension());
        }
        if (today > state.lastJumpAt()) {
            low = Math.min(low, s.tension() - s.delta24h());
        }
        if (today - 6 * DAY > state.lastJumpAt()) {
            low = Math.min(low, s.tension() - s.delta7d());
        }
        List<Sample> recent = samples(state.recent(), s);
        long lastJumpAt = state.lastJumpAt();
        Alert jumpAlert = null;
        if (s.tension() > previous && s.tension() - low >= p.jumpPoints() && evidenced && cooled(lastJumpAt, s.asOf())) {
            jumpAlert = alert(s, AlertKind.JUMP, null, level, rising, String.format(Locale.ROOT,
                    "%s jumped %.1f points to %.1f within %d days%s", s.dyad(), s.tension() - low, s.tension(),
                    p.jumpSpan().toDays(), because(rising, true)));
            lastJumpAt = s.asOf();
            // the next jump is measured from here: a tension that stays up is not a new jump
            recent = List.of(new Sample(s.asOf(), s.tension()));
        }

        long lastAnomalyAt = state.lastAnomalyAt();
        Alert anomalyAlert = null;
        if (s.zScore() != null && s.zScore() >= p.anomalyZ() && evidenced && cooled(lastAnomalyAt, s.asOf())) {
            anomalyAlert = alert(s, AlertKind.ANOMALY, null, level, rising, String.format(Locale.ROOT,
                    "%s tension %.1f is %.1f standard deviations above its rolling baseline%s", s.dyad(), s.tension(),
                    s.zScore(), because(rising, true)));
            lastAnomalyAt = s.asOf();
        }
        // One score, one alert, the most telling: a level change now, else a jump, else a level left
        // unobserved (told late), else an anomaly. The others count as told (their cooldowns start).
        final List<Alert> alerts = Stream.of(levelAlert, jumpAlert, decayAlert, anomalyAlert)
                .filter(Objects::nonNull).limit(1).toList();
        return new Outcome(new State(level, recent, lastJumpAt, lastAnomalyAt), alerts);
    }

    /**
     * A level left while no score was computed, told with this score: the fall is the decay's, and
     * what happened today is named too, so a rising day does not read as a bare "fell".
     */
    private Alert decayFall(final Snapshot s, final RiskLevel from, final RiskLevel to, final long today) {
        final List<Driver> todays = s.drivers().stream()
                .filter(d -> d.occurredAt() >= today && Math.abs(d.contribution()) >= p.minDriverPoints())
                .sorted(Comparator.comparingDouble((Driver d) -> Math.abs(d.contribution())).reversed()).toList();
        final String today0 = todays.isEmpty() ? "" : "; today " + names(todays);
        return alert(s, AlertKind.LEVEL_CHANGE, from, to, todays, String.format(Locale.ROOT,
                "%s fell from %s to %s as earlier pressure decayed (tension %.1f, %+.1f since the previous day's close%s)",
                s.dyad(), from, to, s.tension(), s.delta24h(), today0));
    }

    private static RiskLevel lower(final RiskLevel a, final RiskLevel b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Alert levelChange(final Snapshot s, final RiskLevel from, final RiskLevel to, final List<Driver> why,
                                     final boolean up) {
        return alert(s, AlertKind.LEVEL_CHANGE, from, to, why, String.format(Locale.ROOT,
                "%s %s from %s to %s (tension %.1f, %+.1f since the previous day's close)%s",
                s.dyad(), up ? "rose" : "fell", from, to, s.tension(), s.delta24h(), because(why, up)));
    }

    /** The level a tension leads to from {@code current}: up at a bound, down only below bound − hysteresis. */
    public RiskLevel levelWithHysteresis(final RiskLevel current, final double tension) {
        final List<Double> bounds = levels.bounds();
        int i = current.ordinal();
        while (i < bounds.size() && tension >= bounds.get(i)) {
            i++;
        }
        while (i > 0 && tension < bounds.get(i - 1) - levels.hysteresis()) {
            i--;
        }
        return RiskLevel.values()[i];
    }

    private boolean evidenced(final List<Driver> rising) {
        final long confident = rising.stream().filter(d -> d.confidence() >= p.minConfidence()).count();
        final boolean corroborated = rising.stream()
                .anyMatch(d -> d.confidence() >= p.minConfidence() && d.sources() >= p.minSources());
        return corroborated || confident >= 2;
    }

    private boolean cooled(final long last, final long now) {
        return last == 0 || now - last >= p.cooldown().toMillis();
    }

    /** The samples within the jump span of the newest one, with the new score's; at most MAX_SAMPLES. */
    private List<Sample> samples(final List<Sample> recent, final Snapshot s) {
        long newest = s.asOf();
        for (final Sample x : recent) {
            newest = Math.max(newest, x.asOf());
        }
        final long from = newest - p.jumpSpan().toMillis();
        final List<Sample> next = new ArrayList<>(recent.size() + 1);
        for (final Sample x : recent) {
            if (x.asOf() >= from) {
                next.add(x);
            }
        }
        if (s.asOf() >= from) {
            next.add(new Sample(s.asOf(), s.tension()));
        }
        next.sort(Comparator.comparingLong(Sample::asOf));
        while (next.size() > MAX_SAMPLES) {
            // keep the newest (where tension stands now) and the lowest of the others: a jump is measured from the low
            int highest = 0;
            for (int i = 1; i < next.size() - 1; i++) {
                if (next.get(i).tension() > next.get(highest).tension()) {
                    highest = i;
                }
            }
            next.remove(highest);
        }
        return next;
    }

    /**
     * The samples within the jump span up to the score, oldest first; among samples of one instant the
     * last added comes last (the sort is stable), so the last element is the score just before this one.
     */
    private List<Sample> inSpan(final List<Sample> recent, final Snapshot s) {
        final long from = s.asOf() - p.jumpSpan().toMillis();
        final List<Sample> in = new ArrayList<>(recent.size());
        for (final Sample x : recent) {
            if (x.asOf() >= from && x.asOf() <= s.asOf()) {
                in.add(x);
            }
        }
        return in;
    }

    private List<Driver> risingDrivers(final Snapshot s) {
        return s.drivers().stream().filter(d -> d.contribution() >= p.minDriverPoints())
                .sorted(Comparator.comparingDouble(Driver::contribution).reversed()).toList();
    }

    private List<Driver> fallingDrivers(final Snapshot s) {
        return s.drivers().stream().filter(d -> d.contribution() <= -p.minDriverPoints())
                .sorted(Comparator.comparingDouble(Driver::contribution)).toList();
    }

    private static String because(final List<Driver> drivers, final boolean up) {
        if (drivers.isEmpty()) {
            return up ? "" : ", as earlier pressure decayed";
        }
        return ", driven by " + names(drivers);
    }

    /** Up to three drivers: type, headline and contribution. */
    private static String names(final List<Driver> drivers) {
        final StringBuilder b = new StringBuilder();
        final int n = Math.min(3, drivers.size());
        for (int i = 0; i < n; i++) {
            final Driver d = drivers.get(i);
            if (i > 0) {
                b.append("; ");
            }
            b.append(String.format(Locale.ROOT, "%s \"%s\" (%+.1f)", d.type(), d.headline(), d.contribution()));
        }
        return b.toString();
    }

    private static Alert alert(final Snapshot s, final AlertKind kind, final RiskLevel from, final RiskLevel to,
                               final List<Driver> drivers, final String explanation) {
        // the same score always gives the same id; two scores of one instant differ in tension
        final String id = String.format(Locale.ROOT, "%s-%s-%d-%s-%s-%.6f", s.dyad(), kind.name().toLowerCase(Locale.ROOT),
                s.asOf(), from == null ? "" : from.name(), to.name(), s.tension());
        return new Alert(id, s.dyad(), kind, from, to, s.tension(), List.copyOf(drivers.subList(0,
                Math.min(5, drivers.size()))), explanation, s.asOf());
    }
}
