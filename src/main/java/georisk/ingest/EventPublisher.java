package georisk.ingest;

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

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;

/**
 * The one producer path of georisk: events go to {@code geo-events} keyed by event id with the
 * record timestamp set to {@code occurredAt} (event time), exposures go to {@code trade-exposure}
 * keyed by dyad. Every record is validated before it is sent; the producer is idempotent, so a
 * retry never writes a record twice.
 */
public final class EventPublisher implements AutoCloseable {
    private final Producer<String, GeoEvent> events;
    private final Producer<String, TradeExposure> exposures;

    /**
     * @param producerProperties connection and producer settings (idempotence on)
     * @param serdes             the process's serde factory
     */
    public EventPublisher(final Properties producerProperties, final SerdeFactory serdes) {
        this.events = new KafkaProducer<>(producerProperties, serdes.keySerde(Topics.GEO_EVENTS).serializer(),
                serdes.valueSerde(Topics.GEO_EVENTS).serializer());
        final Properties exposureProps = new Properties();
        exposureProps.putAll(producerProperties);
        exposureProps.put("client.id", producerProperties.getProperty("client.id", "georisk") + "-exposure");
        this.exposures = new KafkaProducer<>(exposureProps, serdes.keySerde(Topics.TRADE_EXPOSURE).serializer(),
                serdes.valueSerde(Topics.TRADE_EXPOSURE).serializer());
    }

    /**
     * Sends one event.
     *
     * @throws EventFormatException if the event is invalid (nothing is sent)
     */
    public Future<RecordMetadata> publish(final GeoEvent event) {
        requireValid(EventValidator.validate(event, Instant.now()));
        return events.send(new ProducerRecord<>(Topics.GEO_EVENTS.name(), null,
                event.getOccurredAt().toEpochMilli(), event.getId(), event));
    }

    /**
     * Sends one trade exposure with the given record timestamp: the event time from which the
     * figures are in force for the exposure join.
     *
     * @throws EventFormatException if the exposure is invalid (nothing is sent)
     */
    public Future<RecordMetadata> publish(final TradeExposure exposure, final Instant inForceFrom) {
        requireValid(EventValidator.validate(exposure));
        return exposures.send(new ProducerRecord<>(Topics.TRADE_EXPOSURE.name(), null,
                inForceFrom.toEpochMilli(), exposure.getDyad(), exposure));
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

    /** Waits until every record sent so far is acknowledged. */
    public void flush() {
        exposures.flush();
        events.flush();
    }

    @Override
    public void close() {
        events.close();
        exposures.close();
    }

    private static void requireValid(final List<ValidationProblem> problems) {
        if (!problems.isEmpty()) {
            throw EventFormatException.invalid(problems);
        }
    }
}
