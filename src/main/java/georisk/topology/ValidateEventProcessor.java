package georisk.topology;

import georisk.events.DeadLetterHeaders;
import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.ValidationProblem;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The validate stage: decodes each raw record of {@code geo-events} and checks it. A valid event
 * continues with its record timestamp set to the event's {@code occurredAt}, so that stream time
 * downstream is event time whatever timestamp the producer set. A record that cannot be decoded or
 * fails validation continues as a dead letter carrying the reason and its origin in headers; it
 * never stops the topology.
 */
final class ValidateEventProcessor implements FixedKeyProcessor<byte[], byte[], Validated> {
    private final Deserializer<GeoEvent> deserializer;
    private FixedKeyProcessorContext<byte[], Validated> context;

    ValidateEventProcessor(final Deserializer<GeoEvent> deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void init(final FixedKeyProcessorContext<byte[], Validated> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<byte[], byte[]> record) {
        final String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("geo-events");
        final byte[] raw = record.value();
        if (raw == null) {
            deadLetter(record, "record has no value (a tombstone is not an event)");
            return;
        }
        final GeoEvent event;
        try {
            event = deserializer.deserialize(topic, record.headers(), raw);
        } catch (final RuntimeException e) {
            deadLetter(record, "cannot decode GeoEvent: " + e.getMessage());
            return;
        }
        final List<ValidationProblem> problems =
                EventValidator.validate(event, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (!problems.isEmpty()) {
            deadLetter(record, "invalid GeoEvent " + event.getId() + ": " + EventValidator.describe(problems));
            return;
        }
        context.forward(record.withValue(Validated.valid(event, raw))
                .withTimestamp(event.getOccurredAt().toEpochMilli()));
    }

    private void deadLetter(final FixedKeyRecord<byte[], byte[]> record, final String reason) {
        final Headers headers = record.headers();
        put(headers, DeadLetterHeaders.REASON, DeadLetterHeaders.reason(reason));
        put(headers, DeadLetterHeaders.STAGE, Names.VALIDATE_EVENTS);
        context.recordMetadata().ifPresent(m -> {
            put(headers, DeadLetterHeaders.SOURCE_TOPIC, m.topic());
            put(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(m.partition()));
            put(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(m.offset()));
        });
        put(headers, DeadLetterHeaders.FAILED_AT, Instant.ofEpochMilli(context.currentSystemTimeMs()).toString());
        context.forward(record.withValue(Validated.invalid(record.value(), reason)));
    }

    private static void put(final Headers headers, final String key, final String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
