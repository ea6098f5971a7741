package georisk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import georisk.config.KafkaSettings;
import georisk.config.SettingException;
import georisk.config.StreamsSettings;
import georisk.config.TopicSettings;
import georisk.config.WatchSettings;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.Topics;
import georisk.ingest.EventPublisher;
import georisk.ingest.IngestReport;
import georisk.ingest.RatePacer;
import georisk.ingest.SyntheticEvents;
import georisk.local.EmbeddedKafka;
import georisk.runtime.ScoringApp;
import georisk.scoring.DyadResolver;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code georisk bench-pipeline}: georisk's whole topology against Kafka Streams' own baselines, on one broker,
 * one input and one set of settings. A measurement, not a test: nothing is asserted.
 */
@Command(name = "bench-pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the scoring pipeline against Kafka Streams itself, on this machine.", "",
                "1. Fills geo-events with N synthetic events over D dyads (as 'georisk load' makes them: 1 %% "
                        + "duplicates, 2 %% late by hours to days).",
                "2. Runs three Kafka Streams applications over that same backlog, one after the other, with the same "
                        + "settings (exactly_once_v2, --partitions, --threads, --commit-interval):",
                "   pass-through  geo-events -> a topic, bytes unchanged: what Kafka Streams costs at all;",
                "   hopping       a count in 10-minute windows advancing by 2 minutes (5 window updates per record) "
                        + "in a RocksDB window store: a typical stateful application;",
                "   georisk       the scoring topology ('georisk run'), reading the same events.",
                "   Each rate is records/s from the first input record to the N-th (start-up and rebalancing "
                        + "excluded). georisk's is counted on risk-scores under read_committed (one score per "
                        + "distinct event; duplicates are dropped, so it expects N minus the duplicates).",
                "   Before the measured runs the three applications read warm-up backlogs (--warmup events each, "
                        + "on topics of their own), as a JMH benchmark runs warm-up iterations: a backfill runs for "
                        + "hours, so its pace is that of compiled code. Warm-up passes go on until the JIT compiled "
                        + "for at most a quarter of each application's pass (or --warmup-passes ran); each pass and "
                        + "the JIT's share of it are printed. --rounds repeats the measured runs, each round over a "
                        + "backlog of its own; every measured rate is printed with the JIT's milliseconds in it.",
                "3. Prints georisk's ratios to both baselines and the bytes georisk's producers wrote to its "
                        + "internal topics (changelogs and repartitions) per event.",
                "4. Then offers events at --rate for --latency-duration to the running georisk and prints the "
                        + "event->score latency p50/p95/p99: from each event's send (at most linger.ms = 5 ms "
                        + "before its append) to its score being readable under read_committed.", "",
                "With more than 40 dyads the events are between made-up country pairs and georisk scores every "
                        + "pair (--home '*'), so D can be thousands.", "",
                "Examples:",
                "  georisk bench-pipeline                                   (200k events, 40 dyads)",
                "  georisk bench-pipeline --dyads 2000 --skip-baselines     (the backfill of many pairs)",
                "  georisk bench-pipeline --events 50000 --latency-duration 10s   (a quick look)",
                "  georisk bench-pipeline --rounds 3                        (each ratio the median of three rounds)",
                ""},
        footer = {"", "Figures on a shared machine are noisy: the header prints the load average; compare runs made "
                + "back to back."})
final class BenchPipelineCommand implements Callable<Integer> {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration WAIT_AT_MOST = Duration.ofMinutes(15);
    private static final Duration SETTLE_AT_MOST = Duration.ofSeconds(60);
    /** A warm-up pass in which the JIT compiled for at most this share of a pipeline's time leaves it warm. */
    private static final double JIT_QUIET = 0.25;
    private static final int REAL_COUNTERPARTIES = SyntheticEvents.COUNTERPARTIES.size();

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "200000",
            description = "Events in the backlog each application reads (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--dyads", paramLabel = "D", defaultValue = "40",
            description = "Dyads the events are spread over: up to 40 are CAN with USA, CHN, MEX, ...; more are made-up "
                    + "pairs scored in every-pair mode, up to 100000 (default ${DEFAULT-VALUE}).")
    int dyads;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
            description = "Partitions of every topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Stream threads of each application (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--commit-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = StreamsSettings.DEFAULT_COMMIT_INTERVAL_TEXT,
            description = "Commit interval of each application (default ${DEFAULT-VALUE}, "
            + "georisk's own).")
    Duration commitInterval;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "5000",
            description = "Events per second offered while latency is measured (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--latency-duration", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "20s", description = "How long latency is measured; 0s skips it (default ${DEFAULT-VALUE}).")
    Duration latencyDuration;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "50000",
            description = "Events of each warm-up pass's backlog (its own topics, prefixed 'warmup<i>-'), read by each "
                    + "pipeline before the measured runs, so that all three are measured after the JIT has compiled "
                    + "their code; 0 measures cold JVM code (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-passes", paramLabel = "N", defaultValue = "8",
            description = "At most this many warm-up passes, 1 to 50: passes stop once the JIT compiled for at most "
                    + "a quarter of each pipeline's time in a pass. On two cores the broker, the clients, Kafka "
                    + "Streams and georisk take several passes to compile (default ${DEFAULT-VALUE}).")
    int warmupPasses;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "Measured rounds, 1 to 20: each fills a backlog of its own (topics prefixed 'round<i>-') "
                    + "and runs the pipelines over it in turn, so that a pass-through of two seconds is measured more "
                    + "than once; with more than one, each round's rates and the median of each ratio are printed, "
                    + "and bytes and latency come from the last round (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--skip-baselines", description = "Run georisk only (its ratios are then not printed).")
    boolean skipBaselines;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed of the synthetic events (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka instead of an embedded broker: a scratch cluster, since the bench writes "
                    + "geo-events and the other georisk topics there (it refuses to run when geo-events holds records).")
    String bootstrapServers;

    @Mixin
    ModelOptions model;
    @Mixin
    TopicNameOptions names;

    private PrintWriter out;
    /** The topics of this run (set first thing in {@link #call}). */
    private Topics catalog = Topics.DEFAULT;

    @Override
    public Integer call() throws Exception {
        validate();
        catalog = names.topics();
        out = spec.commandLine().getOut();
        final String run = Long.toString(System.currentTimeMillis(), 36);
        final String scope = "georisk-bench-pipeline-" + UUID.randomUUID();
        final Path base = LocalRun.scratchDirectory("georisk-bench-pipeline-");
        final double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.printf(Locale.ROOT, "georisk bench-pipeline: %,d events over %,d dyads; %d partitions, %d stream threads, "
                        + "exactly_once_v2, commit every %d ms; %d cores, load average %.2f at start%n", events, dyads,
                partitions, threads, commitInterval.toMillis(), Runtime.getRuntime().availableProcessors(), load);
        out.flush();
        EmbeddedKafka embedded = null;
        try {
            final String bootstrap;
            if (bootstrapServers == null) {
                progress("starting an embedded Kafka broker (KRaft) ...");
                embedded = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withPort(0)
                        .withDataDir(base.resolve("kafka")).withDefaultPartitions(partitions)).start();
                bootstrap = embedded.bootstrapServers();
            } else {
                bootstrap = bootstrapServers;
            }
            final KafkaSettings kafka = new KafkaSettings(bootstrap, "mock://" + scope, Map.of());
            final List<Topics> measured = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                measured.add(rounds == 1 ? catalog : Topics.withPrefix(catalog.prefix() + "round" + r + "-"));
            }
            for (final Topics topics : measured) {
                createEmpty(kafka, topics);
            }
            final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(kafka.schemaRegistryUrl()));
            // the hopping count drops the late events (2 %), as it should, and Kafka Streams logs each dropped window
            // update at WARN: ~20,000 lines for 200k events, which would time the terminal, not the count
            ((Logger) LoggerFactory.getLogger("org.apache.kafka.streams.kstream.internals.KStreamWindowAggregate"))
                    .setLevel(Level.ERROR);

            final List<Map<String, Rate>> passes = warmup > 0 ? warmUp(kafka, base, serdes, run) : List.of();
            final List<Round> results = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                final String round = rounds == 1 ? "" : " (round " + r + ")";
                final String id = rounds == 1 ? run : run + "-r" + r;
                final Topics topics = measured.get(r - 1);
                final Workload workload = new Workload(dyads, seed, "bench-" + id + "-");
                final long expectedScores = fill(kafka, serdes, workload, topics, events);
                Rate passThrough = null;
                Rate hopping = null;
                if (!skipBaselines) {
                    passThrough = baseline(kafka, base, "pass-through" + round, "bench-pass-through-" + id, false,
                            topics, events);
                    hopping = baseline(kafka, base, "hopping" + round, "bench-hopping-" + id, true, topics, events);
                }
                results.add(new Round(passThrough, hopping, georisk(kafka, base, serdes, workload, expectedScores,
                        "georisk" + round, "bench-georisk-" + id, topics, r == rounds && !latencyDuration.isZero())));
            }
            printResult(results, passes);
            out.flush();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            InMemorySchemaRegistry.dropScope(scope);
            LocalRun.deleteRecursively(base);
        }
        return 0;
    }

    private void createEmpty(final KafkaSettings kafka, final Topics topics) throws Exception {
        TopicsCommand.Create.create(kafka, new TopicSettings(partitions, (short) 1, Map.of()), topics);
        requireEmptyInput(kafka, topics);
    }

    /**
     * Warm-up passes, each over a backlog of its own, until one in which the JIT compiled for at most
     * {@link #JIT_QUIET} of each pipeline's time, or {@link #warmupPasses} of them; then waits for the JIT's queue
     * to drain. Returns each pass's rates. A single warm-up is not enough on two cores: the one C2 compiler thread
     * falls behind, its queued methods go stale when the load stops, and the next run compiles them, taking up to a
     * core from the run it is measured in.
     */
    private List<Map<String, Rate>> warmUp(final KafkaSettings kafka, final Path base, final SerdeFactory serdes,
                                           final String run) throws Exception {
        final List<Map<String, Rate>> passes = new ArrayList<>();
        for (int pass = 1; pass <= warmupPasses; pass++) {
            final Topics warm = Topics.withPrefix(catalog.prefix() + "warmup" + pass + "-");
            createEmpty(kafka, warm);
            final Workload workload = new Workload(dyads, seed + pass, "bench-" + run + "-warmup" + pass + "-");
            final long scores = fill(kafka, serdes, workload, warm, warmup);
            final String suffix = " warm-up " + pass;
            final String id = "warmup" + pass + "-" + run;
            final Map<String, Rate> rates = new LinkedHashMap<>();
            if (!skipBaselines) {
                rates.put("pass-through", baseline(kafka, base, "pass-through" + suffix, "bench-pass-through-" + id,
                        false, warm, warmup));
                rates.put("hopping", baseline(kafka, base, "hopping" + suffix, "bench-hopping-" + id, true, warm,
                        warmup));
            }
            rates.put("georisk", georisk(kafka, base, serdes, workload, scores, "georisk" + suffix,
                    "bench-georisk-" + id, warm, false).rate());
            passes.add(rates);
            final boolean quiet = rates.values().stream().allMatch(Rate::jitQuiet);
            progress(String.format(Locale.ROOT, "warm-up pass %d: the JIT compiled for %s%s", pass,
                    String.join(", ", rates.entrySet().stream().map(e -> String.format(Locale.ROOT, "%.0f %% of %s",
                            100 * e.getValue().jitShare(), e.getKey())).toList()),
                    quiet ? ": warm" : pass == warmupPasses ? ": still compiling, but that was the last pass" : ""));
            if (quiet) {
                break;
            }
        }
        settle();
        return passes;
    }

    /** One measured round: the baselines' rates (null when skipped) and georisk's run. */
    private record Round(Rate passThrough, Rate hopping, GeoriskRun georisk) {
    }

    private void printResult(final List<Round> results, final List<Map<String, Rate>> passes) {
        final Round last = results.get(results.size() - 1);
        final GeoriskRun georisk = last.georisk();
        out.printf(Locale.ROOT, "%nRESULT (%,d events over %,d dyads, %d partitions, %d threads, load average %.2f "
                        + "at the end)%n", events, dyads, partitions, threads,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, "  %-17s %10s %9s %12s %8s%n", "PIPELINE", "RECORDS", "SECONDS", "RECORDS/S", "JIT MS");
        for (int r = 0; r < results.size(); r++) {
            final Round round = results.get(r);
            final String suffix = results.size() == 1 ? "" : " #" + (r + 1);
            if (round.passThrough() != null) {
                round.passThrough().print(out, "pass-through" + suffix);
                round.hopping().print(out, "hopping" + suffix);
            }
            round.georisk().rate().print(out, "georisk" + suffix);
        }
        if (last.passThrough() != null) {
            ratio(results, "georisk / hopping      ", Round::hopping, "0.6");
            ratio(results, "georisk / pass-through ", Round::passThrough, "0.25");
        }
        out.printf(Locale.ROOT, "  georisk internal topics: %,.0f bytes per event (target <= 1,536)%n",
                georisk.internalBytes() / (double) events);
        georisk.internalBytesByTopic().forEach((topic, bytes) -> out.printf(Locale.ROOT,
                "      %-60s %,14d bytes  %,8.0f per event%n", topic, bytes, bytes / (double) events));
        for (int p = 0; p < passes.size(); p++) {
            out.printf(Locale.ROOT, "  warm-up pass %d (%,d events): %s%n", p + 1, warmup,
                    String.join(", ", passes.get(p).entrySet().stream().map(e -> String.format(Locale.ROOT,
                            "%s %,.0f records/s (JIT %.0f %%)", e.getKey(), e.getValue().perSecond(),
                            100 * e.getValue().jitShare())).toList()));
        }
        if (georisk.latency() != null) {
            georisk.latency().print(out, rate, latencyDuration, dyads);
        }
    }

    /** georisk's ratio to a baseline: the one round's, or the median of the rounds' with their range. */
    private void ratio(final List<Round> results, final String label,
                       final java.util.function.Function<Round, Rate> baseline, final String target) {
        final double[] ratios = results.stream()
                .mapToDouble(r -> r.georisk().rate().perSecond() / baseline.apply(r).perSecond()).sorted().toArray();
        if (ratios.length == 1) {
            out.printf(Locale.ROOT, "  %s %.2f x  (target >= %s)%n", label, ratios[0], target);
            return;
        }
        final int n = ratios.length;
        final double median = n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
        out.printf(Locale.ROOT, "  %s %.2f x  median of %d rounds, %.2f to %.2f  (target >= %s)%n", label, median, n,
                ratios[0], ratios[n - 1], target);
    }

    private void validate() {
        if (events < 1) {
            throw SettingException.flag("events", events, "must be at least 1");
        }
        if (dyads < 1 || dyads > 100_000) {
            throw SettingException.flag("dyads", dyads, "must be between 1 and 100000");
        }
        if (warmup < 0) {
            throw SettingException.flag("warmup", warmup, "must be 0 (no warm-up) or more events");
        }
        if (warmupPasses < 1 || warmupPasses > 50) {
            throw SettingException.flag("warmup-passes", warmupPasses, "must be between 1 and 50");
        }
        if (rounds < 1 || rounds > 20) {
            throw SettingException.flag("rounds", rounds, "must be between 1 and 20");
        }
        if (partitions < 1) {
            throw SettingException.flag("partitions", partitions, "must be at least 1");
        }
        if (threads < 1) {
            throw SettingException.flag("threads", threads, "must be at least 1");
        }
        if (rate < 1) {
            throw SettingException.flag("rate", rate, "must be at least 1 event per second");
        }
        if (latencyDuration.isNegative()) {
            throw SettingException.flag("latency-duration", latencyDuration, "must not be negative");
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw SettingException.flag("commit-interval", commitInterval, "must be positive");
        }
    }

    /**
     * Waits (at most {@link #SETTLE_AT_MOST}) for the JIT compilers to drain their queue after a warm-up: on two cores
     * the embedded broker, the clients, Kafka Streams and georisk make thousands of methods hot, and a compiler
     * thread still compiling them takes a core from the measured run.
     */
    private void settle() throws InterruptedException {
        long before = jitMillis();
        if (before < 0) {
            return;
        }
        final long start = System.nanoTime();
        while (System.nanoTime() - start < SETTLE_AT_MOST.toNanos()) {
            Thread.sleep(500);
            final long now = jitMillis();
            if (now - before < 25) {
                break;
            }
            before = now;
        }
        progress(String.format(Locale.ROOT, "JIT settled in %.1f s (%,d ms compiling in all so far)",
                (System.nanoTime() - start) / 1e9, jitMillis()));
    }

    private void progress(final String line) {
        out.println("  " + line);
        out.flush();
    }

    private void requireEmptyInput(final KafkaSettings kafka, final Topics topics) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            final Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                ends.put(new TopicPartition(topics.geoEvents().name(), p), OffsetSpec.latest());
            }
            final long records = admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(r -> r.offset()).sum();
            if (records > 0) {
                throw SettingException.flag("bootstrap-servers", kafka.bootstrapServers(), topics.geoEvents().name()
                        + " already holds " + records + " records; the bench needs a scratch cluster");
            }
        }
    }

    /** Publishes the backlog; returns how many scores georisk will write for it (distinct events). */
    private long fill(final KafkaSettings kafka, final SerdeFactory serdes, final Workload workload, final Topics topics,
                      final int events) throws Exception {
        progress(String.format(Locale.ROOT, "filling %s with %,d events ...", topics.geoEvents().name(), events));
        final IngestReport report = new IngestReport();
        final long start = System.nanoTime();
        long next = start + PROGRESS_EVERY.toNanos();
        long duplicates = 0;
        try (EventPublisher publisher = new EventPublisher(kafka.producerProperties("georisk-bench-fill"), serdes,
                report, topics)) {
            for (int i = 0; i < events; i++) {
                final SyntheticEvents.Generated g = workload.next(0.02, 0.01);
                if (g.duplicate()) {
                    duplicates++;
                } else {
                    workload.scored(g.event());
                }
                publisher.publish(g.event());
                if (System.nanoTime() >= next) {
                    next += PROGRESS_EVERY.toNanos();
                    progress(String.format(Locale.ROOT, "  %,d / %,d sent", i + 1, events));
                }
            }
            publisher.flush();
        }
        if (report.rejected() > 0) {
            throw new IllegalStateException(report.rejected() + " synthetic events were rejected");
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        progress(String.format(Locale.ROOT, "filled in %.1f s (%,.0f events/s): %,d distinct events, %,d duplicates",
                seconds, events / seconds, events - duplicates, duplicates));
        return events - duplicates;
    }

    /** A plain Kafka Streams application over the backlog, counted by a peek as the records arrive. */
    private Rate baseline(final KafkaSettings kafka, final Path base, final String name, final String appId,
                          final boolean windowed, final Topics topics, final int events) throws Exception {
        final String output = appId + "-out";
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            admin.createTopics(List.of(new NewTopic(output, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        final Counter counter = new Counter();
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<byte[], byte[]> input = builder.stream(topics.geoEvents().name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("source-geo-events"))
                .peek((k, v) -> counter.tick(), Named.as("count-records"));
        if (windowed) {
            input.groupByKey(Grouped.with("group-by-key", Serdes.ByteArray(), Serdes.ByteArray()))
                    .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(10), Duration.ofMinutes(1))
                            .advanceBy(Duration.ofMinutes(2)))
                    .count(Named.as("count-windows"), Materialized.<byte[], Long, WindowStore<Bytes, byte[]>>as(
                            "hopping-counts").withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long()))
                    .toStream(Named.as("counts-to-stream"))
                    .map((w, count) -> KeyValue.pair(w.key(), count), Named.as("unwindow"))
                    .to(output, Produced.with(Serdes.ByteArray(), Serdes.Long()).withName("sink-counts"));
        } else {
            input.to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("sink-records"));
        }
        final Properties props = kafka.streamsProperties(streamsSettings(appId, base));
        progress(String.format(Locale.ROOT, "%s: starting ...", name));
        try (KafkaStreams streams = new KafkaStreams(builder.build(props), props)) {
            streams.start();
            return counter.await(name, events);
        }
    }

    private StreamsSettings streamsSettings(final String appId, final Path base) {
        return new StreamsSettings(appId, base.resolve("state-" + appId), threads, 1, commitInterval);
    }

    private GeoriskRun georisk(final KafkaSettings kafka, final Path base, final SerdeFactory serdes,
                               final Workload workload, final long expected, final String name, final String appId,
                               final Topics topics, final boolean measureLatency) throws Exception {
        progress(name + ": starting ...");
        final Counter counter = new Counter();
        final Map<String, Latency.Dyad> offered = new ConcurrentHashMap<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final Deserializer<RiskScore> scores = serdes.valueSerde(topics.riskScores()).deserializer();
        final Latency latency = new Latency();
        final Thread reader = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                    kafka.consumerProperties("georisk-bench-scores"), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                final List<TopicPartition> parts = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    parts.add(new TopicPartition(topics.riskScores().name(), p));
                }
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                while (!stop.get()) {
                    for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        if (counter.count() < expected) {
                            counter.tick();
                            continue;
                        }
                        final long now = System.nanoTime();
                        final RiskScore s = scores.deserialize(r.topic(), r.headers(), r.value());
                        final Latency.Dyad dyad = offered.get(s.getDyad());
                        if (dyad != null) {
                            dyad.scored(s.getEventCount(), now, latency);
                        }
                    }
                }
            }
        }, "georisk-bench-scores");
        reader.setDaemon(true);
        final WatchSettings watch = workload.watch();
        try (ScoringApp app = new ScoringApp(kafka, streamsSettings(appId, base), watch, serdes, model.parameters(),
                null, topics)) {
            reader.start();
            app.start(Duration.ofSeconds(120));
            final Rate rate = counter.await(name, expected);
            final Map<String, Long> bytes = internalBytes(app.streams(), appId);
            final long total = bytes.values().stream().mapToLong(Long::longValue).sum();
            Latency measured = null;
            if (measureLatency) {
                measured = offer(kafka, serdes, workload, topics, offered, latency);
            }
            return new GeoriskRun(rate, total, bytes, measured);
        } finally {
            stop.set(true);
            reader.join(10_000);
        }
    }

    /** Bytes the application's producers sent to its own internal topics (changelogs, repartitions). */
    private static Map<String, Long> internalBytes(final KafkaStreams streams, final String appId) {
        final Map<String, Long> bytes = new java.util.TreeMap<>();
        for (final Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
            final MetricName name = m.getKey();
            final String topic = name.tags().get("topic");
            if ("producer-topic-metrics".equals(name.group()) && "byte-total".equals(name.name()) && topic != null
                    && topic.startsWith(appId + "-")) {
                final long value = (long) ((Number) m.getValue().metricValue()).doubleValue();
                bytes.merge(topic.substring(appId.length() + 1), value, Long::sum);
            }
        }
        return bytes;
    }

    /**
     * Offers events at the fixed rate and waits for their scores. A dyad's k-th event offered counts as scored
     * when a score of the dyad counts k events more than the backlog gave it: events of one dyad may be scored
     * in another order than they were sent (they cross several input partitions), but every one is counted.
     */
    private Latency offer(final KafkaSettings kafka, final SerdeFactory serdes, final Workload workload,
                          final Topics topics, final Map<String, Latency.Dyad> offered, final Latency latency)
            throws Exception {
        progress(String.format(Locale.ROOT, "latency: offering %,d events/s for %d s ...", rate,
                latencyDuration.toSeconds()));
        final DyadResolver resolver = workload.resolver();
        long count = 0;
        try (EventPublisher publisher = new EventPublisher(kafka.producerProperties("georisk-bench-latency"), serdes,
                topics)) {
            final long start = System.nanoTime();
            final long end = start + latencyDuration.toNanos();
            long next = start + PROGRESS_EVERY.toNanos();
            final RatePacer pacer = new RatePacer(rate, System::nanoTime, RatePacer.Sleeper.SYSTEM);
            while (System.nanoTime() < end) {
                final int n = pacer.acquire();
                for (int i = 0; i < n; i++) {
                    final GeoEvent e = workload.next(0.0, 0.0).event();
                    final Instant now = Instant.now();
                    e.setOccurredAt(now);
                    e.setReportedAt(now);
                    final String dyad = resolver.resolve(e.getActor(), e.getTarget()).orElseThrow().key();
                    offered.computeIfAbsent(dyad, d -> new Latency.Dyad(workload.scoredBefore(d)))
                            .sent(System.nanoTime());
                    publisher.publish(e);
                    count++;
                }
                if (System.nanoTime() >= next) {
                    next += PROGRESS_EVERY.toNanos();
                    progress(String.format(Locale.ROOT, "  %,d offered, %,d scored so far", count, latency.count()));
                }
            }
            publisher.flush();
        }
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (latency.count() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        latency.offered(count);
        return latency;
    }

    /** Synthetic events over the bench's dyads: the load generator's, re-paired beyond its 40 counterparties. */
    private static final class Workload {
        private final int dyads;
        private final SyntheticEvents generator;
        private final SplittableRandom random;
        private final List<String[]> pairs;
        private final Map<String, Long> scored = new java.util.HashMap<>();
        private DyadResolver resolver;

        Workload(final int dyads, final long seed, final String idPrefix) {
            this.dyads = dyads;
            this.generator = new SyntheticEvents(new SyntheticEvents.Settings(Math.min(dyads, REAL_COUNTERPARTIES),
                    0.02, 0.01, seed, idPrefix), Instant::now);
            this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
            this.pairs = dyads <= REAL_COUNTERPARTIES ? List.of() : pairs(dyads);
        }

        /** Beyond 40 dyads: D distinct pairs of made-up alpha-3 codes (AAA, AAB, ...). */
        private static List<String[]> pairs(final int count) {
            int n = 2;
            while (n * (n - 1) / 2 < count) {
                n++;
            }
            final List<String> codes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                codes.add("" + (char) ('A' + i / 676) + (char) ('A' + i / 26 % 26) + (char) ('A' + i % 26));
            }
            final List<String[]> out = new ArrayList<>(count);
            for (int gap = 1; gap < n && out.size() < count; gap++) {
                for (int i = 0; i + gap < n && out.size() < count; i++) {
                    out.add(new String[] {codes.get(i), codes.get(i + gap)});
                }
            }
            return out;
        }

        SyntheticEvents.Generated next(final double late, final double duplicates) {
            SyntheticEvents.Generated g;
            do {
                g = generator.next();
            } while ((g.late() && late == 0) || (g.duplicate() && duplicates == 0));
            if (!pairs.isEmpty() && !g.duplicate()) {
                // a duplicate is the same object as the event it repeats: re-paired already
                final String[] pair = pairs.get(random.nextInt(pairs.size()));
                final boolean flip = random.nextBoolean();
                g.event().setActor(pair[flip ? 1 : 0]);
                g.event().setTarget(pair[flip ? 0 : 1]);
            }
            return g;
        }

        /** Counts an event of the backlog that georisk scores (not a duplicate). */
        void scored(final GeoEvent e) {
            scored.merge(resolver().resolve(e.getActor(), e.getTarget()).orElseThrow().key(), 1L, Long::sum);
        }

        /** Events of the backlog georisk scores for the dyad. */
        long scoredBefore(final String dyad) {
            return scored.getOrDefault(dyad, 0L);
        }

        WatchSettings watch() {
            if (pairs.isEmpty()) {
                return new WatchSettings(Set.of(SyntheticEvents.HOME), Set.of(), Duration.ofDays(3650));
            }
            return WatchSettings.everyPair(Duration.ofDays(3650));
        }

        DyadResolver resolver() {
            if (resolver == null) {
                final WatchSettings w = watch();
                resolver = DyadResolver.of(w.homes(), w.counterparties());
            }
            return resolver;
        }
    }

    /** Counts records as an application sees them and times the first to the last expected. */
    private final class Counter {
        private final AtomicLong count = new AtomicLong();
        private volatile long first;
        private volatile long last;

        /** The JIT's total compile time when the first record was counted, -1 where the JVM does not say. */
        private volatile long jitAtFirst = -1;

        void tick() {
            final long n = count.incrementAndGet();
            if (n == 1) {
                first = System.nanoTime();
                jitAtFirst = jitMillis();
            }
            last = System.nanoTime();
        }

        long count() {
            return count.get();
        }

        Rate await(final String name, final long expected) throws InterruptedException {
            final long deadline = System.nanoTime() + WAIT_AT_MOST.toNanos();
            long next = System.nanoTime() + PROGRESS_EVERY.toNanos();
            while (count.get() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " saw " + count.get() + " of " + expected
                            + " records within " + WAIT_AT_MOST.toMinutes() + " minutes");
                }
                Thread.sleep(20);
                if (System.nanoTime() >= next) {
                    next += PROGRESS_EVERY.toNanos();
                    final long n = count.get();
                    progress(String.format(Locale.ROOT, "  %s: %,d / %,d records, %,.0f records/s so far", name, n,
                            expected, n == 0 ? 0.0 : n / ((System.nanoTime() - first) / 1e9)));
                }
            }
            final long jit = jitAtFirst < 0 ? -1 : jitMillis() - jitAtFirst;
            final Rate rate = new Rate(expected, (last - first) / 1e9, jit);
            progress(String.format(Locale.ROOT, "%s: %,d records in %.1f s, %,.0f records/s%s", name, expected,
                    rate.seconds(), rate.perSecond(), jit < 0 ? "" : String.format(Locale.ROOT,
                            " (JIT compiling %,d ms of it)", jit)));
            return rate;
        }
    }

    /** The JIT compilers' total time so far in ms, -1 where the JVM does not say. */
    private static long jitMillis() {
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit == null || !jit.isCompilationTimeMonitoringSupported() ? -1 : jit.getTotalCompilationTime();
    }

    /**
     * @param jitMillis how long the JIT compilers ran while the records were counted (-1: unknown): compiler
     *                  threads share the cores with the pipeline, and code still being compiled runs slower
     */
    private record Rate(long records, double seconds, long jitMillis) {
        double perSecond() {
            return records / seconds;
        }

        /** The JIT's compile time as a share of the run's time (compiler threads add up, so it can pass 1). */
        double jitShare() {
            return jitMillis < 0 ? 0.0 : jitMillis / (seconds * 1000);
        }

        /** True when the JIT compiled little during the run, or the JVM does not tell. */
        boolean jitQuiet() {
            return jitShare() <= JIT_QUIET;
        }

        void print(final PrintWriter out, final String name) {
            out.printf(Locale.ROOT, "  %-17s %,10d %9.1f %,12.0f %8s%n", name, records, seconds, perSecond(),
                    jitMillis < 0 ? "?" : String.format(Locale.ROOT, "%,d", jitMillis));
        }
    }

    private record GeoriskRun(Rate rate, long internalBytes, Map<String, Long> internalBytesByTopic,
                              Latency latency) {
    }

    /** Latencies in nanoseconds. */
    private static final class Latency {
        private long[] values = new long[1 << 16];
        private int n;
        private long offered;

        /** The events offered to one dyad, in order, and how many of them are scored. */
        static final class Dyad {
            private final long base;
            private long[] sentAt = new long[64];
            private int sent;
            private int scored;

            Dyad(final long base) {
                this.base = base;
            }

            synchronized void sent(final long nanos) {
                if (sent == sentAt.length) {
                    sentAt = Arrays.copyOf(sentAt, sent * 2);
                }
                sentAt[sent++] = nanos;
            }

            synchronized void scored(final long eventCount, final long now, final Latency latency) {
                while (scored < sent && scored < eventCount - base) {
                    latency.add(now - sentAt[scored++]);
                }
            }
        }

        synchronized void add(final long nanos) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = nanos;
        }

        synchronized long count() {
            return n;
        }

        synchronized void offered(final long total) {
            offered = total;
        }

        synchronized double percentile(final double p) {
            if (n == 0) {
                return Double.NaN;
            }
            final long[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            final int rank = (int) Math.ceil(p / 100.0 * n);
            return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
        }

        void print(final PrintWriter out, final int rate, final Duration duration, final int dyads) {
            out.printf(Locale.ROOT, "  event->score latency at %,d events/s for %d s over %,d dyads: p50 %.0f ms, "
                            + "p95 %.0f ms, p99 %.0f ms, max %.0f ms (target p99 <= 250 ms)%n", rate,
                    duration.toSeconds(), dyads, percentile(50), percentile(95), percentile(99), percentile(100));
            out.printf(Locale.ROOT, "      %,d of %,d offered events scored within 60 s of the last send%n", count(),
                    offered);
        }
    }
}
