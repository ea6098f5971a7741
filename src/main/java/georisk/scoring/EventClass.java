package georisk.scoring;

/**
 * How an event type moves tension. Threats and acts are kept apart, as in the Caldara–Iacoviello
 * geopolitical-risk index, where threats (a tariff announced, a warning) and acts (a tariff in force,
 * a detention) are separate components; cooperation lowers tension; data updates exposure only.
 */
public enum EventClass {
    /** A conflictual intention that has not (yet) been carried out. */
    THREAT,
    /** A conflictual act carried out. */
    ACT,
    /** A cooperative event (agreement, relief, visit, release). */
    COOPERATION,
    /** A statistics release: it changes exposure, not tension. */
    DATA
}
