package georisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import georisk.alerting.WebhookServer;
import georisk.config.AlertWebhook;
import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.config.WatchSettings;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import georisk.ingest.EventPublisher;
import georisk.ingest.Scenario;
import georisk.local.EmbeddedKafka;
import georisk.runtime.AlertWebhooks;
import georisk.runtime.HttpApi;
import georisk.runtime.ScoringApp;
import georisk.scoring.ModelParameters;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ops pack matches what {@code /metrics} really serves: a scoring instance with its HTTP API and a webhook, on
 * an embedded KRaft broker (this class's own) and the real (Apicurio) registry, scores the built-in scenario; then
 * every metric name that the Prometheus rules and the Grafana dashboard read must be on {@code /metrics}, with every
 * label their selectors match on. What was served is written to {@code target/ops-metrics.txt}.
 */
@Timeout(240)
class OpsPackMetricsIT {
    @TempDir
    static Path stateDir;

    private static EmbeddedKafka kafka;
    private static ScoringApp app;
    private static HttpApi api;
    private static WebhookServer webhook;
    private static AutoCloseable delivery;
    private static int port;

    @BeforeAll
    static void startAndScore() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()).start();
        final KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
        try (Admin admin = Admin.create(settings.adminProperties())) {
            new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(1, Map.of(), (short) 1);
        }
        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
        final WatchSettings watch = new WatchSettings(Set.of("CAN"), Set.of("USA", "CHN"), Duration.ofDays(3650));
        final String application = TestNames.unique("georisk-ops");
        port = HttpApi.port("127.0.0.1", 0);
        app = new ScoringApp(settings, new StreamsSettings(application, stateDir, 1, 1, Duration.ofMillis(100)), watch,
                serdes, ModelParameters.defaults(), new HostInfo("127.0.0.1", port));
        api = new HttpApi(app, settings, serdes, watch, "127.0.0.1", port, null);
        webhook = WebhookServer.ok();
        delivery = AlertWebhooks.start(List.of(new AlertWebhook(AlertWebhook.Format.SLACK, webhook.url())), settings,
                serdes, api.registry(), application, true, Topics.DEFAULT);
        api.start();
        app.start(Duration.ofSeconds(90));
        try (EventPublisher publisher = new EventPublisher(settings.producerProperties("it-ops"), serdes)) {
            publisher.publish(Scenario.builtIn(), 0);
        }
        await().alias("the scenario scored and its alerts delivered").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> metrics().contains("georisk_dyad_level{dyad=\"CAN-CHN\"}")
                        && metrics().contains("georisk_dyad_level{dyad=\"CAN-USA\"}") && !webhook.requests().isEmpty());
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (delivery != null) {
            delivery.close();
        }
        if (api != null) {
            api.close();
        }
        if (app != null) {
            app.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldServeEveryMetricAndLabelTheRulesAndTheDashboardRead() throws Exception {
        // one request of each kind the dashboard's HTTP panels show, counted before the scrape
        get("/api/dyads");
        get("/no/such/page");
        final String text = metrics();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/ops-metrics.txt"), text);
        final Map<String, Set<String>> served = OpsPack.served(text);

        final Map<String, List<String>> expressions = new TreeMap<>();
        for (final JsonNode rule : OpsPack.rules()) {
            expressions.computeIfAbsent("rule " + rule.path("alert").asText(), k -> new ArrayList<>())
                    .add(rule.path("expr").asText());
        }
        OpsPack.dashboardExpressions().forEach((title, exprs) -> expressions.put("panel " + title, exprs));
        assertThat(expressions).hasSizeGreaterThan(10);

        final List<String> missing = new ArrayList<>();
        final Set<String> used = new TreeSet<>();
        expressions.forEach((where, exprs) -> exprs.forEach(expr -> {
            for (final String name : OpsPack.metricNames(expr)) {
                used.add(name);
                if (!served.containsKey(name) && !OpsPack.PROMETHEUS_OWN.contains(name)) {
                    missing.add(where + ": metric " + name + " is not on /metrics");
                }
            }
            OpsPack.matchedLabels(expr).forEach((name, labels) -> labels.forEach(label -> {
                if (served.containsKey(name) && !served.get(name).contains(label)) {
                    missing.add(where + ": metric " + name + " has no label " + label + " (it has " + served.get(name) + ")");
                }
            }));
        }));
        OpsPack.dashboardVariables().forEach((name, label) -> {
            if (!served.getOrDefault(name, Set.of()).contains(label)) {
                missing.add("variable label_values(" + name + ", " + label + "): not on /metrics");
            }
        });
        assertThat(missing).as("names read by the ops pack but not served; served: " + served.keySet()).isEmpty();
        assertThat(used).contains("georisk_dyad_level", "georisk_build_info", "georisk_streams_running",
                "georisk_dead_letters_total", "georisk_webhook_deliveries_total", "http_server_requests_seconds_count",
                "http_server_requests_seconds_bucket");
        assertThat(text).contains("georisk_build_info{version=");
    }

    private static String metrics() throws Exception {
        return get("/metrics").body();
    }

    private static HttpResponse<String> get(final String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
