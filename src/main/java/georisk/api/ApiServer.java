package georisk.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import georisk.query.AlertView;
import georisk.query.Answer;
import georisk.query.DyadSummary;
import georisk.query.HistoryWindow;
import georisk.query.RiskQueries;
import georisk.query.ScoreBar;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.util.JavalinLogger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * georisk's HTTP server, on Javalin (Jetty): the REST API over {@link RiskQueries}, the live feed as
 * Server-Sent Events, event intake, the static dashboard, Prometheus metrics, health and readiness.
 *
 * <p>Built, not started, by {@link #builder}; {@code runtime.HttpApi} starts it with {@link #start()} and stops it with
 * {@link #close()}. An instance starts at most once. Routes (each in {@link OpenApi#DOCUMENT} too):
 * <ul>
 *   <li>{@code GET /api/dyads}: the watched dyads with their latest headline;</li>
 *   <li>{@code GET /api/dyads/{dyad}/score}: the dyad's current score, components and drivers;</li>
 *   <li>{@code GET /api/dyads/{dyad}/history?window=1d|7d|30d&from=&to=}: its score bars, every day (days
 *       without events carry the decayed close, marked {@code decayed});</li>
 *   <li>{@code GET /api/model}: the risk model in use: level bands, hysteresis, baseline, half-life;</li>
 *   <li>{@code GET /api/alerts?limit=}: the most recent alerts;</li>
 *   <li>{@code GET /api/stream}: Server-Sent Events {@code score} and {@code alert};</li>
 *   <li>{@code POST /api/events}: publishes events, with the configured bearer token;</li>
 *   <li>{@code GET /openapi.json}, {@code GET /metrics}, {@code GET /health} (liveness), {@code GET /ready}.</li>
 * </ul>
 * A question about one dyad is answered by the instance that holds it: asked elsewhere, the request is
 * forwarded there and the answer relayed, so every instance gives the same answer; the response header
 * {@value #SERVED_BY} names the instance whose stores answered.
 *
 * <p>Every error has one JSON shape, {@code {"status":404,"error":"Not Found","message":"<one line>"}}: an unknown
 * path, a bad parameter (400, the message names it), a query no instance can answer now (503, with
 * {@code Retry-After}), and (as 500) any handler failure.
 *
 * <p>The event stream is bounded ({@link #DEFAULT_MAX_STREAMS} streams, {@link #DEFAULT_MAX_STREAMS_PER_CLIENT}
 * per client address unless configured; 503 beyond), and so is every stream's queue: see {@code SseFanout}.
 */
public final class ApiServer implements AutoCloseable {
    /** Response header: the instance ({@code host:port}) whose stores answered a dyad's question. */
    public static final String SERVED_BY = "X-Georisk-Served-By";
    /** Request header of a forwarded question: the forwarding instance; the receiver never forwards again. */
    public static final String FORWARDED_BY = "X-Georisk-Forwarded-By";
    /** Event streams served at once by default. */
    public static final int DEFAULT_MAX_STREAMS = 1000;
    /** Event streams served at once to one client address by default. */
    public static final int DEFAULT_MAX_STREAMS_PER_CLIENT = 32;
    /** The largest body {@code POST /api/events} accepts by default: 64 KiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 64 * 1024;
    /** Context attribute: the template of the route that answered, for {@link RequestObserver}. */
    private static final String ROUTE = "georisk.route";
    /** The content type of {@code GET /metrics}: Prometheus' text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /** Request attribute: the stream's place was taken before it opened. */
    private static final String STREAM_PLACE = "georisk.stream.place";
    private static final int DEFAULT_ALERTS = 50;
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);
    /** Dates as ISO strings, records in declaration order: the same answer gives the same bytes everywhere. */
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final String host;
    private final int port;
    private final Supplier<Readiness> readiness;
    private final RiskQueries queries;
    private final EventIntake intake;
    private final byte[] token;
    private final int maxEventBytes;
    private final Supplier<String> metrics;
    private final RequestObserver requestObserver;
    private final Forwarder forwarder;
    private final SseFanout fanout;
    private final List<String> routes = new ArrayList<>();
    private final Javalin app;

    private boolean started;
    private boolean closed;

    private ApiServer(final Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.readiness = b.readiness;
        this.queries = Objects.requireNonNull(b.queries, "queries");
        this.intake = b.intake;
        this.token = b.token == null ? null : b.token.getBytes(StandardCharsets.UTF_8);
        this.maxEventBytes = b.maxEventBytes;
        this.metrics = b.metrics;
        this.requestObserver = b.requestObserver;
        this.forwarder = new Forwarder(b.forwardTimeout);
        this.fanout = new SseFanout(JSON, queries, b.keepAlive, b.sseLimits, b.meters);
        this.app = Javalin.create(this::configure);
    }

    /**
     * @param host the address to listen on ("0.0.0.0" in containers, "127.0.0.1" for a local demo)
     * @param port the port to listen on; 0 takes any free port ({@link #start()} says which)
     */
    public static Builder builder(final String host, final int port) {
        return new Builder(host, port);
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

    /** Stops serving (and ends the open event streams); safe to call more than once, or without {@link #start()}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        fanout.close();
        if (started) {
            app.stop();
        }
    }

    /** How many event streams are open now. */
    int streams() {
        return fanout.clients();
    }

    /** {@code METHOD /path} of every route, as registered: what the OpenAPI document must describe. */
    List<String> routes() {
        return List.copyOf(routes);
    }

    private void configure(final JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        // cli builds the server before Kafka Streams is up and starts it later: no "never started" warning
        config.startup.startupWatcherEnabled = false;
        // Javalin's own startup lines ("Starting Javalin", "Listening on") are replaced by one line of ours;
        // Jetty logs through SLF4J and is held at WARN by the logging configuration
        JavalinLogger.startupInfo = false;
        config.jsonMapper(new JavalinJackson(JSON, false));
        // the dashboard (index.html at /) and the libraries it loads from WebJars (/webjars/uplot/...)
        // "georisk-web" cannot be a Java package, so no test-classes folder can shadow the dashboard
        config.staticFiles.add("/georisk-web", Location.CLASSPATH);
        config.staticFiles.enableWebjars();
        if (requestObserver != null) {
            config.requestLogger.http((ctx, millis) -> observe(ctx, millis));
        }
        final JavalinDefaultRoutingApi r = config.routes;
        errors(r);
        operations(r);
        dyads(r);
        alerts(r);
        stream(r);
        events(r);
    }

    /** Liveness, readiness, metrics and this API's description. */
    private void operations(final JavalinDefaultRoutingApi r) {
        route(r, HandlerType.GET, "/health", ctx -> ctx.json(new StatusBody("UP")));
        route(r, HandlerType.GET, "/ready", this::ready);
        route(r, HandlerType.GET, "/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.get()));
        route(r, HandlerType.GET, "/openapi.json", ctx -> ctx.contentType("application/json").result(OpenApi.DOCUMENT));
    }

    private void ready(final Context ctx) {
        final Readiness now = Objects.requireNonNull(readiness.get(), "the readiness supplier returned null");
        if (now.ready()) {
            ctx.json(new StatusBody("READY"));
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(new NotReadyBody("NOT_READY", now.reason()));
        }
    }

    /** The dyads, and each dyad's score and history, answered by the instance that holds it. */
    private void dyads(final JavalinDefaultRoutingApi r) {
        route(r, HandlerType.GET, "/api/dyads", ctx -> ctx.json(new DyadsBody(queries.dyads())));
        route(r, HandlerType.GET, "/api/model", ctx -> ctx.json(queries.model()));
        route(r, HandlerType.GET, "/api/dyads/{dyad}/score", ctx -> {
            final String dyad = Params.dyad(ctx.pathParam("dyad"));
            answer(ctx, dyad, queries.score(dyad), score -> score);
        });
        route(r, HandlerType.GET, "/api/dyads/{dyad}/history", ctx -> {
            final String dyad = Params.dyad(ctx.pathParam("dyad"));
            final HistoryWindow window = Params.window(ctx.queryParam("window"));
            final Instant from = Params.time("from", ctx.queryParam("from"), false);
            final Instant to = Params.time("to", ctx.queryParam("to"), true);
            if (from != null && to != null && from.isAfter(to)) {
                throw ApiError.badParameter("from", "must not be after to (from " + from + ", to " + to + ")");
            }
            answer(ctx, dyad, queries.history(dyad, window, from == null ? EARLIEST : from, to == null ? LATEST : to),
                    bars -> new HistoryBody(dyad, window.label(), from, to, bars));
        });
    }

    private void alerts(final JavalinDefaultRoutingApi r) {
        route(r, HandlerType.GET, "/api/alerts", ctx -> {
            final int limit = Params.integer("limit", ctx.queryParam("limit"), 1, queries.alertCapacity(),
                    Math.min(DEFAULT_ALERTS, queries.alertCapacity()));
            ctx.json(new AlertsBody(queries.alerts(limit)));
        });
    }

    /** Server-Sent Events: {@code event: score} and {@code event: alert}, each with one JSON object. */
    private void stream(final JavalinDefaultRoutingApi r) {
        // Javalin streams only when Accept is exactly text/event-stream; say so instead of an empty 200
        r.before("/api/stream", ctx -> {
            ctx.attribute(ROUTE, "/api/stream");
            if (!"text/event-stream".equals(ctx.header("Accept"))) {
                throw new ApiError(406, "GET /api/stream is a Server-Sent-Events stream: send the header "
                        + "Accept: text/event-stream (a browser's EventSource does)");
            }
            // the limits are checked before the stream opens, so that a refusal is an ordinary 503
            if (ctx.method() == HandlerType.GET) {
                final String refusal = fanout.reserve(ctx.req().getRemoteAddr());
                if (refusal != null) {
                    throw ApiError.unavailable(refusal);
                }
                ctx.attribute(STREAM_PLACE, Boolean.TRUE);
            }
        });
        routes.add("GET /api/stream");
        r.sse("/api/stream", client -> fanout.connect(client, client.ctx().req().getRemoteAddr(),
                Boolean.TRUE.equals(client.ctx().attribute(STREAM_PLACE))));
    }

    /** Event intake over HTTP, for the holders of the token. */
    private void events(final JavalinDefaultRoutingApi r) {
        route(r, HandlerType.POST, "/api/events", ctx -> {
            authorize(ctx);
            final String body = body(ctx);
            final List<EventIntake.Accepted> accepted;
            try {
                accepted = intake.publish(body);
            } catch (final EventIntake.InvalidEventException e) {
                throw new ApiError(400, e.getMessage());
            } catch (final EventIntake.IntakeUnavailableException e) {
                throw ApiError.unavailable(e.getMessage());
            }
            ctx.status(HttpStatus.ACCEPTED).json(new AcceptedBody(accepted));
        });
    }

    private void authorize(final Context ctx) {
        if (token == null) {
            throw new ApiError(403, "POST /api/events is disabled: start georisk with --api-token TOKEN "
                    + "(or GEORISK_API_TOKEN) to accept events from holders of that bearer token");
        }
        final String header = ctx.header("Authorization");
        final String prefix = "Bearer ";
        final boolean bearer = header != null && header.regionMatches(true, 0, prefix, 0, prefix.length());
        // compared in constant time: the answer's timing says nothing about the token
        if (!bearer || !MessageDigest.isEqual(token,
                header.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, bearer ? "the bearer token is not the one configured"
                    : "send the API token: Authorization: Bearer TOKEN",
                    Map.of("WWW-Authenticate", "Bearer realm=\"georisk\""));
        }
    }

    /** The request body as UTF-8, at most {@code maxEventBytes}, whatever Content-Length says (or not). */
    private String body(final Context ctx) throws IOException {
        final String tooLarge = "the body is larger than " + maxEventBytes + " bytes; send fewer events per request";
        if (ctx.req().getContentLengthLong() > maxEventBytes) {
            throw new ApiError(413, tooLarge);
        }
        final byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(maxEventBytes + 1);
        }
        if (bytes.length > maxEventBytes) {
            throw new ApiError(413, tooLarge);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Writes an answer about {@code dyad}: found here, missing here, held elsewhere, or unavailable now. */
    private <T> void answer(final Context ctx, final String dyad, final Answer<T> answer,
                            final Function<T, Object> body) {
        if (answer instanceof Answer.Found<T> found) {
            ctx.header(SERVED_BY, found.servedBy()).json(body.apply(found.value()));
        } else if (answer instanceof Answer.Missing<T> missing) {
            ctx.header(SERVED_BY, missing.servedBy());
            throw new ApiError(404, missing.reason());
        } else if (answer instanceof Answer.Elsewhere<T> elsewhere) {
            final String from = ctx.header(FORWARDED_BY);
            if (from != null) {
                // the instance that forwarded this thinks we hold the dyad, we think it is elsewhere: a
                // rebalance is moving it; forwarding again could loop
                throw ApiError.unavailable(dyad + " is moving between instances (" + from + " sent the request to "
                        + queries.instance() + ", which sees it on " + elsewhere.address() + "); retry shortly");
            }
            forwarder.forward(ctx, elsewhere.address(), queries.instance(), dyad);
        } else if (answer instanceof Answer.Unavailable<T> unavailable) {
            throw ApiError.unavailable(unavailable.reason());
        }
    }

    private void route(final JavalinDefaultRoutingApi r, final HandlerType method, final String path,
                       final Handler handler) {
        routes.add(method.name() + " " + path);
        r.addHttpHandler(method, path, ctx -> {
            ctx.attribute(ROUTE, path);
            handler.handle(ctx);
        });
    }

    /** Tells the observer of a request answered: its route's template, never the path as sent. */
    private void observe(final Context ctx, final Float millis) {
        try {
            final String matched = ctx.attribute(ROUTE);
            final String route = matched != null ? matched
                    : ctx.statusCode() == 404 ? RequestObserver.UNMATCHED : RequestObserver.STATIC;
            requestObserver.observe(ctx.method().name(), route, ctx.statusCode(), millis == null ? 0 : millis / 1e3);
        } catch (final RuntimeException e) {
            log.debug("request metrics: {}", e.toString());
        }
    }

    /**
     * One JSON error shape for every route, present and future. The handlers never throw: Javalin 7 answers an
     * exception thrown by an exception handler by queueing the same handler again, so one that fails on every call
     * (a request Jetty has already recycled, where every accessor of the context throws) loops for ever and floods
     * the log. What a handler cannot answer it logs once, at debug, and leaves.
     */
    static void errors(final JavalinDefaultRoutingApi r) {
        r.exception(ApiError.class, (e, ctx) -> answer(ctx, e, () -> {
            e.headers().forEach(ctx::header);
            error(ctx, e.status(), e.getMessage());
        }));
        // unknown paths arrive as Javalin's EndpointNotFound, a NotFoundResponse
        r.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e, () -> error(ctx, e.getStatus(),
                e.getMessage())));
        r.exception(Exception.class, (e, ctx) -> answer(ctx, e, () -> {
            final String request = ctx.method() + " " + ctx.path();
            log.error("{} failed", request, e);
            error(ctx, 500, request + " failed; the server log has the details");
        }));
    }

    /** Runs an exception handler's answer; when the request is gone (or anything else fails) logs and returns. */
    private static void answer(final Context ctx, final Exception cause, final Runnable answer) {
        try {
            answer.run();
        } catch (final RuntimeException e) {
            // typically the client went away and Jetty recycled the request: there is no one to answer
            log.debug("Could not answer with an error response ({}); the exception it would have answered:",
                    e.toString(), cause);
        }
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

    /** What an {@link ApiServer} is built from; only the queries are required. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Supplier<Readiness> readiness = () -> Readiness.READY;
        private RiskQueries queries;
        private EventIntake intake;
        private String token;
        private int maxEventBytes = DEFAULT_MAX_EVENT_BYTES;
        private Supplier<String> metrics = () -> "";
        private RequestObserver requestObserver;
        private Duration keepAlive = Duration.ofSeconds(15);
        private Duration forwardTimeout = Duration.ofSeconds(10);
        private SseFanout.Limits sseLimits = SseFanout.Limits.DEFAULTS;
        private MeterRegistry meters = new SimpleMeterRegistry();

        private Builder(final String host, final int port) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("API host must not be blank");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("API port must be 0..65535 (0 = any free port), was " + port);
            }
            this.host = host;
            this.port = port;
        }

        /** Asked on every {@code GET /ready}; must be cheap and thread-safe. Default: always ready. */
        public Builder readiness(final Supplier<Readiness> supplier) {
            this.readiness = Objects.requireNonNull(supplier, "readiness");
            return this;
        }

        /** What the API answers from. Required. */
        public Builder queries(final RiskQueries riskQueries) {
            this.queries = Objects.requireNonNull(riskQueries, "queries");
            return this;
        }

        /**
         * Accepts {@code POST /api/events} from requests with {@code Authorization: Bearer <apiToken>}. Without a
         * token (null or blank) the route answers 403 and says how to enable it.
         */
        public Builder events(final EventIntake eventIntake, final String apiToken) {
            this.intake = Objects.requireNonNull(eventIntake, "intake");
            this.token = apiToken == null || apiToken.isBlank() ? null : apiToken.strip();
            return this;
        }

        /** The largest request body of {@code POST /api/events}, in bytes (default 64 KiB). */
        public Builder maxEventBytes(final int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the event body limit must be at least 1 byte, was " + bytes);
            }
            this.maxEventBytes = bytes;
            return this;
        }

        /** The text of {@code GET /metrics}, in Prometheus' format (e.g. {@code PrometheusMeterRegistry::scrape}). */
        public Builder metrics(final Supplier<String> prometheusText) {
            this.metrics = Objects.requireNonNull(prometheusText, "metrics");
            return this;
        }

        /** Told of every request answered, e.g. {@link RequestMetrics}. Default: none. */
        public Builder requestObserver(final RequestObserver observer) {
            this.requestObserver = Objects.requireNonNull(observer, "requestObserver");
            return this;
        }

        /** How often an idle event stream gets a comment line (default 15 s). */
        public Builder keepAlive(final Duration period) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("the keep-alive period must be positive, was " + period);
            }
            this.keepAlive = period;
            return this;
        }

        /**
         * How many event streams are served at once, in all and to one client address (defaults
         * {@link ApiServer#DEFAULT_MAX_STREAMS} and {@link ApiServer#DEFAULT_MAX_STREAMS_PER_CLIENT}); beyond them
         * {@code GET /api/stream} answers 503.
         */
        public Builder streamLimits(final int maxStreams, final int maxStreamsPerClient) {
            if (maxStreams < 1) {
                throw new IllegalArgumentException("the stream limit must be at least 1, was " + maxStreams);
            }
            if (maxStreamsPerClient < 1) {
                throw new IllegalArgumentException("the per-client stream limit must be at least 1, was "
                        + maxStreamsPerClient);
            }
            this.sseLimits = new SseFanout.Limits(maxStreams, maxStreamsPerClient, sseLimits.maxQueuedFrames());
            return this;
        }

        /** For tests: how many frames may wait for one stream's client before it is cut off (default 1,024). */
        Builder streamQueue(final int frames) {
            this.sseLimits = new SseFanout.Limits(sseLimits.maxStreams(), sseLimits.maxStreamsPerClient(), frames);
            return this;
        }

        /** Where the server counts its event streams ({@code georisk_sse_*}); default a registry of its own. */
        public Builder meters(final MeterRegistry registry) {
            this.meters = Objects.requireNonNull(registry, "meters");
            return this;
        }

        /** How long a forwarded question may take (default 10 s). */
        public Builder forwardTimeout(final Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the forward timeout must be positive, was " + timeout);
            }
            this.forwardTimeout = timeout;
            return this;
        }

        /** A server, not started. */
        public ApiServer build() {
            if (queries == null) {
                throw new IllegalStateException("an ApiServer needs its queries");
            }
            if (token != null && intake == null) {
                throw new IllegalStateException("an API token without an event intake");
            }
            return new ApiServer(this);
        }
    }

    record StatusBody(String status) { }

    record NotReadyBody(String status, String reason) { }

    record ErrorBody(int status, String error, String message) { }

    record DyadsBody(List<DyadSummary> dyads) { }

    record AlertsBody(List<AlertView> alerts) { }

    record HistoryBody(String dyad, String window, Instant from, Instant to, List<ScoreBar> bars) { }

    record AcceptedBody(List<EventIntake.Accepted> accepted) { }
}
