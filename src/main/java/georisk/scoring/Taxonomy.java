package georisk.scoring;

import georisk.events.EventType;

import java.util.EnumMap;
import java.util.Map;

/**
 * georisk's event taxonomy (DESIGN.md): each domain type's CAMEO code, default Goldstein value
 * (from GDELT's CAMEO/Goldstein tables, −10 most conflictual … +10 most cooperative) and class.
 */
public final class Taxonomy {

    /**
     * Defaults of one event type.
     *
     * @param cameoCode  the CAMEO event code the type maps onto
     * @param goldstein  the default Goldstein value of that code
     * @param eventClass how the type moves tension
     */
    public record TypeDefaults(String cameoCode, double goldstein, EventClass eventClass) {
    }

    private static final Map<EventType, TypeDefaults> DEFAULTS = new EnumMap<>(EventType.class);

    static {
        put(EventType.TARIFF_IMPOSED, "163", -8.0, EventClass.ACT);
        put(EventType.TARIFF_THREATENED, "1312", -5.8, EventClass.THREAT);
        put(EventType.TARIFF_RELIEF, "085", 7.0, EventClass.COOPERATION);
        put(EventType.TRADE_RESTRICTION, "172", -5.0, EventClass.ACT);
        put(EventType.TRADE_INVESTIGATION, "090", -2.0, EventClass.THREAT);
        put(EventType.NEGOTIATIONS_HALTED, "164", -7.0, EventClass.ACT);
        put(EventType.NEGOTIATION, "046", 7.0, EventClass.COOPERATION);
        put(EventType.AGREEMENT, "057", 8.0, EventClass.COOPERATION);
        put(EventType.STATE_VISIT, "043", 2.8, EventClass.COOPERATION);
        put(EventType.LEADERS_MEETING, "044", 2.5, EventClass.COOPERATION);
        put(EventType.HOSTILE_STATEMENT, "111", -2.0, EventClass.THREAT);
        put(EventType.CONCILIATORY_STATEMENT, "0311", 5.2, EventClass.COOPERATION);
        put(EventType.SOVEREIGNTY_THREAT, "138", -7.0, EventClass.THREAT);
        put(EventType.DETENTION, "173", -5.0, EventClass.ACT);
        put(EventType.RELEASE, "084", 7.0, EventClass.COOPERATION);
        put(EventType.SANCTION, "163", -8.0, EventClass.ACT);
        put(EventType.MILITARY_ACTION, "190", -10.0, EventClass.ACT);
        put(EventType.TRADE_DATA, "", 0.0, EventClass.DATA);
        // OTHER carries its own CAMEO code and Goldstein value (GDELT rows); the sign decides the class
        put(EventType.OTHER, "", 0.0, EventClass.THREAT);
    }

    private static void put(final EventType type, final String cameo, final double goldstein, final EventClass cls) {
        DEFAULTS.put(type, new TypeDefaults(cameo, goldstein, cls));
    }

    private Taxonomy() {
    }

    /** The defaults of a type; every {@link EventType} has an entry. */
    public static TypeDefaults of(final EventType type) {
        return DEFAULTS.get(type);
    }

    /**
     * The class an event counts in: the type's class, except that an event of type OTHER is
     * cooperation when its Goldstein value is positive and an act when it is strongly negative.
     */
    public static EventClass classOf(final EventType type, final double goldstein) {
        if (type != EventType.OTHER) {
            return of(type).eventClass();
        }
        if (goldstein > 0) {
            return EventClass.COOPERATION;
        }
        return goldstein <= -5.0 ? EventClass.ACT : EventClass.THREAT;
    }
}
