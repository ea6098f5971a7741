package georisk.cli;

import georisk.api.Readiness;
import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.config.WatchSettings;
import georisk.scoring.AlertPolicy;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.ModelParameters;
import georisk.serde.SerdeFactory;
import georisk.topology.LatestScores;
import georisk.topology.RiskTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scoring topology wired to its settings and run by Kafka Streams: what {@code run} and
 * {@code demo} share. Never cleans up local state at start-up (that is an operator's decision).
 */
final class ScoringApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScoringApp.class);

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final HostInfo advertised;
    private final LatestScores latestScores;

    ScoringApp(final KafkaSettings kafka, final StreamsSettings streamsSettings, final WatchSettings watch,
               final SerdeFactory serdes, final ModelParameters model) {
        this(kafka, streamsSettings, watch, serdes, model, null);
    }

    /**
     * @param advertised where this instance's HTTP API answers other instances ({@code application.server}):
     *                   Streams shares it with the group, so that any instance can say which one holds a dyad;
     *                   null for an instance without the API
     */
    ScoringApp(final KafkaSettings kafka, final StreamsSettings streamsSettings, final WatchSettings watch,
               final SerdeFactory serdes, final ModelParameters model, final HostInfo advertised) {
        final Properties props = kafka.streamsProperties(streamsSettings);
        if (advertised != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
        }
        this.advertised = advertised;
        final DyadScorer scorer = new DyadScorer(model);
        this.latestScores = new LatestScores(scorer);
        final Topology topology = new RiskTopology(serdes, scorer, new AlertPolicy(model),
                DyadResolver.of(watch.homes(), watch.counterparties()), watch.dedupeHorizon()).build(props);
        this.streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        // a bug in one record must not take a thread down silently: stop the client and say why
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            log.error("Kafka Streams failed; stopping", e);
            running.countDown();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /** Starts processing and waits until Streams is RUNNING. */
    void start(final Duration timeout) throws InterruptedException {
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

    /** Ready when Streams is RUNNING: what {@code GET /ready} and the compose health check report. */
    Readiness readiness() {
        final KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING ? Readiness.READY
                : Readiness.notReady("Kafka Streams is " + state);
    }

    /** The Streams client, for interactive queries and its metrics. */
    KafkaStreams streams() {
        return streams;
    }

    /** A dyad's latest score from its state, with this instance's model, for interactive queries. */
    LatestScores latestScores() {
        return latestScores;
    }

    /** This instance's {@code application.server}, or null when it has none. */
    HostInfo advertised() {
        return advertised;
    }

    /** Why Streams stopped, if it failed. */
    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
