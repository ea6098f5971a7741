package georisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import georisk.config.KafkaSettings;
import georisk.config.SettingException;
import georisk.config.StreamsSettings;
import georisk.config.TopicSettings;
import georisk.config.WatchSettings;
import georisk.events.Topics;
import georisk.ingest.EventPublisher;
import georisk.ingest.Scenario;
import georisk.local.EmbeddedKafka;
import georisk.runtime.HttpApi;
import georisk.runtime.ScoringApp;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.topology.Names;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code georisk bench-api}: the latency of the HTTP API under load. Starts the demo's pipeline in this process
 * (embedded broker, in-memory registry, topics, one or two scoring instances with their APIs), scores the
 * built-in scenario, then has N clients send the same GET back to back for a while and prints requests per
 * second and latency percentiles. With two instances it measures twice: asking the instance that holds the
 * dyad, then the other one, which forwards each request. A measurement, not a test: nothing is asserted.
 */
@Command(name = "bench-api", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the HTTP API's latency under load on this machine: starts an embedded broker and the "
                + "scoring pipeline (as the demo does), scores the built-in scenario, then sends GET requests from "
                + "concurrent clients and prints requests/s and p50/p95/p99 latency. With --instances 2, measures the "
                + "instance that holds the dyad and the one that forwards to it.", "",
                "Example: georisk bench-api --clients 8 --duration 20s", ""})
final class BenchApiCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "8",
            description = "Concurrent clients, each sending its next request when the last one is answered "
                    + "(default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "15s",
            description = "How long to measure, per instance measured (default ${DEFAULT-VALUE}).")
    Duration duration;

    // 5 s measured the JIT rather than the API (2,600 against 6,500 requests/s on 2 cores): C2 needs longer
    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "20s",
            description = "Load before measuring each target, not counted: JIT and connection pools "
                    + "(default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/api/dyads/CAN-USA/score",
            description = "What to request (default ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--instances", paramLabel = "1|2", defaultValue = "1",
            description = "Scoring instances, sharing the work (default ${DEFAULT-VALUE}).")
    int instances;

    @Mixin
    WatchOptions watch;
    @Mixin
    ModelOptions model;

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || clients > 256) {
            throw SettingException.flag("clients", clients, "must be between 1 and 256");
        }
        if (instances < 1 || instances > 2) {
            throw SettingException.flag("instances", instances, "must be 1 or 2");
        }
        if (!path.startsWith("/")) {
            throw SettingException.flag("path", path, "must start with /");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final WatchSettings watchSettings = watch.settings();
        final String scope = "georisk-bench-" + UUID.randomUUID();
        final Path base = LocalRun.scratchDirectory("georisk-bench-");
        final List<AutoCloseable> open = new ArrayList<>();
        try (EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withPort(0)
                .withDataDir(base.resolve("kafka")).withDefaultPartitions(2)).start()) {
            final KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), "mock://" + scope, Map.of());
            TopicsCommand.Create.create(settings, new TopicSettings(2, (short) 1, Map.of()), Topics.DEFAULT);
            final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
            final List<String> urls = new ArrayList<>();
            final List<ScoringApp> apps = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                final int port = HttpApi.port("127.0.0.1", 0);
                final ScoringApp app = new ScoringApp(settings, new StreamsSettings(Names.DEFAULT_APPLICATION_ID,
                        base.resolve("state-" + i), 1, 1, StreamsSettings.DEFAULT_COMMIT_INTERVAL), watchSettings, serdes,
                        model.parameters(), new HostInfo("127.0.0.1", port));
                open.add(0, app);
                final HttpApi api = new HttpApi(app, settings, serdes, watchSettings, "127.0.0.1", port, null);
                open.add(0, api);
                urls.add("http://127.0.0.1:" + api.start());
                apps.add(app);
            }
            for (final ScoringApp app : apps) {
                app.start(Duration.ofSeconds(90));
            }
            final Scenario scenario = Scenario.builtIn();
            try (EventPublisher publisher = new EventPublisher(settings.producerProperties("georisk-bench"), serdes)) {
                publisher.publish(scenario, 0);
            }
            out.printf("georisk bench-api: %d instance(s), scenario of %d events published; waiting for %s ...%n",
                    instances, scenario.events().size(), path);
            out.flush();
            final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            awaitScored(http, urls.get(0), LocalRun.eventsPerDyad(scenario, watchSettings));
            final String owner = servedBy(http, urls.get(0) + path);
            // the instance that holds the dyad first, then (with two) the one that forwards to it
            final List<String> targets = urls.stream()
                    .sorted(Comparator.comparing(u -> u.endsWith(owner) ? 0 : 1)).toList();
            out.printf("%s is held by %s; %d clients, %d s warm-up, %d s measured per target, %d cores%n", path,
                    owner, clients, warmup.toSeconds(), duration.toSeconds(), Runtime.getRuntime().availableProcessors());
            out.printf("%-10s %-28s %9s %7s %9s %8s %8s %8s %8s%n", "TARGET", "URL", "REQUESTS", "ERRORS", "REQ/S",
                    "P50 ms", "P95 ms", "P99 ms", "MAX ms");
            for (final String url : targets) {
                load(url + path, warmup);
                final Result r = load(url + path, duration);
                out.printf("%-10s %-28s %9d %7d %9.0f %8.2f %8.2f %8.2f %8.2f%n",
                        url.endsWith(owner) ? "holder" : "forwarder", url, r.count(), r.errors(),
                        r.count() / (duration.toNanos() / 1e9), r.percentile(50), r.percentile(95), r.percentile(99),
                        r.percentile(100));
                out.flush();
            }
        } finally {
            for (final AutoCloseable c : open) {
                c.close();
            }
            InMemorySchemaRegistry.dropScope(scope);
            LocalRun.deleteRecursively(base);
        }
        return 0;
    }

    /** Polls {@code GET /api/dyads} until every dyad of the scenario has all its events scored. */
    private static void awaitScored(final HttpClient http, final String base, final Map<String, Long> expected)
            throws Exception {
        final long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        final HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/dyads")).GET().build();
        while (System.nanoTime() < deadline) {
            final JsonNode dyads = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                    .path("dyads");
            final Map<String, Long> scored = new TreeMap<>();
            dyads.forEach(d -> scored.put(d.path("dyad").asText(), d.path("eventCount").asLong()));
            if (expected.entrySet().stream().allMatch(e -> scored.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the scenario was not scored within 120 s");
    }

    /** The instance that answers {@code url} (header X-Georisk-Served-By), or "-" when none says. */
    private static String servedBy(final HttpClient http, final String url) throws Exception {
        final HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
        }
        return r.headers().firstValue("X-Georisk-Served-By").orElse("-");
    }

    /** {@code clients} threads send GETs back to back until the time is up. */
    private Result load(final String url, final Duration time) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(clients);
        final long end = System.nanoTime() + time.toNanos();
        try {
            final List<Future<Result>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                results.add(pool.submit(() -> client(url, end)));
            }
            Result all = new Result(new long[0], 0, 0);
            for (final Future<Result> f : results) {
                all = all.plus(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result client(final String url, final long end) throws IOException, InterruptedException {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        long[] latencies = new long[1 << 14];
        int n = 0;
        int errors = 0;
        while (System.nanoTime() < end) {
            final long t0 = System.nanoTime();
            final HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            final long t1 = System.nanoTime();
            if (r.statusCode() != 200) {
                errors++;
            }
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = t1 - t0;
        }
        return new Result(Arrays.copyOf(latencies, n), n, errors);
    }

    /** Latencies in nanoseconds of every request, and how many failed. */
    private record Result(long[] latencies, long count, long errors) {
        Result plus(final Result other) {
            final long[] both = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
            System.arraycopy(other.latencies, 0, both, latencies.length, other.latencies.length);
            return new Result(both, count + other.count, errors + other.errors);
        }

        /** The p-th percentile in milliseconds (nearest rank). */
        double percentile(final double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            final long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }
    }

}
