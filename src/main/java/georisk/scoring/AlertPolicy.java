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
 * least {@code alerts.cooldown} of event time apart. An event's score raises at most one alert of its own: a
 * level change before a jump before an anomaly, the others counting as told; it names the event first, and a
 * rise is told only when the event raised tension, a fall only when it lowered it.
 *
 * <p>A level left through decay alone is {@link AlertKind#DECAYED}, told at the daily close where it happened
 * ({@link #close}, run by {@link DecayClock}), or just before the event whose score finds it. A burst of
 * crossings in one direction on one UTC day is one alert: further crossings re-send it under the same id.
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
     * @param before   tension just before the score's event, decayed to the score's time (NaN: unknown)
     * @param cause    the event that caused the score, its contribution the tension it added now (after −
     *                 before); null for a score without an event (an exposure change)
     * @param quietSince event time of the dyad's latest event before this one (0: none or unknown)
     */
    public record Snapshot(String dyad, long asOf, double tension, double delta24h, double delta7d, Double zScore,
                           List<Driver> drivers, double before, Driver cause, long quietSince) {
        /**
         * A score whose cause is not known (an exposure change, or a caller that does not say): where tension
         * stood before it is taken from the day's previous score, else the previous day's close.
         */
        public Snapshot(final String dyad, final long asOf, final double tension, final double delta24h,
                        final double delta7d, final Double zScore, final List<Driver> drivers) {
            this(dyad, asOf, tension, delta24h, delta7d, zScore, drivers, Double.NaN, null, 0L);
        }
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
     * @param closedDay     the last UTC day (days since the epoch) whose close was evaluated, -1 if none
     * @param burstAt       event time of the first crossing of the latest level-change alert (0 if none):
     *                      a further crossing the same UTC day in the same direction updates that alert
     * @param burstFrom     the level that burst started from
     * @param burstUp       whether that burst rises
     */
    public record State(RiskLevel level, List<Sample> recent, long lastJumpAt, long lastAnomalyAt, long closedDay,
                        long burstAt, RiskLevel burstFrom, boolean burstUp) {
        /** A dyad no alert was evaluated for yet. */
        public static final State INITIAL = new State(RiskLevel.LOW, List.of(), 0L, 0L);

        public State {
            recent = List.copyOf(recent);
        }

        /** A state with no day closed and no burst open. */
        public State(final RiskLevel level, final List<Sample> recent, final long lastJumpAt, final long lastAnomalyAt) {
            this(level, recent, lastJumpAt, lastAnomalyAt, -1L, 0L, null, false);
        }

        /** This state with the days through {@code day} closed. */
        public State closedThrough(final long day) {
            return new State(level, recent, lastJumpAt, lastAnomalyAt, Math.max(day, closedDay), burstAt, burstFrom,
                    burstUp);
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

    /**
     * Evaluates a new score of a dyad. The score's event (its {@code cause}) is judged on what it did: a rise is
     * told only when the score rose, naming its event first; a fall only when it fell, naming its event first.
     * A level left through decay before the event (since the last close or score) is told apart, as
     * {@link AlertKind#DECAYED}, before the event's own alert.
     */
    public Outcome evaluate(final State state, final Snapshot s) {
        final long today = Math.floorDiv(s.asOf(), DAY) * DAY;
        final List<Sample> inSpan = inSpan(state.recent(), s);
        // Where tension stood just before this score: an earlier score of the same day, else the
        // previous day's close (closes are newer than any older score, and they include decay).
        final Sample lastToday = inSpan.isEmpty() || inSpan.get(inSpan.size() - 1).asOf() < today
                ? null : inSpan.get(inSpan.size() - 1);
        final double previous = lastToday != null ? lastToday.tension() : s.tension() - s.delta24h();
        // Just before the event, decayed to its time: what the event itself moved from.
        // (A caller that does not know it gets the day's previous score or close, and a flat move may go either way.)
        final boolean known = !Double.isNaN(s.before());
        final double before = known ? s.before() : previous;
        final boolean rose = known ? s.tension() > before : s.tension() >= before;
        final boolean fell = known ? s.tension() < before : s.tension() <= before;
        final List<Driver> rising = rose ? first(s.cause(), risingDrivers(s)) : List.of();
        final boolean evidenced = evidenced(rising);

        // Decay first: the closes evaluated so far (DecayClock) left the level where it was at the last close;
        // any bound decay crossed since then, before this event, is decay's, told as its own kind.
        final RiskLevel stored = state.level();
        final RiskLevel eased = lower(stored, levelWithHysteresis(stored, before));
        final Alert decayAlert = eased.compareTo(stored) < 0
                ? decayed(s.dyad(), stored, eased, before, s.asOf(), s.quietSince(), "just before the event of "
                + date(s.asOf())) : null;
        final RiskLevel target = levelWithHysteresis(eased, s.tension());
        Alert levelAlert = null;
        RiskLevel level = eased;
        long burstAt = decayAlert != null ? 0L : state.burstAt();
        RiskLevel burstFrom = state.burstFrom();
        boolean burstUp = state.burstUp();
        if ((target.compareTo(eased) > 0 && rose && evidenced) || (target.compareTo(eased) < 0 && fell)) {
            final boolean up = target.compareTo(eased) > 0;
            // One alert per burst: a further crossing the same UTC day in the same direction updates the
            // day's alert (same id), told from where the burst started.
            final boolean sameBurst = burstAt != 0 && burstUp == up && burstFrom != null
                    && Math.floorDiv(burstAt, DAY) * DAY == today && burstAt <= s.asOf();
            if (!sameBurst) {
                burstAt = s.asOf();
                burstFrom = eased;
                burstUp = up;
            }
            levelAlert = levelChange(s, burstFrom, target, up ? rising : first(s.cause(), fallingDrivers(s)), up,
                    burstAt, sameBurst);
            level = target;
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
        if (rose && s.tension() > previous && s.tension() - low >= p.jumpPoints() && evidenced
                && cooled(lastJumpAt, s.asOf())) {
            jumpAlert = alert(s, AlertKind.JUMP, null, level, rising, String.format(Locale.ROOT,
                    "%s jumped %.1f points to %.1f within %d days%s", s.dyad(), s.tension() - low, s.tension(),
                    p.jumpSpan().toDays(), because(rising)));
            lastJumpAt = s.asOf();
            // the next jump is measured from here: a tension that stays up is not a new jump
            recent = List.of(new Sample(s.asOf(), s.tension()));
        }

        long lastAnomalyAt = state.lastAnomalyAt();
        Alert anomalyAlert = null;
        if (rose && s.zScore() != null && s.zScore() >= p.anomalyZ() && evidenced && cooled(lastAnomalyAt, s.asOf())) {
            anomalyAlert = alert(s, AlertKind.ANOMALY, null, level, rising, String.format(Locale.ROOT,
                    "%s tension %.1f is %.1f standard deviations above its rolling baseline%s", s.dyad(), s.tension(),
                    s.zScore(), because(rising)));
            lastAnomalyAt = s.asOf();
        }
        // The event's alert: the most telling one, a level change, else a jump, else an anomaly; the others
        // count as told (their cooldowns start). A decay crossing before it is told first, as its own kind.
        final List<Alert> alerts = new ArrayList<>(2);
        if (decayAlert != null) {
            alerts.add(decayAlert);
        }
        Stream.of(levelAlert, jumpAlert, anomalyAlert).filter(Objects::nonNull).limit(1).forEach(alerts::add);
        return new Outcome(new State(level, recent, lastJumpAt, lastAnomalyAt, state.closedDay(), burstAt, burstFrom,
                burstUp), List.copyOf(alerts));
    }

    /**
     * Evaluates the close of a UTC day on which the dyad had no event (or the decay after its last event that
     * day): if decay alone took tension across a bound (with hysteresis), that is a {@link AlertKind#DECAYED}
     * alert dated at the day's end, naming decay and the time since the last event.
     *
     * @param day         the day closed, days since the epoch
     * @param tension     tension at the day's end (24:00 UTC)
     * @param lastEventAt event time of the dyad's latest event
     */
    public Outcome close(final State state, final String dyad, final long day, final double tension,
                         final long lastEventAt) {
        final RiskLevel to = levelWithHysteresis(state.level(), tension);
        if (to == state.level()) {
            return new Outcome(state.closedThrough(day), List.of());
        }
        final long time = (day + 1) * DAY - 1;
        final Alert a = decayed(dyad, state.level(), to, tension, time, lastEventAt,
                "at the close of " + date(time));
        return new Outcome(new State(to, state.recent(), state.lastJumpAt(), state.lastAnomalyAt(),
                Math.max(day, state.closedDay()), 0L, null, false), List.of(a));
    }

    /** A level left through decay alone: no event caused it, so none is named. */
    private static Alert decayed(final String dyad, final RiskLevel from, final RiskLevel to, final double tension,
                                 final long time, final long lastEventAt, final String when) {
        final String quiet = lastEventAt > 0 && lastEventAt <= time
                ? String.format(Locale.ROOT, "no event for %s", span(time - lastEventAt)) : "no new event";
        final String explanation = String.format(Locale.ROOT, "%s %s from %s to %s through decay alone: %s, tension %.1f %s",
                dyad, to.compareTo(from) < 0 ? "eased" : "drifted up", from, to, quiet, tension, when);
        final String id = String.format(Locale.ROOT, "%s-decayed-%d-%s-%s", dyad, time, from.name(), to.name());
        return new Alert(id, dyad, AlertKind.DECAYED, from, to, tension, List.of(), explanation, time);
    }

    private static String span(final long millis) {
        final long days = Math.round((double) millis / DAY);   // a close is at 24:00, 1 ms after its alert's time
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        final long hours = millis / 3_600_000L;
        return hours + (hours == 1 ? " hour" : " hours");
    }

    private static String date(final long millis) {
        return java.time.Instant.ofEpochMilli(millis).atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The cause first, then the other drivers (without it). */
    private static List<Driver> first(final Driver cause, final List<Driver> others) {
        if (cause == null) {
            return others;
        }
        final List<Driver> out = new ArrayList<>(others.size() + 1);
        out.add(cause);
        for (final Driver d : others) {
            if (!d.eventId().equals(cause.eventId())) {
                out.add(d);
            }
        }
        return out;
    }

    private static RiskLevel lower(final RiskLevel a, final RiskLevel b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * A level changed by the score's event. Its id is the burst's (the dyad, the first crossing's time and the
     * direction), so an update of the day's alert replaces it for a consumer that keeps one alert per id.
     */
    private static Alert levelChange(final Snapshot s, final RiskLevel from, final RiskLevel to, final List<Driver> why,
                                     final boolean up, final long burstAt, final boolean update) {
        final String explanation = String.format(Locale.ROOT, "%s %s from %s to %s%s (tension %.1f, %+.1f since the previous day's close)%s",
                s.dyad(), up ? "rose" : "fell", from, to, update ? " today" : "", s.tension(), s.delta24h(),
                because(why));
        final String id = String.format(Locale.ROOT, "%s-level_change-%d-%s", s.dyad(), burstAt, up ? "up" : "down");
        return new Alert(id, s.dyad(), AlertKind.LEVEL_CHANGE, from, to, s.tension(),
                List.copyOf(why.subList(0, Math.min(5, why.size()))), explanation, s.asOf());
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

    private static String because(final List<Driver> drivers) {
        return drivers.isEmpty() ? "" : ", driven by " + names(drivers);
    }

    /** Up to two drivers (the cause first, when known): type, headline and contribution, so the line stays readable. */
    private static String names(final List<Driver> drivers) {
        final StringBuilder b = new StringBuilder();
        final int n = Math.min(2, drivers.size());
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
