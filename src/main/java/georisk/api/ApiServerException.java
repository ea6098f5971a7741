package georisk.api;

/**
 * The HTTP API could not start; the message is one line that names the address, e.g.
 * {@code HTTP API cannot listen on 0.0.0.0:8080: port 8080 is already in use}.
 */
public final class ApiServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ApiServerException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
