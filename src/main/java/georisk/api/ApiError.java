package georisk.api;

import java.util.Map;

/**
 * A request that ends with an error status: answered in the one JSON error shape, with {@code headers}
 * (e.g. {@code Retry-After}, {@code WWW-Authenticate}) added.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    ApiError(final int status, final String message) {
        this(status, message, Map.of());
    }

    ApiError(final int status, final String message, final Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** 400, for a path or query parameter: the message names it, {@code window: must be one of 1d|7d|30d}. */
    static ApiError badParameter(final String parameter, final String reason) {
        return new ApiError(400, parameter + ": " + reason);
    }

    /** 503 with {@code Retry-After: 1}: the answer exists, just not now. */
    static ApiError unavailable(final String reason) {
        return new ApiError(503, reason, Map.of("Retry-After", "1"));
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
