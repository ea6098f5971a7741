package georisk.scoring;

import georisk.events.AlertKind;
import georisk.events.RiskLevel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds the alerts of a replayed timeline against its labels (pure): per label, what the event did and the alert
 * it raised; then the recall of expected alerts, the alerts in the wrong direction and the alerts that match no
 * label, per dyad-year. An alert is tied to the event that raised it by its first driver (an event-raised alert
 * names its cause first); the versions of one alert (a burst of one day updates it under the same id) count once.
 */
public final class Backtest {
    private static final long DAY = 24L * 3600 * 1000;
    private static final double YEAR = 365.25 * DAY;

    private Backtest() {
    }

    /** Which way a labelled event should move its dyad. */
    public enum Direction { UP, DOWN }

    /**
     * What an analyst expects of one event.
     *
     * @param eventId   the event
     * @param dyad      its dyad
     * @param direction which way it should move tension
     * @param alert     whether it should raise an alert (an up-alert on its day for UP)
     * @param note      why, for people
     */
    public record Label(String eventId, String dyad, Direction direction, boolean alert, String note) {
    }

    /**
     * One event as the topology scored it.
     *
     * @param dyad     the dyad
     * @param eventId  the event
     * @param time     its event time
     * @param before   tension just before it, at its time
     * @param after    tension of its score
     */
    public record Step(String dyad, String eventId, long time, double before, double after) {
    }

    /**
     * One alert record as published (a burst's updates share the id).
     *
     * @param causeId the event it names first (null for a decay alert)
     */
    public record Alert(String id, String dyad, AlertKind kind, RiskLevel from, RiskLevel to, long time,
                        String causeId, String explanation) {
        /** UP for a rise, a jump or an anomaly, DOWN for a fall. */
        public Direction direction() {
            if (from == null || kind == AlertKind.JUMP || kind == AlertKind.ANOMALY) {
                return Direction.UP;
            }
            return to.compareTo(from) > 0 ? Direction.UP : Direction.DOWN;
        }
    }

    /**
     * One label's line.
     *
     * @param raised the alerts (last version of each id) that name this event first
     */
    public record Line(Label label, Step step, List<Alert> raised, boolean recalled) {
    }

    /**
     * The figures.
     *
     * @param expected       labels that expect an alert
     * @param recalled       of those, the ones with an alert in their direction on their day
     * @param wrongDirection alerts raised by a labelled event against its label's direction
     * @param unlabelled     event-raised alerts whose cause has no label
     * @param decayed        decay alerts (no event raised them; they follow the rises)
     * @param dyadYears      the replay's span per dyad, summed, in years
     */
    public record Report(List<Line> lines, int expected, int recalled, List<Alert> wrongDirection,
                         List<Alert> unlabelled, int decayed, double dyadYears) {
        public double recall() {
            return expected == 0 ? 1.0 : (double) recalled / expected;
        }

        public double unlabelledPerDyadYear() {
            return dyadYears == 0 ? 0.0 : unlabelled.size() / dyadYears;
        }
    }

    /** Holds the alerts against the labels. */
    public static Report evaluate(final List<Label> labels, final List<Step> steps, final List<Alert> alerts) {
        final Map<String, Step> stepOf = new HashMap<>();
        final Map<String, long[]> spans = new LinkedHashMap<>();
        for (final Step s : steps) {
            stepOf.put(s.dyad() + "/" + s.eventId(), s);
            spans.merge(s.dyad(), new long[] {s.time(), s.time()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        // every version of an alert id: the last tells where the burst ended, any names a cause
        final Map<String, Alert> last = new LinkedHashMap<>();
        final Map<String, Set<String>> causes = new HashMap<>();
        for (final Alert a : alerts) {
            last.put(a.id(), a);
            if (a.causeId() != null) {
                causes.computeIfAbsent(a.id(), k -> new TreeSet<>()).add(a.dyad() + "/" + a.causeId());
            }
        }
        final Map<String, Label> labelOf = new HashMap<>();
        labels.forEach(l -> labelOf.put(l.dyad() + "/" + l.eventId(), l));

        final List<Line> lines = new ArrayList<>();
        int expected = 0;
        int recalled = 0;
        for (final Label l : labels) {
            final Step step = stepOf.get(l.dyad() + "/" + l.eventId());
            final List<Alert> raised = last.values().stream()
                    .filter(a -> causes.getOrDefault(a.id(), Set.of()).contains(l.dyad() + "/" + l.eventId())).toList();
            boolean hit = false;
            if (l.alert()) {
                expected++;
                final long day = step == null ? Long.MIN_VALUE : Math.floorDiv(step.time(), DAY);
                hit = step != null && alerts.stream().anyMatch(a -> a.dyad().equals(l.dyad())
                        && a.kind() != AlertKind.DECAYED && a.direction() == l.direction()
                        && Math.floorDiv(a.time(), DAY) == day);
                recalled += hit ? 1 : 0;
            }
            lines.add(new Line(l, step, raised, hit));
        }
        final List<Alert> wrong = new ArrayList<>();
        final List<Alert> unlabelled = new ArrayList<>();
        int decayed = 0;
        for (final Alert a : last.values()) {
            if (a.kind() == AlertKind.DECAYED) {
                decayed++;
                continue;
            }
            final List<Label> ls = causes.getOrDefault(a.id(), Set.of()).stream().map(labelOf::get)
                    .filter(java.util.Objects::nonNull).toList();
            if (ls.isEmpty()) {
                unlabelled.add(a);
            } else if (ls.stream().anyMatch(l -> l.direction() != a.direction())) {
                wrong.add(a);
            }
        }
        final double years = spans.values().stream().mapToDouble(s -> Math.max(1.0, (s[1] - s[0] + DAY) / YEAR)).sum();
        return new Report(lines, expected, recalled, wrong, unlabelled, decayed, years);
    }

    /** The report as text: a line per label, then the figures. */
    public static String format(final Report r) {
        final StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-10s %-8s %-44s %-9s %6s %6s %7s  %s%n", "date", "dyad", "event",
                "expected", "before", "after", "contrib", "alert raised"));
        for (final Line line : r.lines()) {
            final Label l = line.label();
            final Step s = line.step();
            final String expected = l.direction().name().toLowerCase(Locale.ROOT) + (l.alert() ? "+alert" : "");
            final String raised = line.raised().isEmpty() ? "-" : String.join("; ", line.raised().stream()
                    .map(a -> a.kind() + (a.from() == null ? " " + a.to() : " " + a.from() + "->" + a.to())).toList());
            if (s == null) {
                b.append(String.format(Locale.ROOT, "%-10s %-8s %-44s %-9s (not scored)%n", "?", l.dyad(),
                        cut(l.eventId()), expected));
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-10s %-8s %-44s %-9s %6.1f %6.1f %+7.1f  %s%s%n", date(s.time()),
                    l.dyad(), cut(l.eventId()), expected, s.before(), s.after(), s.after() - s.before(), raised,
                    l.alert() && !line.recalled() ? "  MISSED" : ""));
        }
        b.append(String.format(Locale.ROOT, "%nrecall: %d of %d expected alerts (%.0f %%)%n", r.recalled(), r.expected(),
                100.0 * r.recall()));
        b.append(String.format(Locale.ROOT, "wrong-direction alerts: %d%n", r.wrongDirection().size()));
        r.wrongDirection().forEach(a -> b.append("  ").append(date(a.time())).append(' ').append(a.explanation()).append('\n'));
        b.append(String.format(Locale.ROOT, "unlabelled alerts: %d over %.1f dyad-years (%.2f per dyad-year)%n",
                r.unlabelled().size(), r.dyadYears(), r.unlabelledPerDyadYear()));
        r.unlabelled().forEach(a -> b.append("  ").append(date(a.time())).append(' ').append(a.explanation()).append('\n'));
        b.append(String.format(Locale.ROOT, "decay alerts (no event raised them): %d (%.2f per dyad-year)%n", r.decayed(),
                r.dyadYears() == 0 ? 0.0 : r.decayed() / r.dyadYears()));
        return b.toString();
    }

    private static String cut(final String s) {
        return s.length() <= 44 ? s : s.substring(0, 43) + "…";
    }

    private static String date(final long millis) {
        return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
