package georisk.topology;

import georisk.events.GeoEvent;

/**
 * The outcome of the validate stage for one input record: the event, or the reason it was
 * rejected together with its original bytes (which go to the dead-letter topic untouched).
 * Never serialized: it lives between two processors of the same sub-topology.
 *
 * @param event  the valid event, or null
 * @param raw    the original value bytes: for a dead letter, kept untouched; for a valid event, kept while they still
 *               encode it (so that the repartition can write them as they are), null when validation changed it
 * @param reason why the record was rejected, or null when valid
 */
public record Validated(GeoEvent event, byte[] raw, String reason) {

    static Validated valid(final GeoEvent event, final byte[] raw) {
        return new Validated(event, raw, null);
    }

    static Validated invalid(final byte[] raw, final String reason) {
        return new Validated(null, raw, reason);
    }

    /** True when the record holds a usable event. */
    public boolean isValid() {
        return reason == null;
    }
}
