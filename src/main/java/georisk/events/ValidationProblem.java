package georisk.events;

import java.util.Objects;

/**
 * One thing wrong with a record: the field it concerns and why, in words a person can act on.
 * {@link #toString()} gives {@code field: reason}, the form used in dead-letter headers and errors.
 *
 * @param field  the Avro field name (e.g. {@code occurredAt}), or a short name for a rule between fields
 * @param reason what is wrong, e.g. {@code must be within [-10, 10], was 12.0}
 */
public record ValidationProblem(String field, String reason) {
    public ValidationProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
