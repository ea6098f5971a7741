package georisk.topology;

import georisk.events.GeoEvent;

/**
 * A valid event on its way to the dyad stage, with the bytes it arrived in while they still encode it: the
 * repartition by dyad then writes those bytes as they are ({@link ValidEventSerde}) instead of encoding the event
 * again, which was a twentieth of the stream threads' time.
 *
 * @param event the event
 * @param wire  its value bytes as read (Confluent wire format, the producer's schema id), or null when validation
 *              changed the event (a future date moved to the report time) or after the repartition
 */
record ValidEvent(GeoEvent event, byte[] wire) {
}
