package georisk.topology;

import georisk.events.Topics;
import georisk.serde.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka Streams' three exception handlers, chosen deliberately (set by {@link #configure(Properties)}):
 * a record's own fault becomes a dead letter on {@code geo-events-dlq} with its reason and origin and
 * processing goes on; a fault of the infrastructure (registry unreachable or refusing georisk, a state
 * store, a timeout) fails the stream thread, without dead-lettering anything, so that the record is
 * processed again from the last commit once the fault is gone (the uncaught-exception handler in
 * {@code runtime.ScoringApp} replaces the thread after a backoff).
 *
 * <p>The validate stages handle bad input themselves; these handlers are the net under the rest of the
 * topology (a record that trips a bug in a later stage, an internal topic that cannot be read, a result
 * too large for the broker). What stops the app on purpose is listed in {@code docs/operations.md}.
 */
public final class PoisonRecordHandlers {
    private static final Logger log = LoggerFactory.getLogger(PoisonRecordHandlers.class);

    private PoisonRecordHandlers() {
    }

    /**
     * The Streams property that tells the handlers their dead-letter topic (Streams hands every property to a
     * handler's {@code configure}); the default catalog's when absent.
     */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "georisk.dead.letter.topic";

    /** Sets the three handlers in {@code props}, unless the user set them (pass-through wins). */
    public static void configure(final Properties props) {
        configure(props, Topics.DEFAULT);
    }

    /** As above, dead-lettering to {@code topics}' dead-letter topic. */
    public static void configure(final Properties props, final Topics topics) {
        props.put(DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters().name());
        props.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class.getName());
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class.getName());
        props.putIfAbsent(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, Production.class.getName());
    }

    /**
     * True when {@code failure} is the record's own fault (it cannot be decoded or processed whatever the
     * state of the world), false when it comes from the infrastructure and retrying later may succeed or
     * an operator must act. Decided on exception types and {@link SchemaRegistryException#kind()}, never on
     * messages.
     */
    public static boolean isRecordFault(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException e) {
                return e.kind() == SchemaRegistryException.Kind.NOT_FOUND
                        || e.kind() == SchemaRegistryException.Kind.UNUSABLE_ANSWER;
            }
            if (t instanceof RetriableException || t instanceof InterruptException || t instanceof InterruptedException
                    || t instanceof ProcessorStateException || t instanceof InvalidStateStoreException
                    || t instanceof Error) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code failure} is an outage that is expected to end by itself: the schema registry
     * unreachable or unhealthy, a Kafka timeout or other retriable error. Such a thread is replaced.
     */
    public static boolean isTransient(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException e) {
                return e.isTransient();
            }
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    static ProducerRecord<byte[], byte[]> deadLetter(final String topic, final ErrorHandlerContext context,
                                                     final String reason) {
        final Headers headers = new RecordHeaders(context.headers() == null ? new RecordHeaders().toArray()
                : context.headers().toArray());
        DeadLetters.stamp(headers, reason, context.processorNodeId(), context.topic(), context.partition(),
                context.offset(), Instant.now());
        return new ProducerRecord<>(topic, null, null, context.sourceRawKey(),
                context.sourceRawValue(), headers);
    }

    private static String deadLetterTopic(final Map<String, ?> configs) {
        final Object topic = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        return topic == null ? Topics.DEFAULT.deadLetters().name() : topic.toString();
    }

    private static String describe(final Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** A record of an input or internal topic that cannot be deserialized. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private String deadLetterTopic = Topics.DEFAULT.deadLetters().name();

        @Override
        public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
                                    final Exception exception) {
            if (!isRecordFault(exception)) {
                log.error("Cannot deserialize {}-{}@{} because of the infrastructure; failing the thread so that it is"
                        + " read again: {}", context.topic(), context.partition(), context.offset(), describe(exception));
                return Response.fail();
            }
            log.warn("Dead-lettering {}-{}@{}: cannot deserialize: {}", context.topic(), context.partition(),
                    context.offset(), describe(exception));
            final Headers headers = new RecordHeaders(record.headers().toArray());
            DeadLetters.stamp(headers, "cannot deserialize: " + describe(exception), "deserialize", record.topic(),
                    record.partition(), record.offset(), Instant.now());
            return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, null, null,
                    record.key(), record.value(), headers)));
        }

        @Override
        public void configure(final Map<String, ?> configs) {
            deadLetterTopic = deadLetterTopic(configs);
        }
    }

    /** A processor threw: a record that trips a later stage, or an outage. */
    public static final class Processing implements ProcessingExceptionHandler {
        private String deadLetterTopic = Topics.DEFAULT.deadLetters().name();

        @Override
        public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
                                    final Exception exception) {
            if (!isRecordFault(exception)) {
                log.error("Processor {} failed on {}-{}@{} because of the infrastructure; failing the thread so that"
                                + " the record is processed again: {}", context.processorNodeId(), context.topic(),
                        context.partition(), context.offset(), describe(exception));
                return Response.fail();
            }
            log.warn("Dead-lettering {}-{}@{}: processor {} failed: {}", context.topic(), context.partition(),
                    context.offset(), context.processorNodeId(), describe(exception), exception);
            return Response.resume(List.of(deadLetter(deadLetterTopic, context, "processing failed: " + describe(exception))));
        }

        @Override
        public void configure(final Map<String, ?> configs) {
            deadLetterTopic = deadLetterTopic(configs);
        }
    }

    /** A result could not be serialized or written. */
    public static final class Production implements ProductionExceptionHandler {
        private String deadLetterTopic = Topics.DEFAULT.deadLetters().name();

        @Override
        public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record,
                                    final Exception exception) {
            if (exception instanceof RetriableException) {
                return Response.retry();
            }
            if (exception instanceof RecordTooLargeException || exception instanceof InvalidTimestampException) {
                // the broker will never take this result: keep the input that caused it, with the reason
                log.warn("Dead-lettering the input of a result for {} that the broker refuses: {}", record.topic(),
                        describe(exception));
                return Response.resume(List.of(deadLetter(deadLetterTopic, context, "result for " + record.topic()
                        + " refused by the broker: " + describe(exception))));
            }
            log.error("Writing to {} failed; failing the thread: {}", record.topic(), describe(exception));
            return Response.fail();
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Response handleSerializationError(final ErrorHandlerContext context, final ProducerRecord record,
                                                 final Exception exception, final SerializationExceptionOrigin origin) {
            if (!isRecordFault(exception)) {
                log.error("Cannot serialize a result for {} because of the infrastructure; failing the thread: {}",
                        record.topic(), describe(exception));
                return Response.fail();
            }
            log.warn("Dead-lettering the input of a result for {} that cannot be serialized: {}", record.topic(),
                    describe(exception));
            return Response.resume(List.of(deadLetter(deadLetterTopic, context, "cannot serialize the " + origin.name().toLowerCase()
                    + " of a result for " + record.topic() + ": " + describe(exception))));
        }

        @Override
        public void configure(final Map<String, ?> configs) {
            deadLetterTopic = deadLetterTopic(configs);
        }
    }
}
