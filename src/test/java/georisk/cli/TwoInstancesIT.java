package georisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import georisk.api.ApiServer;
import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.config.WatchSettings;
import georisk.events.TopicCreator;
import georisk.ingest.EventPublisher;
import georisk.ingest.Scenario;
import georisk.local.EmbeddedKafka;
import georisk.runtime.HttpApi;
import georisk.runtime.ScoringApp;
import georisk.scoring.DyadResolver;
import georisk.scoring.ModelParameters;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interactive queries across instances, on real parts: one embedded KRaft broker (this class's own: the topic
 * names are the catalog's), the real (Apicurio) registry, and two scoring instances with the same application
 * id, each with its state directory and its HTTP API, sharing topics of two partitions. Whichever instance is
 * asked about a dyad, the answer is the same: the one that holds the dyad answers from its stores, the other
 * forwards to it.
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {
    private static final String TOKEN = "it-token";
    private static final Set<String> WATCHED = Set.of("USA", "CHN");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path stateDirs;

    private static EmbeddedKafka kafka;
    private static KafkaSettings settings;
    private static SerdeFactory serdes;
    private static final List<Instance> instances = new ArrayList<>();

    /** One scoring instance with its API. */
    private record Instance(ScoringApp app, HttpApi api, int port) {
        String base() {
            return "http://127.0.0.1:" + port;
        }

        String address() {
            return "127.0.0.1:" + port;
        }
    }

    @BeforeAll
    static void startBrokerAndInstances() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDefaultPartitions(2)).start();
        settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
        try (Admin admin = Admin.create(settings.adminProperties())) {
            new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(2, Map.of(), (short) 1);
        }
        serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
        final String applicationId = TestNames.unique("georisk-two");
        final WatchSettings watch = new WatchSettings(Set.of("CAN"), WATCHED, Duration.ofDays(3650));
        for (int i = 0; i < 2; i++) {
            final int port = HttpApi.port("127.0.0.1", 0);
            final ScoringApp app = new ScoringApp(settings, new StreamsSettings(applicationId,
                    stateDirs.resolve("instance-" + i), 1, 1, Duration.ofMillis(100)), watch, serdes,
                    ModelParameters.defaults(), new HostInfo("127.0.0.1", port));
            final HttpApi api = new HttpApi(app, settings, serdes, watch, "127.0.0.1", port, TOKEN);
            instances.add(new Instance(app, api, port));
            assertThat(api.start()).isEqualTo(port);
        }
    }

    @AfterAll
    static void stopAll() {
        for (final Instance i : instances) {
            i.api().close();
            i.app().close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void shouldAnswer503WithTheReasonBeforeStreamsIsRunning() throws Exception {
        final Instance first = instances.get(0);

        final HttpResponse<String> score = get(first.base() + "/api/dyads/CAN-USA/score");
        final HttpResponse<String> ready = get(first.base() + "/ready");

        assertThat(score.statusCode()).isEqualTo(503);
        assertThat(score.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(score).get("message").textValue())
                .startsWith("Kafka Streams is CREATED on " + first.address() + ": the state of CAN-USA");
        assertThat(ready.statusCode()).isEqualTo(503);
    }

    @Test
    @Order(2)
    void shouldGiveTheSameAnswerAboutEveryDyadFromEitherInstance() throws Exception {
        for (final Instance i : instances) {
            i.app().start(Duration.ofSeconds(90));
        }
        await().alias("both instances RUNNING together").atMost(Duration.ofSeconds(60))
                .until(() -> instances.stream().allMatch(i -> i.app().readiness().ready()));
        final Scenario scenario = Scenario.builtIn();
        final Map<String, Long> expected = expectedPerDyad(scenario);
        try (EventPublisher publisher = new EventPublisher(settings.producerProperties("it-two"), serdes)) {
            publisher.publish(scenario, 0);
        }

        final List<String> servedBy = new CopyOnWriteArrayList<>();
        final List<String> forwarded = new CopyOnWriteArrayList<>();
        for (final String dyad : expected.keySet()) {
            final String score = "/api/dyads/" + dyad + "/score";
            await().alias(dyad + " scored with every event, the same from both instances")
                    .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .until(() -> sameFromBoth(score, body -> body.path("eventCount").asLong() == expected.get(dyad)));
            final String history = "/api/dyads/" + dyad + "/history?window=7d&from=2018-01-01&to=2026-12-31";
            await().alias(dyad + " history, the same from both instances").atMost(Duration.ofSeconds(30))
                    .until(() -> sameFromBoth(history, body -> body.path("bars").size() > 0));

            for (final Instance asked : instances) {
                final HttpResponse<String> r = get(asked.base() + score);
                final String by = r.headers().firstValue(ApiServer.SERVED_BY).orElseThrow();
                servedBy.add(dyad + " " + by);
                if (!by.equals(asked.address())) {
                    forwarded.add(dyad + " asked " + asked.address() + ", served by " + by);
                }
            }
        }
        // each dyad is held by one instance: asking the other one forwards the request there
        assertThat(servedBy.stream().distinct().count()).isEqualTo(expected.size());
        assertThat(forwarded).hasSize(expected.size());
        final JsonNode usa = json(get(instances.get(1).base() + "/api/dyads/CAN-USA/score"));
        assertThat(usa.get("exposure").doubleValue()).isEqualTo(0.759);
        assertThat(usa.get("drivers").size()).isPositive();
        assertThat(usa.get("components").size()).isPositive();
        assertThat(usa.get("asOf").textValue()).endsWith("Z");
    }

    @Test
    @Order(3)
    void shouldListTheSameDyadsAlertsAndMetricsOnEveryInstance() throws Exception {
        await().alias("the same dyads and recent alerts from both feeds").atMost(Duration.ofSeconds(30))
                .until(() -> sameFromBoth("/api/dyads", body -> body.path("dyads").size() == 2)
                        && sameFromBoth("/api/alerts?limit=100", body -> body.path("alerts").size() > 0));
        for (final Instance i : instances) {
            final HttpResponse<String> metrics = get(i.base() + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("georisk_events_scored_total")
                    .contains("georisk_tension{dyad=\"CAN-USA\"}")
                    .contains("georisk_alerts_total{kind=\"LEVEL_CHANGE\"}")
                    .contains("georisk_dead_letters_total")
                    .contains("kafka_stream_thread_")
                    .contains("kafka_consumer_");
        }
    }

    @Test
    @Order(4)
    void shouldScoreAnEventPostedToEitherInstance() throws Exception {
        final Instance other = instances.get(1);
        final long before = json(get(other.base() + "/api/dyads/CAN-USA/score")).get("eventCount").longValue();
        final String event = "{\"id\":\"it-posted\",\"occurredAt\":\"2026-01-20T00:00:00Z\",\"actor\":\"USA\","
                + "\"target\":\"CAN\",\"type\":\"TARIFF_THREATENED\",\"headline\":\"A threat posted over HTTP\","
                + "\"sources\":40,\"mentions\":500}";

        final HttpResponse<String> accepted = post(other.base() + "/api/events", event, "Bearer " + TOKEN);
        final HttpResponse<String> invalid = post(other.base() + "/api/events",
                event.replace("\"actor\":\"USA\"", "\"actor\":\"usa\""), "Bearer " + TOKEN);
        final HttpResponse<String> unauthorized = post(other.base() + "/api/events", event, null);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json(accepted).get("accepted").get(0).get("id").textValue()).isEqualTo("it-posted");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("message").textValue()).startsWith("actor: must be three upper-case letters");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        await().alias("the posted event scored").atMost(Duration.ofSeconds(60))
                .until(() -> sameFromBoth("/api/dyads/CAN-USA/score",
                        body -> body.path("eventCount").asLong() == before + 1));
        assertThat(json(get(instances.get(0).base() + "/api/dyads/CAN-USA/score")).get("drivers").toString())
                .contains("it-posted");
    }

    /** Both instances answer {@code path} with 200 and byte-identical bodies that satisfy {@code check}. */
    private static boolean sameFromBoth(final String path, final java.util.function.Predicate<JsonNode> check)
            throws Exception {
        final HttpResponse<String> a = get(instances.get(0).base() + path);
        final HttpResponse<String> b = get(instances.get(1).base() + path);
        return a.statusCode() == 200 && b.statusCode() == 200 && a.body().equals(b.body())
                && a.headers().firstValue(ApiServer.SERVED_BY).equals(b.headers().firstValue(ApiServer.SERVED_BY))
                && check.test(json(a));
    }

    private static Map<String, Long> expectedPerDyad(final Scenario scenario) {
        final DyadResolver resolver = new DyadResolver(Set.of("CAN"), WATCHED);
        return scenario.events().stream().map(e -> resolver.resolve(e.getActor(), e.getTarget()))
                .flatMap(Optional::stream)
                .collect(Collectors.groupingBy(d -> d.key(), TreeMap::new, Collectors.counting()));
    }

    private static HttpResponse<String> get(final String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(final String url, final String body, final String authorization)
            throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
