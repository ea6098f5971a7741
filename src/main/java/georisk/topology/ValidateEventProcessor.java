package georisk.topology;

import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.ValidationProblem;
import georisk.serde.SchemaRegistryException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Instant;
import java.util.List;

/**
 * The validate stage: decodes each raw record of {@code geo-events} and checks it. A valid event
 * continues with its record timestamp set to its effective event time ({@link EventValidator#effectiveTime}:
 * its {@code occurredAt}, or the record's own timestamp when the event is dated later), so that stream
 * time downstream is event time whatever timestamp the producer set. A record that cannot be decoded or
 * fails validation continues as a dead letter carrying the reason and its origin in headers; it never
 * stops the topology. A registry that cannot be reached is not the record's fault: that failure is thrown
 * on, never dead-lettered.
 */
final class ValidateEventProcessor implements FixedKeyProcessor<byte[], byte[], Validated> {
    private final Deserializer<GeoEvent> deserializer;
    private final String topic;
    private FixedKeyProcessorContext<byte[], Validated> context;

    /** @param topic the topic read, for the deserializer (its subject) when a record has no metadata */
    ValidateEventProcessor(final Deserializer<GeoEvent> deserializer, final String topic) {
        this.deserializer = deserializer;
        this.topic = topic;
    }

    @Override
    public void init(final FixedKeyProcessorContext<byte[], Validated> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<byte[], byte[]> record) {
        final String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(this.topic);
        final byte[] raw = record.value();
        if (raw == null) {
            deadLetter(record, "record has no value (a tombstone is not an event)");
            return;
        }
        final GeoEvent decoded;
        try {
            decoded = deserializer.deserialize(topic, record.headers(), raw);
        } catch (final SchemaRegistryException e) {
            // the registry is down or refuses georisk: not this record's fault, so it must not be dead-lettered.
            // Thrown on to the processing exception handler, which fails the thread (see PoisonRecordHandlers).
            throw e;
        } catch (final RuntimeException e) {
            deadLetter(record, "cannot decode GeoEvent: " + e.getMessage());
            return;
        }
        // "now" is the record's timestamp (when it was produced or appended), never the wall clock, so that a
        // replay decides exactly as the first run did
        final Instant recorded = Instant.ofEpochMilli(record.timestamp());
        final List<ValidationProblem> problems = EventValidator.validate(decoded, recorded);
        if (!problems.isEmpty()) {
            deadLetter(record, "invalid GeoEvent " + decoded.getId() + ": " + EventValidator.describe(problems));
            return;
        }
        // a future-dated event counts from when it was reported (docs/scoring.md): a record timestamp ahead of
        // the broker's clock would also make the by-dyad repartition write fail
        final Instant effective = EventValidator.effectiveTime(decoded, recorded);
        final boolean unchanged = effective.equals(decoded.getOccurredAt());
        final GeoEvent event = unchanged ? decoded : GeoEvent.newBuilder(decoded).setOccurredAt(effective).build();
        context.forward(record.withValue(Validated.valid(event, unchanged ? raw : null))
                .withTimestamp(effective.toEpochMilli()));
    }

    private void deadLetter(final FixedKeyRecord<byte[], byte[]> record, final String reason) {
        final var origin = context.recordMetadata();
        DeadLetters.stamp(record.headers(), reason, Names.VALIDATE_EVENTS, origin.map(RecordMetadata::topic).orElse(null),
                origin.map(RecordMetadata::partition).orElse(-1), origin.map(RecordMetadata::offset).orElse(-1L),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(record.withValue(Validated.invalid(record.value(), reason)));
    }
}
