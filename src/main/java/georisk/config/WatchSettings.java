package georisk.config;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which dyads are watched and how long duplicates are remembered.
 *
 * @param homes          home countries (alpha-3) whose exposure is monitored; empty (with no
 *                       counterparties either) is every-pair mode: every country pair is scored
 * @param counterparties watched counterparties (alpha-3); empty watches every country
 * @param dedupeHorizon  how far behind the newest event (in event time) an event id is still
 *                       remembered to drop duplicates; older events are dropped as too late
 */
public record WatchSettings(Set<String> homes, Set<String> counterparties, Duration dedupeHorizon) {
    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");

    public WatchSettings {
        homes = Set.copyOf(homes);
        counterparties = Set.copyOf(counterparties);
        if (homes.isEmpty() && !counterparties.isEmpty()) {
            throw new SettingException("home", "*", "every-pair mode scores every country pair, so it "
                    + "watches every counterparty: leave --counterparties unset (or '*'), or name a home country, e.g. CAN");
        }
        for (final String code : homes) {
            requireAlpha3("home", code);
        }
        for (final String code : counterparties) {
            requireAlpha3("counterparties", code);
            if (homes.contains(code)) {
                throw new SettingException("counterparties", code, "is also a home country");
            }
        }
        if (dedupeHorizon == null || dedupeHorizon.isNegative() || dedupeHorizon.isZero()) {
            throw new SettingException("dedupe-horizon", dedupeHorizon, "must be a positive duration");
        }
    }

    /** Every-pair mode: every country pair is a dyad, keyed by its two codes in alphabetical order. */
    public static WatchSettings everyPair(final Duration dedupeHorizon) {
        return new WatchSettings(Set.of(), Set.of(), dedupeHorizon);
    }

    /** True in every-pair mode ({@code --home '*'}). */
    public boolean everyPair() {
        return homes.isEmpty();
    }

    private static void requireAlpha3(final String setting, final String code) {
        if (code == null || !ALPHA3.matcher(code).matches()) {
            throw new SettingException(setting, code, "expected alpha-3 country codes in upper case, e.g. CAN,USA,CHN");
        }
    }
}
