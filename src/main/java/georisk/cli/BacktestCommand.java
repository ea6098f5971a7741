package georisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import georisk.config.KafkaSettings;
import georisk.config.SettingException;
import georisk.config.StreamsSettings;
import georisk.config.TopicSettings;
import georisk.config.WatchSettings;
import georisk.events.AlertKind;
import georisk.events.GeoEvent;
import georisk.events.RiskAlert;
import georisk.events.RiskScore;
import georisk.events.TopicReader;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import georisk.ingest.EventPublisher;
import georisk.ingest.Scenario;
import georisk.local.EmbeddedKafka;
import georisk.runtime.ScoringApp;
import georisk.scoring.Backtest;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.ModelParameters;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code georisk backtest}: replays a labelled timeline through the real scoring topology (an embedded KRaft
 * broker, an in-memory schema registry, Kafka Streams with exactly-once, one partition so the timeline is scored
 * in the order it happened) and holds the alerts it raised against the labels ({@link Backtest}).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay a labelled timeline through the scoring topology (embedded broker, in-memory "
                + "registry) and print, per label, the tension before and after its event, the event's "
                + "contribution and the alert it raised; then the recall of expected alerts, the alerts in the "
                + "wrong direction and the alerts per dyad-year that match no label. Without FILE: the built-in "
                + "scenario and its labels. Labels: docs/scenario-format.md.", "",
                "Examples:", "  georisk backtest", "  georisk backtest --labels labels.jsonl --exposures exposures.jsonl events.jsonl", ""})
final class BacktestCommand implements Callable<Integer> {
    /** The built-in scenario's labels. */
    static final String LABELS_RESOURCE = "georisk/scenario/labels.jsonl";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Event files (JSON lines, as for produce).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Labels (JSON lines: event, dyad, direction up|down, alert true|false, note); "
                    + "required with FILE.")
    Path labels;

    @Option(names = "--exposures", paramLabel = "FILE",
            description = "Trade exposures (JSON lines, as for exposures); default: none with FILE, the built-in "
                    + "ones without.")
    Path exposures;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "180s",
            description = "How long to wait for the timeline to be scored (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    WatchOptions watch;
    @Mixin
    ModelOptions model;
    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        logging.apply();
        final WatchSettings watchSettings = watch.settings();
        final ModelParameters parameters = model.parameters();
        if (!files.isEmpty() && labels == null) {
            throw SettingException.flag("labels", "", "is required with event files");
        }
        final Scenario scenario = timeline();
        final DyadResolver resolver = DyadResolver.of(watchSettings.homes(), watchSettings.counterparties());
        final List<Backtest.Label> labelled = readLabels(resolver, scenario);
        final List<GeoEvent> events = scenario.events().stream()
                .filter(e -> resolver.resolve(e.getActor(), e.getTarget()).isPresent())
                .sorted(Comparator.comparing(GeoEvent::getOccurredAt)).toList();
        final Map<String, List<GeoEvent>> byDyad = new LinkedHashMap<>();
        events.forEach(e -> byDyad.computeIfAbsent(resolver.resolve(e.getActor(), e.getTarget()).orElseThrow().key(),
                k -> new ArrayList<>()).add(e));
        out.printf("georisk backtest: %d events of %s on %s, %d labels%n", events.size(), scenario.name(),
                String.join(", ", byDyad.keySet()), labelled.size());
        out.flush();

        final String scope = "georisk-backtest-" + UUID.randomUUID();
        final String registry = "mock://" + scope;
        final Path base = LocalRun.scratchDirectory("georisk-backtest-");
        final List<Backtest.Step> steps = new ArrayList<>();
        final List<Backtest.Alert> alerts = new ArrayList<>();
        try (EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withPort(0)
                .withDataDir(base.resolve("kafka")).withDefaultPartitions(1)).start()) {
            final KafkaSettings kafkaSettings = new KafkaSettings(kafka.bootstrapServers(), registry, Map.of());
            // its own broker: the default topic names
            TopicsCommand.Create.create(kafkaSettings, new TopicSettings(1, (short) 1, Map.of()), Topics.DEFAULT);
            final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(registry));
            try (ScoringApp app = new ScoringApp(kafkaSettings, new StreamsSettings("georisk-backtest",
                    base.resolve("state"), 1, 1, StreamsSettings.DEFAULT_COMMIT_INTERVAL), watchSettings, serdes, parameters)) {
                app.start(Duration.ofSeconds(60));
                try (EventPublisher publisher = new EventPublisher(kafkaSettings.producerProperties("georisk-backtest"),
                        serdes)) {
                    publisher.publish(new Scenario(events, scenario.exposures(), scenario.name()), 0);
                }
                final Map<String, List<RiskScore>> scores = collect(kafkaSettings, serdes, byDyad, alerts, app);
                steps.addAll(steps(new DyadScorer(parameters), byDyad, scores));
            }
        } finally {
            InMemorySchemaRegistry.dropScope(scope);
            LocalRun.deleteRecursively(base);
        }
        final Backtest.Report report = Backtest.evaluate(labelled, steps, alerts);
        out.println();
        out.print(Backtest.format(report));
        out.flush();
        return 0;
    }

    private Scenario timeline() throws IOException {
        if (files.isEmpty()) {
            return exposures == null ? Scenario.builtIn()
                    : new Scenario(Scenario.builtIn().events(), Scenario.load(builtInEventsCopy(), exposures).exposures(),
                    Scenario.BUILT_IN_NAME);
        }
        final List<GeoEvent> events = new ArrayList<>();
        for (final Path f : files) {
            events.addAll(Scenario.load(f, null).events());
        }
        final List<TradeExposure> ex = exposures == null ? List.of() : Scenario.load(files.get(0), exposures).exposures();
        return new Scenario(events, ex, files.size() == 1 ? String.valueOf(files.get(0).getFileName()) : files.size() + " files");
    }

    private static Path builtInEventsCopy() throws IOException {
        final Path tmp = Files.createTempFile("georisk-events-", ".jsonl");
        tmp.toFile().deleteOnExit();
        try (InputStream in = resource(Scenario.EVENTS_RESOURCE)) {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    private static InputStream resource(final String name) throws IOException {
        final InputStream in = BacktestCommand.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }

    /** Labels, one JSON object a line; a bad line stops the run naming the file and line. */
    private List<Backtest.Label> readLabels(final DyadResolver resolver, final Scenario scenario) throws IOException {
        final Map<String, GeoEvent> byId = new HashMap<>();
        scenario.events().forEach(e -> byId.put(e.getId(), e));
        final String source = labels == null ? LABELS_RESOURCE : labels.toString();
        final ObjectMapper json = new ObjectMapper();
        final List<Backtest.Label> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(reader())) {
            String text;
            int line = 0;
            while ((text = r.readLine()) != null) {
                line++;
                if (text.isBlank() || text.strip().startsWith("#")) {
                    continue;
                }
                final JsonNode n;
                try {
                    n = json.readTree(text);
                } catch (final IOException e) {
                    throw SettingException.flag("labels", source + ":" + line, "is not a JSON object");
                }
                final String id = n.path("event").asText("");
                final GeoEvent e = byId.get(id);
                if (e == null) {
                    throw SettingException.flag("labels", source + ":" + line, "names event \"" + id
                            + "\", which the timeline does not have");
                }
                final String dyad = n.hasNonNull("dyad") ? n.get("dyad").asText()
                        : resolver.resolve(e.getActor(), e.getTarget()).map(d -> d.key()).orElse("");
                final String direction = n.path("direction").asText("").toUpperCase(Locale.ROOT);
                if (!direction.equals("UP") && !direction.equals("DOWN")) {
                    throw SettingException.flag("labels", source + ":" + line, "needs \"direction\": \"up\" or \"down\"");
                }
                out.add(new Backtest.Label(id, dyad, Backtest.Direction.valueOf(direction),
                        n.path("alert").asBoolean(false), n.path("note").asText("")));
            }
        }
        return out;
    }

    private Reader reader() throws IOException {
        return labels == null ? new InputStreamReader(resource(LABELS_RESOURCE), StandardCharsets.UTF_8)
                : Files.newBufferedReader(labels, StandardCharsets.UTF_8);
    }

    /** Reads risk-scores until every event of every dyad is scored, then risk-alerts up to its end. */
    private Map<String, List<RiskScore>> collect(final KafkaSettings kafka, final SerdeFactory serdes,
                                                 final Map<String, List<GeoEvent>> byDyad,
                                                 final List<Backtest.Alert> alerts, final ScoringApp app) {
        final Map<String, List<RiskScore>> scores = new HashMap<>();
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, RiskScore> consumer = new KafkaConsumer<>(kafka.consumerProperties("backtest-scores"),
                serdes.keySerde(Topics.DEFAULT.riskScores()).deserializer(), serdes.valueSerde(Topics.DEFAULT.riskScores()).deserializer())) {
            TopicReader.assignFromStart(consumer, Topics.DEFAULT.riskScores().name());
            while (!complete(scores, byDyad)) {
                if (System.nanoTime() > deadline || app.failure() != null) {
                    throw new IllegalStateException("the timeline was not scored within " + timeout.toSeconds() + " s"
                            + (app.failure() == null ? "" : ": " + app.failure().getMessage()));
                }
                for (final ConsumerRecord<String, RiskScore> r : consumer.poll(Duration.ofMillis(200))) {
                    scores.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                }
            }
        }
        // alerts are written in the same transactions as the scores: all of them are committed by now
        try (KafkaConsumer<String, RiskAlert> consumer = new KafkaConsumer<>(kafka.consumerProperties("backtest-alerts"),
                serdes.keySerde(Topics.DEFAULT.riskAlerts()).deserializer(), serdes.valueSerde(Topics.DEFAULT.riskAlerts()).deserializer())) {
            TopicReader.readToEnd(consumer, Topics.DEFAULT.riskAlerts().name(), timeout, r -> {
                final RiskAlert a = r.value();
                alerts.add(new Backtest.Alert(a.getId(), a.getDyad(), a.getKind(), a.getFromLevel(), a.getToLevel(),
                        a.getTime().toEpochMilli(), a.getKind() == AlertKind.DECAYED || a.getDrivers().isEmpty()
                        ? null : a.getDrivers().get(0).getEventId(), a.getExplanation()));
            });
        }
        return scores;
    }

    private static boolean complete(final Map<String, List<RiskScore>> scores, final Map<String, List<GeoEvent>> byDyad) {
        return byDyad.entrySet().stream().allMatch(e -> scores.getOrDefault(e.getKey(), List.of()).stream()
                .anyMatch(s -> s.getEventCount() >= e.getValue().size()));
    }

    /**
     * Each event with its score: the k-th event of a dyad (in the order published, which one partition keeps) is
     * the first score whose event count is k. Tension just before it is the previous score's, decayed to its time.
     */
    private static List<Backtest.Step> steps(final DyadScorer scorer, final Map<String, List<GeoEvent>> byDyad,
                                             final Map<String, List<RiskScore>> scores) {
        final List<Backtest.Step> steps = new ArrayList<>();
        byDyad.forEach((dyad, events) -> {
            final Map<Long, RiskScore> byCount = new HashMap<>();
            scores.getOrDefault(dyad, List.of()).forEach(s -> byCount.putIfAbsent(s.getEventCount(), s));
            RiskScore previous = null;
            for (int k = 1; k <= events.size(); k++) {
                final RiskScore s = byCount.get((long) k);
                if (s == null) {
                    continue;
                }
                final double before = previous == null ? scorer.parameters().tension().baseline()
                        : scorer.decayed(previous.getTension(), s.getAsOf().toEpochMilli()
                        - previous.getAsOf().toEpochMilli());
                steps.add(new Backtest.Step(dyad, events.get(k - 1).getId(), events.get(k - 1).getOccurredAt().toEpochMilli(),
                        before, s.getTension()));
                previous = s;
            }
        });
        return steps;
    }
}
