package georisk.cli;

import georisk.events.RiskAlert;
import georisk.events.RiskScore;
import georisk.events.ScoreDriver;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** Prints scores for people: a row per score update as they arrive, and a summary per dyad. */
final class ScoreTable {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int HEADLINE_WIDTH = 58;

    private final PrintWriter out;

    ScoreTable(final PrintWriter out) {
        this.out = out;
    }

    void header() {
        out.printf(Locale.ROOT, "%-10s  %-7s  %7s  %5s  %-8s  %6s  %s%n",
                "EVENT DAY", "DYAD", "TENSION", "RISK", "LEVEL", "EVENTS", "TOP DRIVER (contribution, type, headline)");
        out.flush();
    }

    void row(final RiskScore s) {
        out.printf(Locale.ROOT, "%-10s  %-7s  %7.1f  %5.1f  %-8s  %6d  %s%n",
                DATE.format(s.getAsOf()), s.getDyad(), s.getTension(), s.getExposureWeightedRisk(), s.getLevel(),
                s.getEventCount(), s.getDrivers().isEmpty() ? "-" : driver(s.getDrivers().get(0)));
        out.flush();
    }

    /** One line per alert, under the score that fired it. */
    void alert(final RiskAlert a) {
        out.printf(Locale.ROOT, "%-10s  ALERT %-12s %s%n", DATE.format(a.getTime()), a.getKind(), a.getExplanation());
        out.flush();
    }

    void summary(final Collection<RiskScore> latest) {
        out.println();
        out.println("Current scores");
        out.printf(Locale.ROOT, "%-7s  %-10s  %7s  %8s  %5s  %-8s  %6s  %8s%n",
                "DYAD", "AS OF", "TENSION", "EXPOSURE", "RISK", "LEVEL", "EVENTS", "COVERAGE");
        latest.stream().sorted(Comparator.comparing(RiskScore::getExposureWeightedRisk).reversed()).forEach(s ->
                out.printf(Locale.ROOT, "%-7s  %-10s  %7.1f  %8.3f  %5.1f  %-8s  %6d  %8.2f%n",
                        s.getDyad(), DATE.format(s.getAsOf()), s.getTension(), s.getExposure(),
                        s.getExposureWeightedRisk(), s.getLevel(), s.getEventCount(), s.getCoverage()));
        for (final RiskScore s : latest) {
            out.printf("%nDrivers of %s (tension points at %s):%n", s.getDyad(), DATE.format(s.getAsOf()));
            s.getComponents().forEach(c -> out.printf(Locale.ROOT, "  %-12s %+7.1f%n", c.getName(), c.getValue()));
            // drivers whose contribution has decayed below a tenth of a point say nothing at this precision
            s.getDrivers().stream().filter(d -> Math.abs(d.getContribution()) >= 0.05).forEach(d ->
                    out.printf(Locale.ROOT, "  %s  %s%n", DATE.format(d.getOccurredAt()), driver(d)));
        }
        out.flush();
    }

    private static String driver(final ScoreDriver d) {
        final String headline = d.getHeadline().length() > HEADLINE_WIDTH
                ? d.getHeadline().substring(0, HEADLINE_WIDTH - 1) + "…" : d.getHeadline();
        return String.format(Locale.ROOT, "%+5.1f %s %s", d.getContribution(), d.getType(), headline);
    }
}
