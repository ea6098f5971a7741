package georisk.cli;

import georisk.alerting.AlertDelivery;
import georisk.config.AlertWebhook;
import georisk.config.KafkaSettings;
import georisk.config.SettingException;
import georisk.config.StreamsSettings;
import georisk.config.TopicSettings;
import georisk.config.WatchSettings;
import georisk.events.RiskAlert;
import georisk.events.RiskScore;
import georisk.events.Topics;
import georisk.ingest.EventPublisher;
import georisk.ingest.Scenario;
import georisk.local.EmbeddedKafka;
import georisk.runtime.AlertWebhooks;
import georisk.runtime.HttpApi;
import georisk.runtime.ScoringApp;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.topology.Names;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code georisk demo}: everything in one process — an embedded KRaft broker, the in-memory schema
 * registry, topic creation, the built-in scenario replayed, the scoring topology — and the scores
 * printed as they arrive.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run georisk end to end on this machine: starts an embedded Kafka broker (KRaft) and an "
                + "in-memory schema registry, creates the topics, replays the built-in scenario (Canada's relations "
                + "with the U.S. and China, 2018-2026) and prints each dyad's risk score and each alert as they arrive. Runs until "
                + "Ctrl-C; --once exits when the scenario is fully scored.", "",
                "Examples:", "  georisk demo --once", "  georisk demo --port 29092 --data-dir demo-data",
                "  kcat -b 127.0.0.1:9092 -C -t risk-scores   (while the demo runs)", ""})
final class DemoCommand implements Callable<Integer> {
    private static final String REGISTRY_SCOPE = "georisk-demo";
    private static final String REGISTRY_URL = "mock://" + REGISTRY_SCOPE;
    /** The demo's HTTP API listens on loopback only: it is for this machine's browser. */
    private static final String HTTP_HOST = "127.0.0.1";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:GEORISK_DEMO_PORT:-9092}",
            description = "Port of the embedded broker on 127.0.0.1; 0 picks a free one "
                    + "(env GEORISK_DEMO_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the broker's data and the Streams state here, across runs. "
                    + "Default: a temporary directory removed at exit.")
    Path dataDir;

    @Option(names = "--once", description = "Exit when every event of the scenario is scored.")
    boolean once;

    @Option(names = "--pace", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:GEORISK_DEMO_PACE:-100ms}",
            description = "Pause between replayed events, so scores arrive one by one; 0ms replays at full speed "
                    + "(default ${DEFAULT-VALUE}).")
    Duration pace;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "120s",
            description = "With --once: how long to wait for the scenario to be scored (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    WatchOptions watch;
    @Mixin
    ModelOptions model;
    @Mixin
    AlertOptions alerts;
    @Mixin
    LoggingOptions logging;
    @Mixin
    TopicNameOptions names;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:GEORISK_HTTP_PORT:-8080}",
            description = "Port of the HTTP API on 127.0.0.1 (REST under /api, live feed /api/stream, /openapi.json, "
                    + "/metrics); 0 picks a free one (env GEORISK_HTTP_PORT; default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--api-token", paramLabel = "TOKEN", defaultValue = "${env:GEORISK_API_TOKEN}",
            description = "Bearer token that POST /api/events requires; without one, posting events is disabled "
                    + "(env GEORISK_API_TOKEN).")
    String apiToken;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions of each topic (default ${DEFAULT-VALUE}: the scenario is scored in the order "
                    + "it happened, so the alerts tell its story in order; scores are the same with more).")
    int partitions;

    /** The topics of this run (set first thing in {@link #call}). */
    private Topics catalog = Topics.DEFAULT;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        logging.apply();
        final List<AlertWebhook> webhooks = alerts.webhooks();
        catalog = names.topics();
        final WatchSettings watchSettings = watch.settings();
        model.parameters();  // a bad model file stops the demo before the broker starts
        final TopicSettings topicSettings = new TopicSettings(partitions, (short) 1, Map.of());
        if (port < 0 || port > 65535) {
            throw new SettingException("port", "GEORISK_DEMO_PORT", port, "must be between 0 and 65535");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new SettingException("http-port", httpPort, "must be between 0 and 65535");
        }
        final Scenario scenario = Scenario.builtIn();
        final Map<String, Long> expected = LocalRun.eventsPerDyad(scenario, watchSettings);
        if (expected.isEmpty()) {
            throw new SettingException("counterparties", "", "no event of the scenario involves the "
                    + "watched dyads; the built-in scenario is about CAN with USA and CHN");
        }
        out.printf("georisk demo: %d events of the built-in scenario, dyads %s%n", scenario.events().size(),
                String.join(", ", expected.keySet()));

        final Path base = dataDir != null ? Files.createDirectories(dataDir) : LocalRun.scratchDirectory("georisk-demo-");
        // Ctrl-C: stop following, then let the main thread close Streams and the broker before the JVM exits
        final Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "georisk-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (EmbeddedKafka kafka = startBroker(out, base)) {
            final KafkaSettings kafkaSettings = new KafkaSettings(kafka.bootstrapServers(), REGISTRY_URL, Map.of());
            out.printf("[2/5] Schema registry: in memory (%s)%n", REGISTRY_URL);
            out.println("[3/5] Topics:");
            TopicsCommand.Create.print(out, TopicsCommand.Create.create(kafkaSettings, topicSettings, catalog), topicSettings);
            final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(REGISTRY_URL));
            final StreamsSettings streamsSettings = new StreamsSettings(Names.DEFAULT_APPLICATION_ID,
                    base.resolve("state"), 1, 1, StreamsSettings.DEFAULT_COMMIT_INTERVAL);
            final int apiPort = HttpApi.port(HTTP_HOST, httpPort);
            try (ScoringApp app = startStreams(out, kafkaSettings, streamsSettings, watchSettings, serdes,
                    new HostInfo(HTTP_HOST, apiPort));
                 HttpApi api = new HttpApi(app, kafkaSettings, serdes, watchSettings, HTTP_HOST, apiPort, apiToken);
                 AlertDelivery delivery = AlertWebhooks.start(webhooks, kafkaSettings, serdes, api.registry(),
                         streamsSettings.applicationId(), true, catalog);
                 KafkaConsumer<String, byte[]> outputs = outputConsumer(kafkaSettings)) {
                AlertOptions.announce(out, webhooks, streamsSettings.applicationId());
                final String url = "http://" + HTTP_HOST + ":" + api.start();
                out.printf("      Dashboard and HTTP API on %s/%n", url);
                out.printf("      (GET /api/dyads, /api/dyads/CAN-USA/score, /api/stream, /openapi.json, /metrics; "
                        + "POST /api/events %s)%n", apiToken == null || apiToken.isBlank()
                        ? "disabled: no --api-token" : "with the --api-token");
                out.printf("[5/5] Replaying the scenario (a pause of %d ms between events); scores as they arrive:%n%n",
                        pace.toMillis());
                final AtomicReference<Exception> replayFailure = new AtomicReference<>();
                final Thread replay = replay(kafkaSettings, serdes, scenario, replayFailure);
                final Map<String, RiskScore> latest = follow(out, outputs, serdes, app, expected, replayFailure);
                replay.interrupt();
                replay.join(10_000);
                new ScoreTable(out).summary(latest.values());
                if (app.failure() != null) {
                    throw new IllegalStateException("Kafka Streams failed: " + app.failure().getMessage(), app.failure());
                }
                if (once && !complete(latest, expected)) {
                    out.printf("%nNot every event was scored within %d s.%n", timeout.toSeconds());
                    return 1;
                }
                out.printf("%nStopping ...%n");
                out.flush();
            }
        } finally {
            if (dataDir == null) {
                LocalRun.deleteRecursively(base);
            }
            InMemorySchemaRegistry.dropScope(REGISTRY_SCOPE);
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already running the hook
            }
        }
        return 0;
    }

    private EmbeddedKafka startBroker(final PrintWriter out, final Path base) {
        out.printf("[1/5] Starting an embedded Kafka broker (KRaft) on 127.0.0.1:%s ...%n", port == 0 ? "<free port>" : port);
        out.flush();
        final long t0 = System.nanoTime();
        final EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()
                .withPort(port).withDataDir(base.resolve("kafka")).withDefaultPartitions(partitions)).start();
        out.printf("      ready at %s in %.1f s%n", kafka.bootstrapServers(), seconds(t0));
        return kafka;
    }

    private ScoringApp startStreams(final PrintWriter out, final KafkaSettings kafka, final StreamsSettings streams,
                                    final WatchSettings watchSettings, final SerdeFactory serdes,
                                    final HostInfo advertised) throws InterruptedException {
        out.printf("[4/5] Starting the scoring topology (Kafka Streams, exactly-once, state in %s) ...%n",
                streams.stateDir());
        out.flush();
        final long t0 = System.nanoTime();
        final ScoringApp app = new ScoringApp(kafka, streams, watchSettings, serdes, model.parameters(), advertised,
                catalog);
        try {
            app.start(Duration.ofSeconds(60));
        } catch (final RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
        out.printf("      RUNNING in %.1f s%n", seconds(t0));
        return app;
    }

    private Thread replay(final KafkaSettings kafka, final SerdeFactory serdes, final Scenario scenario,
                          final AtomicReference<Exception> failure) {
        final Thread t = new Thread(() -> {
            try (EventPublisher publisher = new EventPublisher(kafka.producerProperties("georisk-demo"), serdes, catalog)) {
                publisher.publish(scenario, pace.toMillis());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (final Exception e) {
                failure.set(e);
            }
        }, "georisk-demo-replay");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Prints every score and alert as it arrives, until Ctrl-C or, with --once, until the scenario is
     * scored.
     */
    private Map<String, RiskScore> follow(final PrintWriter out, final KafkaConsumer<String, byte[]> outputs,
                                          final SerdeFactory serdes, final ScoringApp app,
                                          final Map<String, Long> expected,
                                          final AtomicReference<Exception> replayFailure) throws Exception {
        final Deserializer<RiskScore> scoreReader = serdes.valueSerde(catalog.riskScores()).deserializer();
        final Deserializer<RiskAlert> alertReader = serdes.valueSerde(catalog.riskAlerts()).deserializer();
        final ScoreTable table = new ScoreTable(out);
        table.header();
        final Map<String, RiskScore> latest = new TreeMap<>();
        final long deadline = System.nanoTime() + timeout.toNanos();
        boolean announced = false;
        int alerts = 0;
        while (stop.getCount() > 0 && app.failure() == null) {
            if (replayFailure.get() != null) {
                throw replayFailure.get();
            }
            for (final ConsumerRecord<String, byte[]> r : outputs.poll(Duration.ofMillis(200))) {
                if (r.topic().equals(catalog.riskAlerts().name())) {
                    table.alert(alertReader.deserialize(r.topic(), r.headers(), r.value()));
                    alerts++;
                    continue;
                }
                if (latest.isEmpty()) {
                    out.printf("      (first score %.1f s after the command started)%n", secondsSinceJvmStart());
                }
                final RiskScore score = scoreReader.deserialize(r.topic(), r.headers(), r.value());
                latest.put(r.key(), score);
                table.row(score);
            }
            if (complete(latest, expected)) {
                if (once) {
                    break;
                }
                if (!announced) {
                    out.printf("%nThe scenario is scored (%d alerts). georisk keeps running: publish more events to "
                            + "%s on the broker above, or press Ctrl-C to stop.%n", alerts, catalog.geoEvents().name());
                    out.flush();
                    announced = true;
                }
            } else if (once && System.nanoTime() > deadline) {
                break;
            }
        }
        return latest;
    }

    private static boolean complete(final Map<String, RiskScore> latest, final Map<String, Long> expected) {
        return expected.entrySet().stream().allMatch(e ->
                Optional.ofNullable(latest.get(e.getKey())).map(RiskScore::getEventCount).orElse(0L) >= e.getValue());
    }

    /** Reads risk-scores and risk-alerts from the start, without a consumer group (nothing to rebalance). */
    private KafkaConsumer<String, byte[]> outputConsumer(final KafkaSettings kafka) {
        final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("georisk-demo"),
                new StringDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = Stream.of(catalog.riskScores().name(), catalog.riskAlerts().name())
                .flatMap(topic -> consumer.partitionsFor(topic).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static double seconds(final long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double secondsSinceJvmStart() {
        return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    }

}
