package georisk.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.ValidationProblem;
import georisk.serde.SchemaRegistryException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/events} on the producer path of {@code georisk produce}: the body is read with
 * {@link EventJson} (one object, or an array of objects), every event is checked with {@link EventValidator}
 * before anything is sent, and the events go out through the {@link EventPublisher}; the answer waits for
 * Kafka's acknowledgement. Unlike a file, a bad body is not dead-lettered: the client is told and can fix it.
 *
 * <p>Time is bounded: the producer waits at most {@code max.block.ms} for Kafka's metadata (the publisher's
 * settings) and the answer at most {@code ackTimeout}. Kafka or the schema registry being down is
 * {@link UnavailableException} (the API answers 503, with the reason), never a failure of the request (500).
 * The HTTP server ({@code georisk.api}) knows nothing of this class: {@code georisk.runtime} hands it over as the
 * API's {@code EventIntake}.
 */
public final class HttpEventIntake {
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final EventPublisher publisher;
    private final Duration ackTimeout;

    public HttpEventIntake(final EventPublisher publisher, final Duration ackTimeout) {
        this.publisher = publisher;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Reads, validates and publishes the events of {@code json}: one event object, or an array of them. All or
     * nothing: when one event is invalid, none is sent.
     *
     * @return the events as written to {@code geo-events}, in the order given
     * @throws InvalidEventsException when the body is not JSON, or an event is not well-formed or invalid
     * @throws UnavailableException when Kafka or the registry did not take the events
     */
    public List<Accepted> publish(final String json) {
        final List<GeoEvent> events = read(json);
        final Instant now = Instant.now();
        for (int i = 0; i < events.size(); i++) {
            final List<ValidationProblem> problems = EventValidator.validate(events.get(i), now);
            if (!problems.isEmpty()) {
                throw invalid(events.size(), i, EventFormatException.invalid(problems));
            }
        }
        final List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            sent.add(send(events, i, sent.size()));
        }
        final List<Accepted> accepted = new ArrayList<>();
        final long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (int i = 0; i < sent.size(); i++) {
            final RecordMetadata m = acknowledged(sent.get(i), deadline);
            accepted.add(new Accepted(events.get(i).getId(), m.partition(), m.offset()));
        }
        return accepted;
    }

    /** Hands one event to the producer; what keeps it from being sent is the client's fault or "not now". */
    private Future<RecordMetadata> send(final List<GeoEvent> events, final int index, final int sentBefore) {
        final String before = sentBefore == 0 ? "" : " (" + sentBefore + " event" + (sentBefore == 1 ? "" : "s")
                + " before it may still be written)";
        try {
            return publisher.publish(events.get(index));
        } catch (final EventFormatException e) {
            // valid a moment ago: only the "not a year ahead of now" rule can do that
            throw invalid(events.size(), index, e);
        } catch (final SchemaRegistryException e) {
            throw new UnavailableException("the schema registry cannot be used now: " + e.getMessage() + before, e);
        } catch (final KafkaException e) {
            final Throwable why = e.getCause() instanceof SchemaRegistryException r ? r : e;
            throw new UnavailableException((why == e ? "Kafka did not take the events: "
                    : "the schema registry cannot be used now: ") + why.getMessage() + before, e);
        } catch (final RuntimeException e) {
            throw new UnavailableException("the events cannot be sent now: " + e + before, e);
        }
    }

    private static List<GeoEvent> read(final String json) {
        final String text = json == null ? "" : json.strip();
        if (!text.startsWith("[")) {
            try {
                return List.of(EventJson.read(text));
            } catch (final EventFormatException e) {
                throw new InvalidEventsException(e.problem());
            }
        }
        final JsonNode tree;
        try {
            tree = STRICT.readTree(text);
        } catch (final JsonProcessingException e) {
            throw new InvalidEventsException("not valid JSON: " + e.getOriginalMessage());
        }
        if (tree.isEmpty()) {
            throw new InvalidEventsException("the array is empty; send one event or more");
        }
        final List<GeoEvent> events = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            final JsonNode element = tree.get(i);
            if (!element.isObject()) {
                throw invalid(tree.size(), i, new EventFormatException(null, "expected a JSON object"));
            }
            try {
                events.add(EventJson.read((ObjectNode) element));
            } catch (final EventFormatException e) {
                throw invalid(tree.size(), i, e);
            }
        }
        return events;
    }

    /** The problem of one event, saying which when there are several: {@code event 2 of 3: occurredAt: ...}. */
    private static InvalidEventsException invalid(final int count, final int index, final EventFormatException e) {
        return new InvalidEventsException(count == 1 ? e.problem()
                : "event " + (index + 1) + " of " + count + ": " + e.problem());
    }

    private RecordMetadata acknowledged(final Future<RecordMetadata> future, final long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (final ExecutionException e) {
            throw new UnavailableException("Kafka did not accept the events: " + e.getCause().getMessage(), e);
        } catch (final TimeoutException e) {
            throw new UnavailableException("Kafka did not acknowledge the events within "
                    + ackTimeout.toSeconds() + " s; they may still be written", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for Kafka", e);
        }
    }

    /**
     * An event written to {@code geo-events}.
     *
     * @param id        the event id (the record key)
     * @param partition the partition it was written to
     * @param offset    its offset there
     */
    public record Accepted(String id, int partition, long offset) {
    }

    /** The body cannot be published; the message says what is wrong in one line, {@code field: reason}. */
    public static final class InvalidEventsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidEventsException(final String message) {
            super(message);
        }
    }

    /** The events could not be written now (Kafka or the registry does not answer); the message says why. */
    public static final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnavailableException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
