package georisk.local;

/**
 * The embedded broker could not listen because something else already holds one of its ports.
 * The message is one line that names the port, fit to print as is.
 */
public final class BrokerPortInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int port;

    BrokerPortInUseException(final String host, final int port, final Throwable cause) {
        super("Port " + port + " on " + host + " is already in use: stop whatever listens there"
                + " or choose another port (0 picks a free one)", cause);
        this.port = port;
    }

    /** The port that was taken. */
    public int port() {
        return port;
    }
}
