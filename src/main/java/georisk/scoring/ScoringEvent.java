package georisk.scoring;

import georisk.events.EventType;

/**
 * What the model needs of an event, already resolved to its dyad: the topology maps each
 * {@code GeoEvent} to one of these at its edge, so the scoring code stays free of Kafka and Avro.
 *
 * @param id          the event id (drivers are reported by id)
 * @param occurredAt  event time, epoch milliseconds
 * @param type        the domain type
 * @param goldstein   the Goldstein value, −10 … +10 (the type's default when the event had none)
 * @param tariffRate  tariff rate in percent, 0 when none
 * @param tradeShare  share of the dyad's trade the event affects (affected value / the home country's
 *                    exports to the counterparty, same currency), 0 when unknown
 * @param mentions    number of mentions (attention)
 * @param sources     number of distinct sources (attention, corroboration)
 * @param confidence  confidence that it happened as described, 0 … 1
 * @param homeIsActor true when the home country acts (retaliation), false when it is acted upon
 * @param headline    one line for people
 */
public record ScoringEvent(String id, long occurredAt, EventType type, double goldstein, double tariffRate,
                           double tradeShare, int mentions, int sources, double confidence, boolean homeIsActor, String headline) {

    /** The class the event counts in. */
    public EventClass eventClass() {
        return Taxonomy.classOf(type, goldstein);
    }
}
