package georisk.scoring;

import georisk.events.EventType;

import java.time.Instant;

/** Small builders of scoring events for tests. */
final class Events {
    private Events() {
    }

    static ScoringEvent event(final String id, final String date, final EventType type) {
        return event(id, date, type, 0.0, 200, 20, 1.0, false);
    }

    static ScoringEvent event(final String id, final String date, final EventType type, final double tariffRate,
                              final int mentions, final int sources, final double confidence,
                              final boolean homeIsActor) {
        return new ScoringEvent(id, millis(date), type, Taxonomy.of(type).goldstein(), tariffRate, 0.0, mentions, sources,
                confidence, homeIsActor, type + " " + id);
    }

    static long millis(final String date) {
        return Instant.parse(date + "T00:00:00Z").toEpochMilli();
    }
}
