package georisk.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import io.javalin.util.JavalinLogger;
import java.net.BindException;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * georisk's HTTP server, on Javalin (Jetty).
 *
 * <p>Built, not started, by its constructor; {@code cli} starts it with {@link #start()} and stops it with
 * {@link #close()}. An instance starts at most once. Routes are grouped by capability, one method each;
 * today only the operations endpoints that health checks call:
 * <ul>
 *   <li>{@code GET /health}: {@code 200 {"status":"UP"}} while the process serves (liveness);</li>
 *   <li>{@code GET /ready}: {@code 200 {"status":"READY"}}, or
 *       {@code 503 {"status":"NOT_READY","reason":"..."}}, from the {@link Readiness} supplier.</li>
 * </ul>
 * Every error has one JSON shape, {@code {"status":404,"error":"Not Found","message":"<one line>"}}: an unknown
 * path, an {@link HttpResponseException} thrown by a handler, and (as 500) any other handler failure.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final String host;
    private final int port;
    private final Supplier<Readiness> readiness;
    private final Javalin app;

    private boolean started;
    private boolean closed;

    /**
     * @param host      the address to listen on ("0.0.0.0" in containers, "127.0.0.1" for a local demo)
     * @param port      the port to listen on; 0 takes any free port ({@link #start()} says which)
     * @param readiness asked on every {@code GET /ready}; must be cheap and thread-safe
     */
    public ApiServer(final String host, final int port, final Supplier<Readiness> readiness) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("API host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("API port must be 0..65535 (0 = any free port), was " + port);
        }
        this.host = host;
        this.port = port;
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.app = Javalin.create(this::configure);
    }

    /**
     * Binds and starts serving.
     *
     * @return the bound port (the chosen one when constructed with port 0)
     * @throws ApiServerException with a one-line message naming the address, e.g. when the port is in use
     */
    public synchronized int start() {
        if (closed) {
            throw new IllegalStateException("the HTTP API was closed; build a new ApiServer");
        }
        if (started) {
            throw new IllegalStateException("the HTTP API is already started");
        }
        started = true;
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            throw new ApiServerException("HTTP API cannot listen on " + host + ":" + port + ": " + why(e), e);
        }
        final int bound = app.port();
        log.info("HTTP API listening on http://{}:{}", host, bound);
        return bound;
    }

    /** Stops serving; safe to call more than once, or without {@link #start()}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            app.stop();
        }
    }

    private void configure(final JavalinConfig config) {
        config.showJavalinBanner = false;
        // cli builds the server before Kafka Streams is up and starts it later: no "never started" warning
        config.startupWatcherEnabled = false;
        // Javalin's own startup lines ("Starting Javalin", "Listening on") are replaced by one line of ours;
        // Jetty logs through SLF4J and is held at WARN by the logging configuration
        JavalinLogger.startupInfo = false;
        config.router.mount(routes -> {
            errors(routes);
            operations(routes);
        });
    }

    /** Liveness and readiness, for docker-compose and orchestrators. */
    private void operations(final JavalinDefaultRouting routes) {
        routes.get("/health", ctx -> ctx.json(new StatusBody("UP")));
        routes.get("/ready", this::ready);
    }

    private void ready(final Context ctx) {
        final Readiness now = Objects.requireNonNull(readiness.get(), "the readiness supplier returned null");
        if (now.ready()) {
            ctx.json(new StatusBody("READY"));
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(new NotReadyBody("NOT_READY", now.reason()));
        }
    }

    /** One JSON error shape for every route, present and future. */
    private static void errors(final JavalinDefaultRouting routes) {
        // unknown paths arrive as Javalin's EndpointNotFound, a NotFoundResponse
        routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, ctx.method() + " " + ctx.path() + " failed; the server log has the details");
        });
    }

    private static void error(final Context ctx, final int status, final String message) {
        final String text = message == null || message.isBlank() ? HttpStatus.forStatus(status).getMessage() : message;
        ctx.status(status).json(new ErrorBody(status, HttpStatus.forStatus(status).getMessage(), oneLine(text)));
    }

    /** Why the server could not start, in a few words. */
    private String why(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                final String reason = String.valueOf(t.getMessage());
                if (reason.contains("in use")) {
                    return "port " + port + " is already in use";
                }
                if (reason.contains("Permission denied")) {
                    return "port " + port + " needs elevated privileges";
                }
                return oneLine(reason);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return oneLine(root.toString());
    }

    private static String oneLine(final String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    record StatusBody(String status) { }

    record NotReadyBody(String status, String reason) { }

    record ErrorBody(int status, String error, String message) { }
}
