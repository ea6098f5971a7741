package georisk.scoring;

import java.util.Objects;

/**
 * A pair (home, counterparty) of alpha-3 country codes, written {@code CAN-USA}. It is the key of
 * every derived topic and store.
 *
 * @param home         the home country whose exposure is monitored
 * @param counterparty the other country
 */
public record Dyad(String home, String counterparty) {
    public Dyad {
        requireCode(home, "home");
        requireCode(counterparty, "counterparty");
        if (home.equals(counterparty)) {
            throw new IllegalArgumentException("a dyad needs two different countries, got " + home + "-" + home);
        }
    }

    private static void requireCode(final String code, final String what) {
        Objects.requireNonNull(code, what);
        if (!isCode(code)) {
            throw new IllegalArgumentException(what + " must be an alpha-3 country code like CAN, got '" + code + "'");
        }
    }

    /** Three letters A–Z: what {@code [A-Z]{3}} matches, checked per character (every event builds a dyad). */
    private static boolean isCode(final String code) {
        if (code.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            final char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code CAN-USA}. */
    public static Dyad parse(final String key) {
        final int dash = key == null ? -1 : key.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("a dyad is written HOME-COUNTERPARTY like CAN-USA, got '" + key + "'");
        }
        return new Dyad(key.substring(0, dash), key.substring(dash + 1));
    }

    /** The key form, {@code HOME-COUNTERPARTY}. */
    public String key() {
        return home + "-" + counterparty;
    }

    @Override
    public String toString() {
        return key();
    }
}
