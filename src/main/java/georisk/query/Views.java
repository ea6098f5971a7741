package georisk.query;

import georisk.events.RiskAlert;
import georisk.events.RiskScore;
import georisk.events.ScoreDriver;
import georisk.events.ScoreWindow;
import georisk.scoring.Bar;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Avro records to the API's plain records. */
final class Views {
    private Views() {
    }

    static ScoreView score(final RiskScore s) {
        return new ScoreView(s.getDyad(), s.getHome(), s.getCounterparty(), s.getAsOf(), s.getTension(),
                s.getExposure(), s.getExposureWeightedRisk(), s.getLevel().name(),
                s.getComponents().stream().map(c -> new ScoreView.Component(c.getName(), c.getValue())).toList(),
                drivers(s.getDrivers()), s.getDelta24h(), s.getDelta7d(), s.getZScore(), s.getEventCount(),
                s.getLateEventCount(), s.getCoverage());
    }

    static AlertView alert(final RiskAlert a) {
        return new AlertView(a.getId(), a.getDyad(), a.getKind().name(),
                a.getFromLevel() == null ? null : a.getFromLevel().name(), a.getToLevel().name(), a.getScore(),
                drivers(a.getDrivers()), a.getExplanation(), a.getTime());
    }

    /** A daily bar as stored. */
    static Bar bar(final ScoreWindow w) {
        return new Bar(w.getFirstAsOf().toEpochMilli(), w.getLastAsOf().toEpochMilli(), w.getOpenTension(),
                w.getCloseTension(), w.getHighTension(), w.getLowTension(), w.getCloseRisk(), w.getHighRisk(),
                w.getCloseLevel(), w.getUpdates());
    }

    /** A window of the history: its start (epoch millis), its length and its bar. */
    static ScoreBar bar(final long start, final Duration size, final Bar b) {
        final Instant from = Instant.ofEpochMilli(start);
        return new ScoreBar(from, from.plus(size), Instant.ofEpochMilli(b.firstAsOf()), Instant.ofEpochMilli(b.lastAsOf()),
                b.openTension(), b.closeTension(), b.highTension(), b.lowTension(), b.closeRisk(), b.highRisk(),
                b.closeLevel().name(), b.updates(), b.updates() == 0);
    }

    private static List<ScoreView.Driver> drivers(final List<ScoreDriver> drivers) {
        return drivers.stream().map(d -> new ScoreView.Driver(d.getEventId(), d.getType().name(), d.getOccurredAt(),
                d.getHeadline(), d.getContribution(), d.getSources(), d.getConfidence())).toList();
    }
}
