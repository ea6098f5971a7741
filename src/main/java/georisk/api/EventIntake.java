package georisk.api;

import java.util.List;

/**
 * Where {@code POST /api/events} hands the request body: reads it as events, validates them and publishes
 * them. {@code runtime} implements it with {@code ingest.HttpEventIntake}, the producer path of
 * {@code georisk produce}, so that an event posted
 * over HTTP is checked exactly like one in a file.
 */
@FunctionalInterface
public interface EventIntake {

    /**
     * Reads, validates and publishes the events of {@code json}: one event object, or an array of them.
     * All or nothing: when one event is invalid, none is sent.
     *
     * @return the events as written to {@code geo-events}, in the order given
     * @throws InvalidEventException when the body is not JSON, or an event is not well-formed or invalid
     * @throws IntakeUnavailableException when Kafka did not acknowledge the events
     */
    List<Accepted> publish(String json);

    /**
     * An event written to {@code geo-events}.
     *
     * @param id        the event id (the record key)
     * @param partition the partition it was written to
     * @param offset    its offset there
     */
    record Accepted(String id, int partition, long offset) {
    }

    /** The body cannot be published; the message says what is wrong in one line, {@code field: reason}. */
    final class InvalidEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidEventException(final String message) {
            super(message);
        }
    }

    /** The events could not be written now (e.g. Kafka does not answer); the message says why in one line. */
    final class IntakeUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public IntakeUnavailableException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
