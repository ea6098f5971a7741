package georisk.scoring;

import java.util.Optional;
import java.util.Set;

/**
 * Decides which watched dyad an event belongs to. An event between A and B belongs to the dyad
 * HOME-OTHER when either A or B is a home country and the other is watched (an empty set of
 * counterparties watches every country). Both directions count: a tariff by the counterparty on
 * the home country and the home country's retaliation move the same dyad.
 */
public final class DyadResolver {
    private final Set<String> homes;
    private final Set<String> counterparties;
    private final boolean everyPair;

    /**
     * @param homes          home countries (alpha-3), at least one
     * @param counterparties watched counterparties; empty means every country
     */
    public DyadResolver(final Set<String> homes, final Set<String> counterparties) {
        this(homes, counterparties, false);
        if (homes.isEmpty()) {
            throw new IllegalArgumentException("at least one home country is needed");
        }
    }

    private DyadResolver(final Set<String> homes, final Set<String> counterparties, final boolean everyPair) {
        this.homes = Set.copyOf(homes);
        this.counterparties = Set.copyOf(counterparties);
        this.everyPair = everyPair;
    }

    /** Every pair of countries is a dyad, keyed by its codes in alphabetical order. */
    public static DyadResolver everyPair() {
        return new DyadResolver(Set.of(), Set.of(), true);
    }

    /** The resolver for watched homes and counterparties: every-pair mode when {@code homes} is empty. */
    public static DyadResolver of(final Set<String> homes, final Set<String> counterparties) {
        return homes.isEmpty() ? everyPair() : new DyadResolver(homes, counterparties);
    }

    /** The dyad of an event from {@code actor} to {@code target}, if it is watched. */
    public Optional<Dyad> resolve(final String actor, final String target) {
        if (actor == null || target == null || actor.equals(target)) {
            return Optional.empty();
        }
        if (everyPair) {
            return Optional.of(actor.compareTo(target) < 0 ? new Dyad(actor, target) : new Dyad(target, actor));
        }
        if (homes.contains(actor) && watched(target)) {
            return Optional.of(new Dyad(actor, target));
        }
        if (homes.contains(target) && watched(actor)) {
            return Optional.of(new Dyad(target, actor));
        }
        return Optional.empty();
    }

    private boolean watched(final String country) {
        return counterparties.isEmpty() || counterparties.contains(country);
    }
}
