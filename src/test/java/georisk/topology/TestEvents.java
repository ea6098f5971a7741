package georisk.topology;

import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.SourceKind;
import georisk.events.TradeExposure;

import java.time.Instant;

/** Builders of Avro records for topology tests. */
final class TestEvents {
    private TestEvents() {
    }

    static Instant day(final String date) {
        return Instant.parse(date + "T00:00:00Z");
    }

    /** An event with the attention of a major story (3,000 mentions in 400 sources, like the scenario's). */
    static GeoEvent event(final String id, final String date, final String actor, final String target,
                          final EventType type) {
        return GeoEvent.newBuilder()
                .setId(id)
                .setOccurredAt(day(date))
                .setReportedAt(day(date))
                .setActor(actor)
                .setTarget(target)
                .setType(type)
                .setMentions(3000)
                .setSources(400)
                .setArticles(2500)
                .setHeadline(type + " " + actor + "->" + target + " " + id)
                .setSourceKind(SourceKind.CURATED)
                .setConfidence(1.0)
                .build();
    }

    static TradeExposure exposure(final String home, final String counterparty, final double exposure) {
        return TradeExposure.newBuilder()
                .setDyad(home + "-" + counterparty)
                .setHome(home)
                .setCounterparty(counterparty)
                .setAsOf(day("2024-12-31"))
                .setExportShare(exposure)
                .setExposure(exposure)
                .build();
    }
}
