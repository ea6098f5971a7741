package georisk.query;

import georisk.events.AlertKind;
import georisk.events.EventType;
import georisk.events.RiskAlert;
import georisk.events.RiskLevel;
import georisk.events.RiskScore;
import georisk.events.ScoreComponent;
import georisk.events.ScoreDriver;

import java.time.Instant;
import java.util.List;

/** Avro output records for query tests. */
final class Records {
    private Records() {
    }

    static RiskScore score(final String dyad, final String asOf, final double tension, final long events) {
        final String[] countries = dyad.split("-");
        return RiskScore.newBuilder()
                .setDyad(dyad).setHome(countries[0]).setCounterparty(countries[1])
                .setAsOf(Instant.parse(asOf)).setTension(tension).setExposure(0.5).setExposureWeightedRisk(tension / 2)
                .setLevel(tension >= 60 ? RiskLevel.SEVERE : RiskLevel.GUARDED)
                .setComponents(List.of(new ScoreComponent("baseline", 10.0), new ScoreComponent("acts", tension - 10)))
                .setDrivers(List.of(ScoreDriver.newBuilder().setEventId("e" + events).setType(EventType.TARIFF_IMPOSED)
                        .setOccurredAt(Instant.parse(asOf)).setHeadline("tariffs").setContribution(tension - 10)
                        .build()))
                .setEventCount(events).setLateEventCount(events / 10)
                .build();
    }

    static RiskAlert alert(final String id, final String dyad, final AlertKind kind, final String time) {
        return RiskAlert.newBuilder()
                .setId(id).setDyad(dyad).setKind(kind).setFromLevel(RiskLevel.ELEVATED).setToLevel(RiskLevel.SEVERE)
                .setScore(80.1).setExplanation(dyad + " rose").setTime(Instant.parse(time))
                .build();
    }
}
