package georisk.topology;

import georisk.events.GeoEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an event whose id was already seen for its dyad. It runs after the repartition by dyad,
 * so duplicates meet in one task whatever key their producer used. Ids live in a window store
 * whose retention (the dedupe horizon) bounds its size: an event older than the horizon behind
 * stream time can no longer be checked, so it is dropped as too late rather than risk counting it
 * twice.
 */
final class DropDuplicatesProcessor implements FixedKeyProcessor<String, GeoEvent, GeoEvent> {
    private final String storeName;
    private final long horizonMillis;
    private FixedKeyProcessorContext<String, GeoEvent> context;
    private WindowStore<String, Long> seen;

    DropDuplicatesProcessor(final String storeName, final long horizonMillis) {
        this.storeName = storeName;
        this.horizonMillis = horizonMillis;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, GeoEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(final FixedKeyRecord<String, GeoEvent> record) {
        final long time = record.timestamp();
        // the task's stream time is event time: the validate stage set each record's timestamp
        if (time < context.currentStreamTimeMs() - horizonMillis) {
            return; // too late to check against the ids we still hold
        }
        final String id = record.value().getId();
        try (WindowStoreIterator<Long> it = seen.fetch(id, 0L, Long.MAX_VALUE)) {
            if (it.hasNext()) {
                return;
            }
        }
        seen.put(id, time, time);
        context.forward(record);
    }
}
