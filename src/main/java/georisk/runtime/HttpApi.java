package georisk.runtime;

import georisk.api.ApiServer;
import georisk.api.EventIntake;
import georisk.api.RequestMetrics;
import georisk.api.Readiness;
import georisk.config.KafkaSettings;
import georisk.config.SettingException;
import georisk.config.WatchSettings;
import georisk.events.Topics;
import georisk.ingest.EventPublisher;
import georisk.ingest.HttpEventIntake;
import georisk.query.KafkaRiskQueries;
import georisk.query.OutputFeed;
import georisk.query.OutputMetrics;
import georisk.query.RiskQueries;
import georisk.serde.SerdeFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The HTTP API of one scoring instance, wired: interactive queries over its Kafka Streams stores, a feed of
 * the output topics (dyads, alerts, live updates, georisk's metrics), Prometheus metrics of Streams, its
 * clients and the JVM, and event intake when a token is configured. What {@code run}, {@code demo} and
 * {@code bench-api} share.
 */
public final class HttpApi implements AutoCloseable {
    /** Recent alerts every instance keeps for {@code GET /api/alerts}. */
    public static final int ALERT_CAPACITY = 1000;
    /** How long {@code POST /api/events} waits for Kafka's acknowledgement before answering 503. */
    public static final Duration EVENT_ACK_TIMEOUT = Duration.ofSeconds(10);
    /** How long the producer of {@code POST /api/events} waits for Kafka's metadata (max.block.ms). */
    public static final Duration EVENT_MAX_BLOCK = Duration.ofSeconds(5);

    private final ApiServer server;
    private final OutputFeed feed;
    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> resources = new ArrayList<>();

    /**
     * @param app      the scoring instance, built with {@code advertised} as its {@code application.server}
     * @param host     the address the API binds
     * @param port     the port it binds: the advertised one (never 0 here, see {@link #port})
     * @param apiToken bearer token of {@code POST /api/events}; null or blank disables it
     */
    public HttpApi(final ScoringApp app, final KafkaSettings kafka, final SerdeFactory serdes, final WatchSettings watch,
            final String host, final int port, final String apiToken) {
        this(app, kafka, serdes, watch, host, port, apiToken, StreamLimits.DEFAULTS);
    }

    /**
     * How many live event streams the API serves at once.
     *
     * @param total     in all
     * @param perClient to one client address
     */
    public record StreamLimits(int total, int perClient) {
        public static final StreamLimits DEFAULTS =
                new StreamLimits(ApiServer.DEFAULT_MAX_STREAMS, ApiServer.DEFAULT_MAX_STREAMS_PER_CLIENT);
    }

    /** As above, with the limits of the live event streams. */
    public HttpApi(final ScoringApp app, final KafkaSettings kafka, final SerdeFactory serdes, final WatchSettings watch,
            final String host, final int port, final String apiToken, final StreamLimits streamLimits) {
        final HostInfo self = Objects.requireNonNull(app.advertised(), "the scoring app has no application.server");
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                kafka.consumerProperties("georisk-feed-" + self.host() + "-" + self.port()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        final Topics topics = app.topics();
        this.feed = new OutputFeed(consumer, serdes.valueSerde(topics.riskScores()).deserializer(),
                serdes.valueSerde(topics.riskAlerts()).deserializer(), ALERT_CAPACITY, topics);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final OutputMetrics outputs = new OutputMetrics();
        outputs.bindWhenCaughtUp(registry, feed);
        feed.subscribe(outputs);
        feed.onDeadLetter(outputs);
        bind(new KafkaStreamsMetrics(app.streams()));
        bind(new KafkaClientMetrics(consumer));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        bind(new JvmGcMetrics());
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("georisk.build.info", () -> 1).tag("version", version())
                .description("1, with the version of georisk as a label").register(registry);
        Gauge.builder("georisk.streams.running", app, a -> a.streams().state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while Kafka Streams is RUNNING, 0 otherwise (starting, rebalancing, stopped, failed)")
                .register(registry);
        Gauge.builder("georisk.registry.unreachable", app, a -> a.registryUnreachable() ? 1 : 0)
                .description("1 while the schema registry does not answer and scoring waits for it").register(registry);

        final RiskQueries queries = new KafkaRiskQueries(app.streams(), self, feed, watchedDyads(watch), app.latestScores());
        final ApiServer.Builder builder = ApiServer.builder(host, port).readiness(() -> readiness(app, feed)).queries(queries)
                .metrics(registry::scrape).meters(registry).requestObserver(new RequestMetrics(registry))
                .streamLimits(streamLimits.total(), streamLimits.perClient());
        if (apiToken != null && !apiToken.isBlank()) {
            final EventPublisher publisher = eventPublisher(kafka, serdes, topics);
            resources.add(publisher);
            builder.events(eventIntake(publisher), apiToken);
        }
        this.server = builder.build();
    }

    /** Where this instance's metrics are registered: what {@code /metrics} serves. */
    public MeterRegistry registry() {
        return registry;
    }

    /** georisk's version, as {@code --version} gives it, without the name. */
    public static String version() {
        return BuildInfo.version();
    }

    /** Starts serving and reading the output topics; returns the bound port. */
    public int start() {
        final int bound = server.start();
        feed.start();
        return bound;
    }

    @Override
    public void close() {
        server.close();
        feed.close();
        for (final AutoCloseable r : resources) {
            try {
                r.close();
            } catch (final Exception e) {
                // closing on the way out: nothing more to do
            }
        }
        registry.close();
    }

    /**
     * The producer path of {@code POST /api/events}, bounded in time so that a request never hangs on a Kafka
     * that does not answer: {@code max.block.ms} 5 s (metadata), {@code request.timeout.ms} 5 s and
     * {@code delivery.timeout.ms} 10 s (the acknowledgement timeout), unless the user's Kafka properties say
     * otherwise.
     */
    public static EventPublisher eventPublisher(final KafkaSettings kafka, final SerdeFactory serdes,
                                                final Topics topics) {
        final Properties p = kafka.producerProperties("georisk-http-events");
        p.putIfAbsent("max.block.ms", String.valueOf(EVENT_MAX_BLOCK.toMillis()));
        p.putIfAbsent("request.timeout.ms", String.valueOf(EVENT_MAX_BLOCK.toMillis()));
        // Kafka refuses a delivery timeout below linger.ms + request.timeout.ms, which the user may have raised
        final long floor = Long.parseLong(p.getProperty("linger.ms", "0"))
                + Long.parseLong(p.getProperty("request.timeout.ms"));
        p.putIfAbsent("delivery.timeout.ms", String.valueOf(Math.max(EVENT_ACK_TIMEOUT.toMillis(), floor)));
        return new EventPublisher(p, serdes, topics);
    }

    /**
     * {@code POST /api/events} as the API sees it: {@link HttpEventIntake} (the producer path of
     * {@code georisk produce}) with its outcomes told in the API's terms (400 for a bad body, 503 when Kafka or the
     * registry cannot take the events now).
     */
    public static EventIntake eventIntake(final EventPublisher publisher) {
        final HttpEventIntake intake = new HttpEventIntake(publisher, EVENT_ACK_TIMEOUT);
        return json -> {
            try {
                return intake.publish(json).stream()
                        .map(a -> new EventIntake.Accepted(a.id(), a.partition(), a.offset())).toList();
            } catch (final HttpEventIntake.InvalidEventsException e) {
                throw new EventIntake.InvalidEventException(e.getMessage());
            } catch (final HttpEventIntake.UnavailableException e) {
                throw new EventIntake.IntakeUnavailableException(e.getMessage(), e.getCause());
            }
        };
    }

    /** Ready when Streams is RUNNING and the output feed reads: the feed serves alerts, the live stream and metrics. */
    public static Readiness readiness(final ScoringApp app, final OutputFeed feed) {
        final Readiness streams = app.readiness();
        return streams.ready() ? feed.failure().map(Readiness::notReady).orElse(streams) : streams;
    }

    private <T extends AutoCloseable & io.micrometer.core.instrument.binder.MeterBinder> void bind(final T binder) {
        binder.bindTo(registry);
        resources.add(binder);
    }

    /** HOME-COUNTERPARTY for every home and watched counterparty; empty when every counterparty is watched. */
    public static List<String> watchedDyads(final WatchSettings watch) {
        final TreeSet<String> dyads = new TreeSet<>(Comparator.naturalOrder());
        for (final String home : watch.homes()) {
            for (final String counterparty : watch.counterparties()) {
                dyads.add(home + "-" + counterparty);
            }
        }
        return List.copyOf(dyads);
    }

    /**
     * The port to bind and advertise: {@code port}, or when it is 0 a free one found now. Streams needs the
     * port in {@code application.server} before the server binds, so "any free port" is chosen here.
     */
    public static int port(final String host, final int port) {
        if (port < 0 || port > 65_535) {
            throw new SettingException("http-port", port, "must be between 0 and 65535 (0 picks a free port)");
        }
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("no free port on " + host + ": " + e.getMessage(), e);
        }
    }

    /**
     * The host other instances reach this one at: {@code advertised} when given, else the bind host, else (bound
     * to every address) this machine's name.
     */
    public static String advertisedHost(final String advertised, final String bindHost) {
        if (advertised != null && !advertised.isBlank()) {
            return advertised.strip();
        }
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::") && !bindHost.equals("[::]")) {
            return bindHost;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (final IOException e) {
            return "localhost";
        }
    }
}
