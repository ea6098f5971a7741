package georisk.runtime;

import georisk.api.Readiness;
import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.config.WatchSettings;
import georisk.events.Topics;
import georisk.scoring.AlertPolicy;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.ModelParameters;
import georisk.serde.RegistryHealth;
import georisk.serde.RetryingSchemaRegistryClient;
import georisk.serde.SchemaRegistryClient;
import georisk.serde.SerdeFactory;
import georisk.topology.LatestScores;
import georisk.topology.PoisonRecordHandlers;
import georisk.topology.RiskTopology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scoring topology wired to its settings and run by Kafka Streams: what {@code run} and
 * {@code demo} share. Never cleans up local state at start-up (that is an operator's decision).
 */
public final class ScoringApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScoringApp.class);

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final HostInfo advertised;
    private final Topics topics;
    private final LatestScores latestScores;
    private final RegistryHealth registryHealth;
    /** Pause before the next replacement of a thread that failed on an outage; touched by dying threads only. */
    private volatile long outagePause = 1_000;
    private volatile long lastOutageNanos = System.nanoTime() - TimeUnit.MINUTES.toNanos(5);

    public ScoringApp(final KafkaSettings kafka, final StreamsSettings streamsSettings, final WatchSettings watch,
               final SerdeFactory serdes, final ModelParameters model) {
        this(kafka, streamsSettings, watch, serdes, model, null);
    }

    /**
     * @param advertised where this instance's HTTP API answers other instances ({@code application.server}):
     *                   Streams shares it with the group, so that any instance can say which one holds a dyad;
     *                   null for an instance without the API
     */
    public ScoringApp(final KafkaSettings kafka, final StreamsSettings streamsSettings, final WatchSettings watch,
               final SerdeFactory serdes, final ModelParameters model, final HostInfo advertised) {
        this(kafka, streamsSettings, watch, serdes, model, advertised, Topics.DEFAULT);
    }

    /**
     * As above, on the topics of {@code topics} (a prefixed catalog on a shared cluster): the topology's
     * sources and sinks, and the dead-letter topic of its exception handlers.
     */
    public ScoringApp(final KafkaSettings kafka, final StreamsSettings streamsSettings, final WatchSettings watch,
                      final SerdeFactory serdes, final ModelParameters model, final HostInfo advertised,
                      final Topics topics) {
        this.topics = Objects.requireNonNull(topics, "topics");
        final Properties props = kafka.streamsProperties(streamsSettings);
        if (advertised != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
        }
        this.advertised = advertised;
        // static membership: a restarted instance takes its partitions back at once (see InstanceId)
        // (unless the user set group.instance.id through --kafka-config); Streams adds "-<thread>" per thread
        if (!props.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                && !props.containsKey(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))) {
            props.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                    InstanceId.groupInstanceId(streamsSettings.applicationId(), streamsSettings.stateDir()));
        }
        PoisonRecordHandlers.configure(props, topics);
        this.registryHealth = serdes.registry() instanceof RetryingSchemaRegistryClient retrying
                ? retrying.health() : null;
        final DyadScorer scorer = new DyadScorer(model);
        this.latestScores = new LatestScores(scorer);
        final Topology topology = new RiskTopology(serdes, scorer, new AlertPolicy(model),
                DyadResolver.of(watch.homes(), watch.counterparties()), watch.dedupeHorizon(), topics).build(props);
        this.streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(this::onThreadFailure);
    }

    /**
     * The serdes of a scoring instance: every registry call waits out a short outage (see
     * {@link RetryingSchemaRegistryClient}), and {@code /ready} reports a longer one.
     */
    public static SerdeFactory scoringSerdes(final SchemaRegistryClient registry) {
        return new SerdeFactory(new RetryingSchemaRegistryClient(registry,
                new RegistryHealth(), RetryingSchemaRegistryClient.DEFAULT_BUDGET));
    }

    /**
     * A stream thread died. An outage (registry unreachable, a Kafka timeout) is waited out: the thread is
     * replaced after a pause that doubles with each failure in a row (1 s up to 30 s), and the new thread
     * re-processes from the last commit, so nothing is lost or dead-lettered and there is no busy loop.
     * Anything else (a bug, OutOfMemoryError, the registry refusing georisk's credentials) stops the client
     * on purpose, with the reason in the log: processing resumes from the last commit once it is fixed.
     */
    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onThreadFailure(final Throwable e) {
        if (PoisonRecordHandlers.isTransient(e)) {
            final long now = System.nanoTime();
            if (now - lastOutageNanos > TimeUnit.SECONDS.toNanos(60)) {
                outagePause = 1_000;
            }
            lastOutageNanos = now;
            final long pause = outagePause;
            outagePause = Math.min(outagePause * 2, 30_000);
            log.warn("Stream thread failed on an outage; replacing it in {} ms to process again from the last commit:"
                    + " {}", pause, rootMessage(e));
            try {
                Thread.sleep(pause);
            } catch (final InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        failure.compareAndSet(null, e);
        log.error("Kafka Streams failed; stopping", e);
        running.countDown();
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Starts processing and waits until Streams is RUNNING. */
    public void start(final Duration timeout) throws InterruptedException {
        streams.start();
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Kafka Streams is not RUNNING after " + timeout.toSeconds()
                    + " s (state " + streams.state() + "); is the broker reachable and are the topics created?");
        }
        final Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("Kafka Streams failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * Ready when Streams is RUNNING and the schema registry answered the last time it was needed: what
     * {@code GET /ready} and the compose health check report.
     */
    public Readiness readiness() {
        final KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            return Readiness.notReady("Kafka Streams is " + state);
        }
        final Optional<RegistryHealth.Outage> outage = registryHealth == null ? Optional.empty()
                : registryHealth.outage();
        return outage.map(o -> Readiness.notReady("schema registry unreachable since " + o.since()
                + "; scoring waits for it: " + o.reason())).orElse(Readiness.READY);
    }

    /** True while the schema registry does not answer (see {@link RegistryHealth}). */
    public boolean registryUnreachable() {
        return registryHealth != null && registryHealth.outage().isPresent();
    }

    /** The Streams client, for interactive queries and its metrics. */
    public KafkaStreams streams() {
        return streams;
    }

    /** A dyad's latest score from its state, with this instance's model, for interactive queries. */
    public LatestScores latestScores() {
        return latestScores;
    }

    /** The topics this instance reads and writes. */
    public Topics topics() {
        return topics;
    }

    /** This instance's {@code application.server}, or null when it has none. */
    public HostInfo advertised() {
        return advertised;
    }

    /** Why Streams stopped, if it failed. */
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
