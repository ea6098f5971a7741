package georisk.topology;

import georisk.events.EventValidator;
import georisk.events.TradeExposure;
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
 * The exposure validate stage: decodes each raw record of {@code trade-exposure} and checks it with
 * {@link EventValidator#validate(TradeExposure)}, and that it is keyed by its own dyad (the join looks it up
 * by key). Garbage, an unknown schema id or invalid figures become a dead letter with the reason and origin;
 * a tombstone (null value) passes as a deletion of the dyad's exposure. A registry that cannot be reached
 * is not the record's fault: that failure is thrown on, never dead-lettered.
 */
final class ValidateExposureProcessor implements FixedKeyProcessor<String, byte[], ValidatedExposure> {
    private final Deserializer<TradeExposure> deserializer;
    private final String topic;
    private FixedKeyProcessorContext<String, ValidatedExposure> context;

    /** @param topic the topic read, for the deserializer (its subject) when a record has no metadata */
    ValidateExposureProcessor(final Deserializer<TradeExposure> deserializer, final String topic) {
        this.deserializer = deserializer;
        this.topic = topic;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, ValidatedExposure> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<String, byte[]> record) {
        final String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(this.topic);
        final byte[] raw = record.value();
        if (raw == null) {
            // a tombstone on the compacted topic: the dyad has no exposure any more
            context.forward(record.withValue(ValidatedExposure.valid(null)));
            return;
        }
        final TradeExposure exposure;
        try {
            exposure = deserializer.deserialize(topic, record.headers(), raw);
        } catch (final SchemaRegistryException e) {
            throw e; // not this record's fault: see PoisonRecordHandlers
        } catch (final RuntimeException e) {
            deadLetter(record, "cannot decode TradeExposure: " + e.getMessage());
            return;
        }
        final List<ValidationProblem> problems = EventValidator.validate(exposure);
        if (!problems.isEmpty()) {
            deadLetter(record, "invalid TradeExposure " + exposure.getDyad() + ": " + EventValidator.describe(problems));
            return;
        }
        if (!exposure.getDyad().equals(record.key())) {
            deadLetter(record, "TradeExposure " + exposure.getDyad() + " is keyed " + (record.key() == null ? "null"
                    : "\"" + record.key() + "\"") + ": the key must be its dyad");
            return;
        }
        context.forward(record.withValue(ValidatedExposure.valid(exposure)));
    }

    private void deadLetter(final FixedKeyRecord<String, byte[]> record, final String reason) {
        final var origin = context.recordMetadata();
        DeadLetters.stamp(record.headers(), reason, Names.VALIDATE_EXPOSURES,
                origin.map(RecordMetadata::topic).orElse(null), origin.map(RecordMetadata::partition).orElse(-1),
                origin.map(RecordMetadata::offset).orElse(-1L), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(record.withValue(ValidatedExposure.invalid(record.value(), reason)));
    }
}
