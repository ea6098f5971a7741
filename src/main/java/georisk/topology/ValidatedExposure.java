package georisk.topology;

import georisk.events.TradeExposure;

/**
 * The outcome of the exposure validate stage for one record of {@code trade-exposure}: the exposure (null
 * for a tombstone, which deletes the dyad's exposure), or why it cannot be used with its original bytes.
 * Never serialized: it lives between two processors of the same sub-topology.
 */
record ValidatedExposure(TradeExposure exposure, byte[] raw, String reason) {

    static ValidatedExposure valid(final TradeExposure exposure) {
        return new ValidatedExposure(exposure, null, null);
    }

    static ValidatedExposure invalid(final byte[] raw, final String reason) {
        return new ValidatedExposure(null, raw, reason);
    }

    boolean isValid() {
        return reason == null;
    }
}
