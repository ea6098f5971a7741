package georisk.serde;

/**
 * A schema-registry call failed. Carries the HTTP status and the Confluent {@code error_code} of the
 * answer, and a message that says what happened and what to do about it.
 *
 * <p>The codes follow Confluent's REST API: {@value #SUBJECT_NOT_FOUND} subject not found,
 * {@value #SCHEMA_NOT_FOUND} schema id not found, HTTP 409 schema incompatible with the subject's
 * compatibility level (Confluent sends error code 409, Apicurio sends 0), HTTP 422 / {@value
 * #INVALID_SCHEMA} invalid schema. When no HTTP answer arrived at all (connection refused, timeout)
 * {@link #status()} is {@value #NO_STATUS}; when the answer had no error code, {@link #errorCode()} is
 * {@value #NO_ERROR_CODE}.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * What kind of failure this is, decided from the HTTP status and error code (never from the message),
     * so that a caller knows whether to wait, to blame the record, or to stop.
     */
    public enum Kind {
        /** No answer (connection refused, timeout, I/O error) or HTTP 5xx, 408, 429: retry later. */
        UNAVAILABLE,
        /** The registry does not know the subject or schema id (HTTP 404, 40401, 40403). */
        NOT_FOUND,
        /** The registry answered 2xx with something that is not a usable Avro schema or id. */
        UNUSABLE_ANSWER,
        /** The registry refused the request (401, 403, 409, 422, other 4xx): retrying will not help. */
        REFUSED
    }

    /** {@link #status()} when the registry gave no HTTP answer (connection refused, timeout, I/O error). */
    public static final int NO_STATUS = -1;
    /** {@link #errorCode()} when the answer carried no Confluent error code. */
    public static final int NO_ERROR_CODE = -1;
    /** Confluent error code: the subject does not exist. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: no schema has the requested id. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code: the schema is not valid Avro. */
    public static final int INVALID_SCHEMA = 42201;

    private final int status;
    private final int errorCode;
    private final Kind kind;

    /**
     * @param message   what happened and what to do
     * @param status    the HTTP status, or {@link #NO_STATUS}
     * @param errorCode the Confluent error code, or {@link #NO_ERROR_CODE}
     * @param cause     the underlying exception, may be null
     */
    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.kind = kindOf(status, errorCode);
    }

    /** The kind of an answer with this status and error code ({@link #NO_STATUS}: no answer at all). */
    static Kind kindOf(int status, int errorCode) {
        if (status == NO_STATUS || status >= 500 || status == 408 || status == 429) {
            return Kind.UNAVAILABLE;
        }
        if (status == 404 || errorCode == SUBJECT_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND) {
            return Kind.NOT_FOUND;
        }
        if (status / 100 == 2) {
            return Kind.UNUSABLE_ANSWER;
        }
        return Kind.REFUSED;
    }

    /** What kind of failure this is; see {@link Kind}. */
    public Kind kind() {
        return kind;
    }

    /**
     * True when the registry could not be reached or was unhealthy (no answer, a timeout, HTTP 5xx, 408,
     * 429): the same request may succeed later, so a caller waits and retries instead of giving up on the
     * record.
     */
    public boolean isTransient() {
        return kind == Kind.UNAVAILABLE;
    }

    /** The HTTP status of the registry's answer, or {@link #NO_STATUS} if there was none. */
    public int status() {
        return status;
    }

    /** The Confluent {@code error_code} of the answer, or {@link #NO_ERROR_CODE} if there was none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the subject does not exist (error code {@value #SUBJECT_NOT_FOUND}). */
    public boolean isSubjectNotFound() {
        return errorCode == SUBJECT_NOT_FOUND;
    }

    /** True when no schema has the requested id (error code {@value #SCHEMA_NOT_FOUND}). */
    public boolean isSchemaNotFound() {
        return errorCode == SCHEMA_NOT_FOUND;
    }

    /**
     * True when the registry refused the schema as incompatible with the subject's compatibility level.
     * Decided on HTTP 409 alone, because Apicurio answers 409 with error code 0.
     */
    public boolean isIncompatible() {
        return status == 409;
    }

    /** True when the registry refused the schema as invalid (HTTP 422 or error code {@value #INVALID_SCHEMA}). */
    public boolean isInvalidSchema() {
        return status == 422 || errorCode == INVALID_SCHEMA;
    }

    // ---- messages, shared by the HTTP and in-memory clients ----

    /** The registry answered {@code register(subject, …)} with an error status. */
    static SchemaRegistryException registerFailed(String registry, String subject, int status, int errorCode,
                                                  String serverMessage) {
        String codes = codes(status, errorCode);
        String detail = detail(serverMessage);
        if (status == 409) {
            return new SchemaRegistryException("The schema registry at " + registry + " refused the schema for subject '"
                    + subject + "': it is incompatible with the versions already registered under the subject's"
                    + " compatibility level (" + codes + ")" + detail + ". Make the change compatible (under BACKWARD:"
                    + " give every new field a default, do not change or remove fields without defaults), or read the"
                    + " level with GET " + registry + "/config/" + subject + ".", status, errorCode, null);
        }
        if (status == 422 || errorCode == INVALID_SCHEMA) {
            return new SchemaRegistryException("The schema registry at " + registry + " refused the schema for subject '"
                    + subject + "' as invalid (" + codes + ")" + detail + ". Fix the schema in schemas/*.avsc and"
                    + " regenerate the classes.", status, errorCode, null);
        }
        if (errorCode == SUBJECT_NOT_FOUND) {
            return new SchemaRegistryException("Subject '" + subject + "' was not found in the schema registry at "
                    + registry + " (" + codes + ")" + detail + ". Check the topic name and its -key/-value suffix.",
                    status, errorCode, null);
        }
        return other(registry, "registering a schema under subject '" + subject + "'", status, errorCode,
                serverMessage);
    }

    /** The registry answered {@code schemaById(id)} with an error status. */
    static SchemaRegistryException fetchFailed(String registry, int id, int status, int errorCode,
                                               String serverMessage) {
        if (errorCode == SCHEMA_NOT_FOUND || status == 404) {
            return schemaNotFound(registry, id, status, errorCode, serverMessage);
        }
        return other(registry, "fetching schema id " + id, status, errorCode, serverMessage);
    }

    /** No schema has {@code id}: the record came from another registry, or this one lost its schemas. */
    static SchemaRegistryException schemaNotFound(String registry, int id, int status, int errorCode,
                                                  String serverMessage) {
        return new SchemaRegistryException("Schema id " + id + " was not found in the schema registry at " + registry
                + " (" + codes(status, errorCode) + ")" + detail(serverMessage) + ". The record was written with a"
                + " schema registered in another registry, or this registry lost its schemas (an in-memory or"
                + " mock:// registry starts empty on every run). Point the consumer at the registry the producer used.",
                status, errorCode, null);
    }

    /** No HTTP answer: nothing listens at the URL. */
    static SchemaRegistryException connectionRefused(String registry, Throwable cause) {
        return new SchemaRegistryException("Cannot connect to the schema registry at " + registry
                + ": connection refused. Start the registry, or check the schema registry URL (scheme, host, port"
                + " and path, e.g. http://127.0.0.1:8081 for Confluent or"
                + " http://127.0.0.1:8081/apis/ccompat/v7 for Apicurio).", NO_STATUS, NO_ERROR_CODE, cause);
    }

    /** No HTTP answer in time. */
    static SchemaRegistryException timedOut(String registry, String operation, java.time.Duration timeout,
                                            Throwable cause) {
        return new SchemaRegistryException("The schema registry at " + registry + " did not answer within " + timeout
                + " while " + operation + ". Check that it is healthy and reachable from here.", NO_STATUS,
                NO_ERROR_CODE, cause);
    }

    /** Any other transport failure. */
    static SchemaRegistryException ioFailed(String registry, String operation, Throwable cause) {
        return new SchemaRegistryException("Talking to the schema registry at " + registry + " failed while "
                + operation + ": " + cause + ". Check the URL and the network.", NO_STATUS, NO_ERROR_CODE, cause);
    }

    private static SchemaRegistryException other(String registry, String operation, int status, int errorCode,
                                                 String serverMessage) {
        String codes = codes(status, errorCode);
        String detail = detail(serverMessage);
        final String advice;
        if (status == 401 || status == 403) {
            advice = "Check the credentials: put them in the URL's user-info (https://user:secret@host/…).";
        } else if (status >= 500) {
            advice = "The registry or its storage is unhealthy: retry later and look at the registry's log.";
        } else if (status == 404) {
            advice = "Check the URL's path: Confluent serves the API at the root, Apicurio under /apis/ccompat/v7.";
        } else {
            advice = "Check the registry's log.";
        }
        return new SchemaRegistryException("The schema registry at " + registry + " answered " + codes + " while "
                + operation + detail + ". " + advice, status, errorCode, null);
    }

    private static String codes(int status, int errorCode) {
        String http = status == NO_STATUS ? "no HTTP status" : "HTTP " + status;
        return errorCode == NO_ERROR_CODE ? http : http + ", error_code " + errorCode;
    }

    private static String detail(String serverMessage) {
        return serverMessage == null || serverMessage.isBlank() ? "" : ": " + serverMessage.strip();
    }
}
