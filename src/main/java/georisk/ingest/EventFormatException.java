package georisk.ingest;

import georisk.events.ValidationProblem;

import java.util.List;

/**
 * A record that cannot be read or does not pass validation. Carries the field at fault and the reason,
 * and, once known, where the record came from ({@code events.jsonl:12}); the message reads
 * {@code events.jsonl:12: occurredAt: "2025-13-01" is not an ISO date or instant}.
 */
public final class EventFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;
    private final String source;
    private final int line;

    /**
     * @param field  the field at fault, or {@code null} when the record as a whole is wrong (not JSON)
     * @param reason why, in words a person can act on
     */
    public EventFormatException(String field, String reason) {
        this(field, reason, null, 0, null);
    }

    private EventFormatException(String field, String reason, String source, int line, Throwable cause) {
        super(message(field, reason, source, line), cause);
        this.field = field;
        this.reason = reason;
        this.source = source;
        this.line = line;
    }

    /** The failed validation of a parsed record: the first problem's field, every problem in the reason. */
    public static EventFormatException invalid(List<ValidationProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        final StringBuilder reason = new StringBuilder(problems.get(0).reason());
        for (ValidationProblem p : problems.subList(1, problems.size())) {
            reason.append("; ").append(p);
        }
        return new EventFormatException(problems.get(0).field(), reason.toString());
    }

    /** The same error located in a file (or classpath resource) at a 1-based line number. */
    public EventFormatException at(String source, int line) {
        return new EventFormatException(field, reason, source, line, this);
    }

    /** The field at fault, or {@code null} when the record as a whole is wrong. */
    public String field() {
        return field;
    }

    /** Why the record was rejected. */
    public String reason() {
        return reason;
    }

    /**
     * The problem without its location, {@code field: reason} (or the reason alone when the record as a
     * whole is wrong): the form of a dead letter's reason header, whose file and line are headers of their own.
     */
    public String problem() {
        return field == null ? reason : field + ": " + reason;
    }

    /** The file or resource the record came from, or {@code null} if not read from one. */
    public String source() {
        return source;
    }

    /** The 1-based line of the record in {@link #source()}, or 0 if unknown. */
    public int line() {
        return line;
    }

    private static String message(String field, String reason, String source, int line) {
        final StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source).append(':');
            if (line > 0) {
                sb.append(line).append(':');
            }
            sb.append(' ');
        }
        if (field != null) {
            sb.append(field).append(": ");
        }
        return sb.append(reason).toString();
    }
}
