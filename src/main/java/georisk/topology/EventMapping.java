package georisk.topology;

import georisk.events.DyadRiskState;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.ScoreComponent;
import georisk.events.ScoreDriver;
import georisk.events.TrackedEventState;
import georisk.scoring.Dyad;
import georisk.scoring.DyadState;
import georisk.scoring.Score;
import georisk.scoring.ScoringEvent;
import georisk.scoring.Taxonomy;
import georisk.scoring.TrackedEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The edge between Avro records and the Kafka-free scoring code: every conversion in one place, so
 * stage lambdas stay one line.
 */
final class EventMapping {
    private EventMapping() {
    }

    /** What the model needs of an event, seen from its dyad; missing values take the type's defaults. */
    static ScoringEvent toScoringEvent(final GeoEvent e, final Dyad dyad) {
        final double goldstein = e.getGoldstein() != null ? e.getGoldstein() : Taxonomy.of(e.getType()).goldstein();
        final double tariffRate = e.getTariffRate() != null ? e.getTariffRate() : 0.0;
        return new ScoringEvent(e.getId(), e.getOccurredAt().toEpochMilli(), e.getType(), goldstein, tariffRate,
                e.getMentions(), e.getSources(), e.getConfidence(), dyad.home().equals(e.getActor()),
                e.getHeadline());
    }

    static DyadState toState(final DyadRiskState s) {
        final List<TrackedEvent> tracked = s.getTracked().stream()
                .map(t -> new TrackedEvent(t.getId(), t.getOccurredAt(), t.getType(), t.getHeadline(), t.getImpact(),
                        t.getRank()))
                .toList();
        return new DyadState(s.getRefTime(), s.getThreats(), s.getActs(), s.getCooperation(), s.getEvidence(),
                s.getEventCount(), tracked);
    }

    static DyadRiskState toAvro(final DyadState s) {
        final List<TrackedEventState> tracked = s.tracked().stream()
                .map(t -> new TrackedEventState(t.id(), t.occurredAt(), t.type(), t.headline(), t.impact(), t.rank()))
                .toList();
        return new DyadRiskState(s.refTime(), s.threats(), s.acts(), s.cooperation(), s.evidence(), s.eventCount(),
                tracked);
    }

    static RiskScore toRiskScore(final Dyad dyad, final Score score) {
        final List<ScoreComponent> components = score.components().entrySet().stream()
                .map((Map.Entry<String, Double> c) -> new ScoreComponent(c.getKey(), c.getValue()))
                .toList();
        final List<ScoreDriver> drivers = score.drivers().stream()
                .map(d -> new ScoreDriver(d.event().id(), d.event().type(), Instant.ofEpochMilli(d.event().occurredAt()),
                        d.event().headline(), d.contribution()))
                .toList();
        return RiskScore.newBuilder()
                .setDyad(dyad.key())
                .setHome(dyad.home())
                .setCounterparty(dyad.counterparty())
                .setAsOf(Instant.ofEpochMilli(score.asOf()))
                .setTension(score.tension())
                .setExposure(score.exposure())
                .setExposureWeightedRisk(score.exposureWeightedRisk())
                .setLevel(score.level())
                .setComponents(components)
                .setDrivers(drivers)
                .setEventCount(score.eventCount())
                .setCoverage(score.coverage())
                .build();
    }
}
