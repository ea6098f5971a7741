package georisk.ingest;

import georisk.events.DeadLetterHeaders;
import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import georisk.events.ValidationProblem;
import georisk.serde.SerdeFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Future;

/**
 * The one producer path of georisk: events go to {@code geo-events} keyed by event id with the
 * record timestamp set to {@code occurredAt} (event time), exposures go to {@code trade-exposure}
 * keyed by dyad. Every record is validated before it is sent; the producer is idempotent, so a
 * retry never writes a record twice.
 *
 * <p>Every source of events — scenario, JSON Lines and CSV files, GDELT, the load generator — goes
 * through here, so validation, serdes, keys and error handling are the same for all. An input line that
 * cannot be used goes to {@code geo-events-dlq} through {@link #deadLetter}, untouched, with the reason,
 * file and line in headers. What happened is counted in an {@link IngestReport} as acknowledgements
 * arrive; {@link #flush()} waits for the last of them.
 */
public final class EventPublisher implements AutoCloseable {
    /** The {@link DeadLetterHeaders#STAGE} of lines rejected before they were sent. */
    public static final String INGEST_STAGE = "ingest";

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final Properties producerProperties;
    private final Producer<String, GeoEvent> events;
    private final Producer<String, TradeExposure> exposures;
    private final IngestReport report;
    private final Topics topics;
    /** Created on the first dead letter: most runs have none. Guarded by {@code this}. */
    private Producer<byte[], byte[]> deadLetters;

    /**
     * @param producerProperties connection and producer settings (idempotence on)
     * @param serdes             the process's serde factory
     */
    public EventPublisher(final Properties producerProperties, final SerdeFactory serdes) {
        this(producerProperties, serdes, new IngestReport(), Topics.DEFAULT);
    }

    /**
     * @param producerProperties connection and producer settings (idempotence on)
     * @param serdes             the process's serde factory
     * @param topics             the topics written to
     */
    public EventPublisher(final Properties producerProperties, final SerdeFactory serdes, final Topics topics) {
        this(producerProperties, serdes, new IngestReport(), topics);
    }

    /**
     * @param producerProperties connection and producer settings (idempotence on)
     * @param serdes             the process's serde factory
     * @param report             where sends, rejections and dead letters are counted
     */
    public EventPublisher(final Properties producerProperties, final SerdeFactory serdes, final IngestReport report) {
        this(producerProperties, serdes, report, Topics.DEFAULT);
    }

    /**
     * @param producerProperties connection and producer settings (idempotence on)
     * @param serdes             the process's serde factory
     * @param report             where sends, rejections and dead letters are counted
     * @param topics             the topics written to
     */
    public EventPublisher(final Properties producerProperties, final SerdeFactory serdes, final IngestReport report,
                          final Topics topics) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.producerProperties = new Properties();
        this.producerProperties.putAll(producerProperties);
        this.report = Objects.requireNonNull(report, "report");
        this.events = new KafkaProducer<>(producerProperties, serdes.keySerde(topics.geoEvents()).serializer(),
                serdes.valueSerde(topics.geoEvents()).serializer());
        final Properties exposureProps = new Properties();
        exposureProps.putAll(producerProperties);
        exposureProps.put("client.id", producerProperties.getProperty("client.id", "georisk") + "-exposure");
        this.exposures = new KafkaProducer<>(exposureProps, serdes.keySerde(topics.tradeExposure()).serializer(),
                serdes.valueSerde(topics.tradeExposure()).serializer());
    }

    /** For tests: a publisher over given producers (e.g. {@code MockProducer}s). */
    EventPublisher(final Producer<String, GeoEvent> events, final Producer<String, TradeExposure> exposures,
                   final Producer<byte[], byte[]> deadLetters, final IngestReport report) {
        this.producerProperties = new Properties();
        this.topics = Topics.DEFAULT;
        this.events = events;
        this.exposures = exposures;
        this.deadLetters = deadLetters;
        this.report = report;
    }

    /** The topics this publisher writes to. */
    public Topics topics() {
        return topics;
    }

    /** Where this publisher counts what it sent, rejected and dead-lettered. */
    public IngestReport report() {
        return report;
    }

    /**
     * Sends one event, keyed by its id, with the record timestamp set to its {@code occurredAt}, or to now
     * when it is dated later ({@link EventValidator#effectiveTime}).
     *
     * @throws EventFormatException if the event is invalid (nothing is sent, nothing counted)
     */
    public Future<RecordMetadata> publish(final GeoEvent event) {
        return publish(event, null, 0);
    }

    /**
     * Sends one event read from a source: as {@link #publish(GeoEvent)}, and a send the broker refuses is
     * counted as rejected at that file and line, with the broker's reason.
     *
     * @param source file name for the report, or {@code null}
     * @param line   1-based line in {@code source}, or 0
     * @throws EventFormatException if the event is invalid (nothing is sent, nothing counted)
     */
    public Future<RecordMetadata> publish(final GeoEvent event, final String source, final long line) {
        final Instant now = Instant.now();
        requireValid(EventValidator.validate(event, now));
        report.recordAccepted(event.getType());
        // stamped with the time it counts from: a future-dated event is stamped now, which the broker accepts
        return events.send(new ProducerRecord<>(topics.geoEvents().name(), null,
                EventValidator.effectiveTime(event, now).toEpochMilli(), event.getId(), event), (metadata, failure) -> {
                    // on the producer's I/O thread: count only, never block
                    if (failure == null) {
                        report.recordSent(event.getType());
                    } else {
                        report.recordRejected(source, line, IngestReport.KAFKA, IngestReport.KAFKA + ": event " + event.getId()
                                + " not written: " + describe(failure));
                    }
                });
    }

    /**
     * Sets aside one input line that cannot be used: counts it as rejected and sends its bytes, untouched,
     * to {@code geo-events-dlq}, keyed by the source name, with headers {@link DeadLetterHeaders#REASON},
     * {@link DeadLetterHeaders#STAGE} ({@value #INGEST_STAGE}), {@link DeadLetterHeaders#SOURCE_FILE},
     * {@link DeadLetterHeaders#SOURCE_LINE} and {@link DeadLetterHeaders#FAILED_AT}. Asynchronous, like
     * {@link #publish(GeoEvent)}; a dead letter the broker refuses is counted and logged.
     *
     * @param source the file (or other source) name, e.g. {@code events.csv}
     * @param line   the 1-based line number of the record (its first line if it spans several), or 0
     * @param raw    the original line, UTF-8
     * @param reasonClass the group the report counts it in (see {@link IngestReport}), e.g. the field at fault
     * @param reason why, {@code field: why} (see {@link EventFormatException#problem()})
     */
    public void deadLetter(final String source, final long line, final byte[] raw, final String reasonClass,
                           final String reason) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reasonClass, "reasonClass");
        Objects.requireNonNull(reason, "reason");
        report.recordRejected(source, line, reasonClass, reason);
        final RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, utf8(DeadLetterHeaders.reason(reason)));
        headers.add(DeadLetterHeaders.STAGE, utf8(INGEST_STAGE));
        headers.add(DeadLetterHeaders.SOURCE_FILE, utf8(source));
        if (line > 0) {
            headers.add(DeadLetterHeaders.SOURCE_LINE, utf8(String.valueOf(line)));
        }
        headers.add(DeadLetterHeaders.FAILED_AT, utf8(Instant.now().toString()));
        deadLetterProducer().send(new ProducerRecord<>(topics.deadLetters().name(), null, null, utf8(source), raw,
                headers), (metadata, failure) -> {
                    if (failure == null) {
                        report.recordDeadLettered();
                    } else {
                        final String what = source + " line " + line + ": " + describe(failure);
                        log.warn("Dead letter not written to {}: {}", topics.deadLetters().name(), what);
                        report.recordDeadLetterFailure(what);
                    }
                });
    }

    /**
     * Sends one trade exposure with the given record timestamp: the event time from which the
     * figures are in force for the exposure join.
     *
     * @throws EventFormatException if the exposure is invalid (nothing is sent)
     */
    public Future<RecordMetadata> publish(final TradeExposure exposure, final Instant inForceFrom) {
        return publish(exposure, inForceFrom, null);
    }

    /**
     * As {@link #publish(TradeExposure, Instant)}, calling {@code callback} (on the producer's I/O thread) when
     * the broker has answered.
     */
    public Future<RecordMetadata> publish(final TradeExposure exposure, final Instant inForceFrom,
                                          final org.apache.kafka.clients.producer.Callback callback) {
        requireValid(EventValidator.validate(exposure));
        return exposures.send(new ProducerRecord<>(topics.tradeExposure().name(), null,
                inForceFrom.toEpochMilli(), exposure.getDyad(), exposure), callback);
    }

    /**
     * Publishes a scenario: its exposures first, in force from its first event (they are the
     * scenario's defaults), then its events in order. Waits until every record is acknowledged.
     *
     * @param pauseMillis pause between events, so that a demo can be watched; 0 for none
     */
    public void publish(final Scenario scenario, final long pauseMillis) throws InterruptedException {
        final Instant first = scenario.events().stream().map(GeoEvent::getOccurredAt).min(Instant::compareTo)
                .orElse(Instant.EPOCH);
        for (final TradeExposure exposure : scenario.exposures()) {
            final Instant asOf = exposure.getAsOf();
            publish(exposure, asOf.isBefore(first) ? asOf : first);
        }
        exposures.flush();
        for (final GeoEvent event : scenario.events()) {
            publish(event);
            if (pauseMillis > 0) {
                events.flush();
                Thread.sleep(pauseMillis);
            }
        }
        flush();
    }

    /**
     * Waits until every record sent so far is acknowledged (or has failed), so that the
     * {@link #report()} is complete.
     */
    public void flush() {
        exposures.flush();
        events.flush();
        synchronized (this) {
            if (deadLetters != null) {
                deadLetters.flush();
            }
        }
    }

    @Override
    public void close() {
        events.close();
        exposures.close();
        synchronized (this) {
            if (deadLetters != null) {
                deadLetters.close();
            }
        }
    }

    private synchronized Producer<byte[], byte[]> deadLetterProducer() {
        if (deadLetters == null) {
            // the DLQ holds original bytes, not Avro: plain byte serializers, same connection and guarantees
            final Properties p = new Properties();
            p.putAll(producerProperties);
            p.put("client.id", producerProperties.getProperty("client.id", "georisk") + "-dlq");
            deadLetters = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return deadLetters;
    }

    private static String describe(final Exception failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void requireValid(final List<ValidationProblem> problems) {
        if (!problems.isEmpty()) {
            throw EventFormatException.invalid(problems);
        }
    }
}
