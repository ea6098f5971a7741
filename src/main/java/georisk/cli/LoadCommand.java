package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.events.Topics;
import georisk.config.SettingException;
import georisk.config.TopicSettings;
import georisk.ingest.EventPublisher;
import georisk.ingest.IngestReport;
import georisk.ingest.RatePacer;
import georisk.ingest.SyntheticEvents;
import georisk.local.EmbeddedKafka;
import georisk.runtime.RequiredTopics;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SerdeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code georisk load}: synthetic events at a target rate for benchmarks and soak tests, through the same
 * producer path as {@code produce} (validation, serdes, keys, error handling); prints the rate achieved.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish synthetic events to geo-events at a target rate, for benchmarks and soak tests, "
                + "through the same producer path as 'produce'. The dyads are CAN with USA, CHN, then MEX, JPN, GBR, "
                + "DEU, ... (--dyads); the mix has more statements and threats than acts, some cooperation and rare "
                + "military action; event time follows the clock, a share of events is late (hours to days behind) "
                + "and a share re-sends an earlier event with the same id. Prints progress every 5 s, then the rate "
                + "achieved (events acknowledged per second) and a summary.", "",
                "Examples:",
                "  georisk load --embedded --rate 5000 --duration 30s   (a benchmark)",
                "  georisk load --bootstrap-servers broker:9092 \\",
                "      --schema-registry-url http://registry:8081 \\",
                "      --rate 200 --dyads 10 --duration 2h                (a soak test)",
                ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:every event was acknowledged", " 1:any was rejected", " 2:bad options"})
final class LoadCommand implements Callable<Integer> {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final String EMBEDDED_REGISTRY_SCOPE = "georisk-load";

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "1000",
            description = "Target events per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--dyads", paramLabel = "N", defaultValue = "2",
            description = "Counterparties of the home country CAN: USA, CHN, then MEX, JPN, GBR, DEU, KOR, IND, ... "
                    + "up to 40 (default ${DEFAULT-VALUE}). Beyond 2, run the topology with --counterparties '*' "
                    + "to score them.")
    int dyads;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "How long to send: 30s, 10m, 2h (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--late-fraction", paramLabel = "F", defaultValue = "0.02",
            description = "Share of events hours to days behind the clock (default ${DEFAULT-VALUE}).")
    double lateFraction;

    @Option(names = "--duplicate-fraction", paramLabel = "F", defaultValue = "0.01",
            description = "Share of events that re-send an earlier event, same id (default ${DEFAULT-VALUE}).")
    double duplicateFraction;

    @Option(names = "--seed", paramLabel = "N",
            description = "Random seed, for a reproducible sequence (default: random, printed).")
    Long seed;

    @Option(names = "--embedded",
            description = "Start an embedded Kafka broker on a free port with an in-memory schema registry, create the "
                    + "topics and send to it; --bootstrap-servers and --schema-registry-url are ignored.")
    boolean embedded;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "With --embedded: partitions of each topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    ConnectionOptions connection;
    @Mixin
    TopicNameOptions names;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final SyntheticEvents.Settings generatorSettings = generatorSettings();
        final Topics catalog = names.topics();
        final Thread hook = new Thread(() -> {
            // Ctrl-C: stop sending, let the main thread flush, print the summary and close the broker
            stop.countDown();
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "georisk-load-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!embedded) {
                final KafkaSettings kafka = connection.settings();
                RequiredTopics.require(kafka, List.of(catalog.geoEvents(), catalog.deadLetters()));
                return send(out, kafka, generatorSettings, catalog);
            }
            final TopicSettings topics = new TopicSettings(partitions, (short) 1, Map.of());
            out.printf("Starting an embedded Kafka broker (KRaft) ...%n");
            out.flush();
            try (EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()
                    .withDefaultPartitions(partitions)).start()) {
                final KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(),
                        "mock://" + EMBEDDED_REGISTRY_SCOPE, connection.kafkaConfig);
                out.printf("Broker at %s, schema registry in memory (%s); topics:%n", kafka.bootstrapServers(),
                        settings.schemaRegistryUrl());
                TopicsCommand.Create.print(out, TopicsCommand.Create.create(settings, topics, catalog), topics);
                return send(out, settings, generatorSettings, catalog);
            } finally {
                InMemorySchemaRegistry.dropScope(EMBEDDED_REGISTRY_SCOPE);
            }
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already running the hook
            }
        }
    }

    private SyntheticEvents.Settings generatorSettings() {
        if (rate < 1) {
            throw SettingException.flag("rate", rate, "must be at least 1 event per second");
        }
        if (dyads < 1 || dyads > SyntheticEvents.COUNTERPARTIES.size()) {
            throw SettingException.flag("dyads", dyads, "must be between 1 and " + SyntheticEvents.COUNTERPARTIES.size());
        }
        if (duration.isNegative() || duration.isZero()) {
            throw SettingException.flag("duration", duration, "must be positive, e.g. 30s");
        }
        fraction("late-fraction", lateFraction);
        fraction("duplicate-fraction", duplicateFraction);
        if (lateFraction + duplicateFraction > 1) {
            throw SettingException.flag("late-fraction", lateFraction, "--late-fraction and --duplicate-fraction add up "
                    + "to more than 1");
        }
        if (partitions < 1) {
            throw SettingException.flag("partitions", partitions, "must be at least 1");
        }
        final long s = seed != null ? seed : new SplittableRandom().nextLong();
        // a fresh id prefix per run, so a second run's events are not dropped downstream as duplicates of the first
        final String prefix = "load-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        return new SyntheticEvents.Settings(dyads, lateFraction, duplicateFraction, s, prefix);
    }

    private static void fraction(final String name, final double value) {
        if (!(value >= 0 && value <= 1)) {
            throw SettingException.flag(name, value, "must be between 0 and 1");
        }
    }

    private int send(final PrintWriter out, final KafkaSettings kafka, final SyntheticEvents.Settings settings,
                     final Topics catalog) throws InterruptedException {
        final SerdeFactory serdes = new SerdeFactory(ConnectionOptions.registry(kafka));
        final SyntheticEvents generator = new SyntheticEvents(settings, Instant::now);
        out.printf(Locale.ROOT, "Sending %,d events/s for %s to %s: dyads %s, late %.1f %%, duplicates %.1f %%, seed %d%n",
                rate, human(duration), kafka.bootstrapServers(),
                String.join(", ", generator.counterparties().stream().map(c -> SyntheticEvents.HOME + "-" + c).toList()),
                settings.lateFraction() * 100, settings.duplicateFraction() * 100, settings.seed());
        out.flush();
        final IngestReport report = new IngestReport();
        try (EventPublisher publisher = new EventPublisher(kafka.producerProperties("georisk-load"), serdes, report, catalog)) {
            report.restartClock();
            final long start = System.nanoTime();
            final long end = start + duration.toNanos();
            final RatePacer pacer = new RatePacer(rate, System::nanoTime, RatePacer.Sleeper.SYSTEM);
            long nextProgress = start + PROGRESS_EVERY.toNanos();
            long offered = 0;
            while (System.nanoTime() < end && stop.getCount() > 0) {
                final int n = pacer.acquire();
                for (int i = 0; i < n; i++) {
                    final SyntheticEvents.Generated g = generator.next();
                    report.recordRead();
                    publisher.publish(g.event());
                    if (g.late()) {
                        report.recordLate();
                    }
                    if (g.duplicate()) {
                        report.recordDuplicate();
                    }
                }
                offered += n;
                final long now = System.nanoTime();
                if (now >= nextProgress) {
                    nextProgress += PROGRESS_EVERY.toNanos();
                    out.printf(Locale.ROOT, "  %4.0f s: %,d sent, %,.0f events/s, %,d duplicates, %,d late, %,d rejected%n",
                            (now - start) / 1e9, report.sent(), report.sent() / ((now - start) / 1e9),
                            report.duplicates(), report.late(), report.rejected());
                    out.flush();
                }
            }
            final double sendingSeconds = (System.nanoTime() - start) / 1e9;
            // the achieved rate counts acknowledged events, so wait for the last acknowledgement
            publisher.flush();
            report.stop();
            out.printf(Locale.ROOT, "%nAchieved %,.0f events/s (target %,d/s): %,d events acknowledged in %.1f s "
                            + "(%,d offered in %.1f s), %,d duplicates, %,d late, %,d rejected.%n",
                    report.sentPerSecond(), rate, report.sent(), report.elapsed().toNanos() / 1e9, offered,
                    sendingSeconds, report.duplicates(), report.late(), report.rejected());
            report.print(out, catalog);
        }
        return report.exitCode();
    }

    private static String human(final Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
