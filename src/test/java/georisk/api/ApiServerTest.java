package georisk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import georisk.query.Answer;
import georisk.query.DyadSummary;
import georisk.query.ScoreBar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP API over a fake {@code RiskQueries}: operations, error shape, start and stop. */
class ApiServerTest {

    private static final String HOST = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<ApiServer> servers = new ArrayList<>();
    private final FakeRiskQueries queries = new FakeRiskQueries("127.0.0.1:1");

    @AfterEach
    void closeServers() {
        servers.forEach(ApiServer::close);
    }

    @Test
    void shouldAnswerHealthWithUpWhileServing() throws Exception {
        final int port = start(() -> Readiness.notReady("Kafka Streams is CREATED"));

        final HttpResponse<String> response = get(port, "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(response)).isEqualTo(json("{\"status\":\"UP\"}"));
    }

    @Test
    void shouldReportNotReadyWithReasonUntilTheSupplierSaysReady() throws Exception {
        final AtomicReference<Readiness> state =
                new AtomicReference<>(Readiness.notReady("Kafka Streams is REBALANCING"));
        final int port = start(state::get);

        final HttpResponse<String> notReady = get(port, "/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady)).isEqualTo(
                json("{\"status\":\"NOT_READY\",\"reason\":\"Kafka Streams is REBALANCING\"}"));

        state.set(Readiness.READY);

        final HttpResponse<String> ready = get(port, "/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready)).isEqualTo(json("{\"status\":\"READY\"}"));
    }

    @Test
    void shouldAnswerUnknownPathWithJson404() throws Exception {
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> response = get(port, "/no-such-path");

        assertThat(response.statusCode()).isEqualTo(404);
        final JsonNode body = json(response);
        assertErrorShape(body, 404, "Not Found");
        assertThat(body.get("message").textValue()).contains("/no-such-path").doesNotContain("\n");
    }

    @Test
    void shouldAnswerHandlerFailureWithJson500() throws Exception {
        final int port = start(() -> {
            throw new IllegalStateException("streams client\nwent away");
        });

        final HttpResponse<String> response = get(port, "/ready");

        assertThat(response.statusCode()).isEqualTo(500);
        final JsonNode body = json(response);
        assertErrorShape(body, 500, "Server Error");
        assertThat(body.get("message").textValue()).isEqualTo(
                "GET /ready failed; the server log has the details");
    }

    @Test
    void shouldNameThePortWhenItIsAlreadyInUse() {
        final int taken = start(() -> Readiness.READY);
        final ApiServer second = ApiServer.builder(HOST, taken).queries(queries).build();
        servers.add(second);

        assertThatThrownBy(second::start)
                .isInstanceOf(ApiServerException.class)
                .hasMessage("HTTP API cannot listen on 127.0.0.1:" + taken + ": port " + taken + " is already in use");
    }

    @Test
    void shouldStartOnAnEphemeralPortAndStopServingOnClose() throws Exception {
        final ApiServer server = ApiServer.builder(HOST, 0).queries(queries).build();
        final int port = server.start();
        assertThat(port).isPositive();
        assertThat(get(port, "/health").statusCode()).isEqualTo(200);

        server.close();
        server.close();

        assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(IOException.class);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectAPortOutOfRange() {
        assertThatThrownBy(() -> ApiServer.builder(HOST, 65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
    }

    @Test
    void shouldKeepTheNotReadyReasonOnOneLine() {
        assertThat(Readiness.notReady("Kafka Streams is\n  PENDING_SHUTDOWN ").reason())
                .isEqualTo("Kafka Streams is PENDING_SHUTDOWN");
        assertThatThrownBy(() -> Readiness.notReady(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldServeTheDashboardAndTheUplotWebJar() throws Exception {
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> index = get(port, "/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(index.body()).contains("/api/dyads", "/openapi.json", "/api/stream");

        assertThat(index.body()).contains("<script type=\"module\" src=\"/js/main.js\">");
        // a browser runs a module only when it comes with a JavaScript content type
        for (final String module : List.of("main", "api", "state", "cards", "chart", "range", "alerts", "util")) {
            final HttpResponse<String> js = get(port, "/js/" + module + ".js");
            assertThat(js.statusCode()).as(module).isEqualTo(200);
            assertThat(js.headers().firstValue("Content-Type")).as(module)
                    .hasValueSatisfying(t -> assertThat(t).matches("(text|application)/javascript.*"));
        }

        final HttpResponse<String> uplot = get(port, "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
    }

    @Test
    void shouldServeMetricsAsPrometheusText() throws Exception {
        final ApiServer server = ApiServer.builder(HOST, 0).queries(queries)
                .metrics(() -> "# HELP georisk_tension x\ngeorisk_tension{dyad=\"CAN-USA\"} 80.1\n").build();
        servers.add(server);
        final int port = server.start();

        final HttpResponse<String> response = get(port, "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ApiServer.PROMETHEUS_TEXT);
        assertThat(response.body()).contains("georisk_tension{dyad=\"CAN-USA\"} 80.1");
    }

    @Test
    void shouldListTheDyadsWithTheirHeadline() throws Exception {
        queries.dyads.add(new DyadSummary("CAN-CHN", "CAN", "CHN", null, null, null, null, 0));
        queries.dyads.add(new DyadSummary("CAN-USA", "CAN", "USA", Instant.parse("2025-03-04T00:00:00Z"), 80.1, 60.8,
                "SEVERE", 14));
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> response = get(port, "/api/dyads");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(json("""
                {"dyads":[
                  {"dyad":"CAN-CHN","home":"CAN","counterparty":"CHN","asOf":null,"tension":null,
                   "exposureWeightedRisk":null,"level":null,"eventCount":0},
                  {"dyad":"CAN-USA","home":"CAN","counterparty":"USA","asOf":"2025-03-04T00:00:00Z","tension":80.1,
                   "exposureWeightedRisk":60.8,"level":"SEVERE","eventCount":14}]}"""));
    }

    @Test
    void shouldAnswerAScoreWithComponentsDriversIsoTimesAndWhoServedIt() throws Exception {
        queries.scores.put("CAN-USA", new Answer.Found<>(FakeRiskQueries.score("CAN-USA", 80.1), "10.0.0.7:8080"));
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> response = get(port, "/api/dyads/CAN-USA/score");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(ApiServer.SERVED_BY)).hasValue("10.0.0.7:8080");
        final JsonNode body = json(response);
        assertThat(body.get("dyad").textValue()).isEqualTo("CAN-USA");
        assertThat(body.get("asOf").textValue()).isEqualTo("2025-03-04T00:00:00Z");
        assertThat(body.get("tension").doubleValue()).isEqualTo(80.1);
        assertThat(body.get("level").textValue()).isEqualTo("SEVERE");
        assertThat(body.get("components")).extracting(c -> c.get("name").textValue()).containsExactly("baseline", "acts");
        final JsonNode driver = body.get("drivers").get(0);
        assertThat(driver.get("type").textValue()).isEqualTo("TARIFF_IMPOSED");
        assertThat(driver.get("occurredAt").textValue()).isEqualTo("2025-03-04T05:01:00Z");
        assertThat(body.get("delta7d").isNull()).isTrue();
        assertThat(body.has("schema")).as("an Avro record's internals must not leak").isFalse();
    }

    @Test
    void shouldAnswer404WithTheReasonWhenADyadHasNoScore() throws Exception {
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> response = get(port, "/api/dyads/CAN-MEX/score");

        assertThat(response.statusCode()).isEqualTo(404);
        assertErrorShape(json(response), 404, "Not Found");
        assertThat(json(response).get("message").textValue()).isEqualTo("no score for CAN-MEX yet");
        assertThat(response.headers().firstValue(ApiServer.SERVED_BY)).hasValue("127.0.0.1:1");
    }

    @Test
    void shouldAnswer400NamingTheDyadWhenItIsMalformed() throws Exception {
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> response = get(port, "/api/dyads/can-usa/score");

        assertThat(response.statusCode()).isEqualTo(400);
        assertErrorShape(json(response), 400, "Bad Request");
        assertThat(json(response).get("message").textValue()).startsWith("dyad: ").contains("\"can-usa\"");
    }

    @Test
    void shouldAnswer400NamingFromOrToWhenOutOfRangeOrMalformedAndNeverAskTheStores() throws Exception {
        final int port = start(() -> Readiness.READY);
        final String history = "/api/dyads/CAN-USA/history?";
        for (final String query : List.of("from=%2B999999999-12-31T00:00:00Z", "to=-999999999-01-01T00:00:00Z",
                "from=%2B10000-01-01", "to=99999-01-01", "from=2025-02-30", "to=2025-03-04T25:00:00Z",
                "from=" + "9".repeat(5_000), "to=2025-03-04T14:00:00")) {
            final HttpResponse<String> response = get(port, history + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertErrorShape(json(response), 400, "Bad Request");
            assertThat(json(response).get("message").textValue()).as(query).startsWith(query.split("=")[0] + ": ")
                    .hasSizeLessThan(300);
        }
        assertThat(queries.historyAsked).isEmpty();
        assertThat(get(port, history + "from=0000-01-01&to=9999-12-31").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer503WithTheReasonAndRetryAfterWhileStateIsUnavailable() throws Exception {
        queries.scores.put("CAN-USA", new Answer.Unavailable<>("Kafka Streams is REBALANCING on 127.0.0.1:1"));
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> response = get(port, "/api/dyads/CAN-USA/score");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertErrorShape(json(response), 503, "Service Unavailable");
        assertThat(json(response).get("message").textValue()).isEqualTo("Kafka Streams is REBALANCING on 127.0.0.1:1");
    }

    @Test
    void shouldAnswerHistoryForTheWindowAndRangeAsked() throws Exception {
        final Instant day = Instant.parse("2025-03-04T00:00:00Z");
        queries.history = dyad -> new Answer.Found<>(List.of(new ScoreBar(day, day.plus(Duration.ofDays(7)), day,
                day.plusSeconds(3600), 20, 80.1, 80.1, 20, 60.8, 60.8, "SEVERE", 2, false)), "127.0.0.1:1");
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> response =
                get(port, "/api/dyads/CAN-USA/history?window=7d&from=2025-03-01&to=2025-03-31");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(queries.historyAsked).containsExactly(
                "CAN-USA 7d 2025-03-01T00:00:00Z 2025-03-31T23:59:59.999Z");
        final JsonNode body = json(response);
        assertThat(body.get("dyad").textValue()).isEqualTo("CAN-USA");
        assertThat(body.get("window").textValue()).isEqualTo("7d");
        assertThat(body.get("from").textValue()).isEqualTo("2025-03-01T00:00:00Z");
        assertThat(body.get("to").textValue()).isEqualTo("2025-03-31T23:59:59.999Z");
        final JsonNode bar = body.get("bars").get(0);
        assertThat(bar.get("start").textValue()).isEqualTo("2025-03-04T00:00:00Z");
        assertThat(bar.get("end").textValue()).isEqualTo("2025-03-11T00:00:00Z");
        assertThat(bar.get("closeTension").doubleValue()).isEqualTo(80.1);
        assertThat(bar.get("closeLevel").textValue()).isEqualTo("SEVERE");
        assertThat(bar.get("decayed").booleanValue()).isFalse();
    }

    @Test
    void shouldServeTheModelsLevelBandsHysteresisAndDecay() throws Exception {
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> response = get(port, "/api/model");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(json("""
                {"levels": [{"name": "LOW", "from": 0.0, "to": 20.0}, {"name": "GUARDED", "from": 20.0, "to": 40.0},
                            {"name": "ELEVATED", "from": 40.0, "to": 60.0}, {"name": "HIGH", "from": 60.0, "to": 80.0},
                            {"name": "SEVERE", "from": 80.0, "to": 100.0}],
                 "bounds": [20.0, 40.0, 60.0, 80.0], "hysteresis": 3.0, "baseline": 10.0, "halfLife": "PT720H",
                 "halfLifeDays": 30.0, "steepness": 25.0}"""));
    }

    @Test
    void shouldDefaultHistoryToDailyBarsOverEverythingKept() throws Exception {
        final int port = start(() -> Readiness.READY);

        final HttpResponse<String> response = get(port, "/api/dyads/CAN-USA/history");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(
                json("{\"dyad\":\"CAN-USA\",\"window\":\"1d\",\"from\":null,\"to\":null,\"bars\":[]}"));
        assertThat(queries.historyAsked).singleElement().asString().startsWith("CAN-USA 1d 1970-01-01T00:00:00Z ");
    }

    @Test
    void shouldAnswer400NamingTheHistoryParameterThatIsWrong() throws Exception {
        final int port = start(() -> Readiness.READY);

        assertThat(message(get(port, "/api/dyads/CAN-USA/history?window=2d")))
                .isEqualTo("window: must be one of 1d|7d|30d, was \"2d\"");
        assertThat(message(get(port, "/api/dyads/CAN-USA/history?from=2025-13-01")))
                .startsWith("from: \"2025-13-01\" is not an ISO date or instant");
        assertThat(message(get(port, "/api/dyads/CAN-USA/history?to=yesterday")))
                .startsWith("to: \"yesterday\" is not an ISO date or instant");
        assertThat(message(get(port, "/api/dyads/CAN-USA/history?from=2025-03-05&to=2025-03-04")))
                .startsWith("from: must not be after to");
        assertThat(queries.historyAsked).isEmpty();
    }

    @Test
    void shouldAnswerTheMostRecentAlertsUpToTheLimit() throws Exception {
        queries.alerts.add(FakeRiskQueries.alert("a3", "CAN-USA", "2025-03-04T00:00:00Z"));
        queries.alerts.add(FakeRiskQueries.alert("a2", "CAN-CHN", "2025-03-01T00:00:00Z"));
        queries.alerts.add(FakeRiskQueries.alert("a1", "CAN-USA", "2025-02-01T00:00:00Z"));
        final int port = start(() -> Readiness.READY);

        final JsonNode two = json(get(port, "/api/alerts?limit=2"));
        assertThat(two.get("alerts")).extracting(a -> a.get("id").textValue()).containsExactly("a3", "a2");
        assertThat(two.get("alerts").get(0).get("time").textValue()).isEqualTo("2025-03-04T00:00:00Z");
        assertThat(json(get(port, "/api/alerts")).get("alerts")).hasSize(3);

        final HttpResponse<String> bad = get(port, "/api/alerts?limit=0");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(message(bad)).isEqualTo("limit: must be a whole number from 1 to 100, was \"0\"");
        assertThat(message(get(port, "/api/alerts?limit=ten"))).startsWith("limit: ");
    }

    private int start(final Supplier<Readiness> readiness) {
        final ApiServer server = ApiServer.builder(HOST, 0).readiness(readiness).queries(queries).build();
        servers.add(server);
        return server.start();
    }

    static void assertErrorShape(final JsonNode body, final int status, final String error) {
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("status", "error", "message");
        assertThat(body.get("status").intValue()).isEqualTo(status);
        assertThat(body.get("error").textValue()).isEqualTo(error);
        assertThat(body.get("message").textValue()).isNotBlank().doesNotContain("\n");
    }

    static String message(final HttpResponse<String> response) throws IOException {
        final JsonNode body = json(response);
        assertErrorShape(body, response.statusCode(), body.get("error").textValue());
        return body.get("message").textValue();
    }

    static HttpResponse<String> get(final int port, final String path) throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(final HttpResponse<String> response) throws IOException {
        return json(response.body());
    }

    static JsonNode json(final String text) throws IOException {
        return JSON.readTree(text);
    }

    /** Lines of a response read as they arrive, for event streams. */
    static List<String> lines(final int port, final String path, final String accept) {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path))
                .header("Accept", accept).GET().build();
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> {
                    lines.add("HTTP " + r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse(""));
                    r.body().forEach(lines::add);
                });
        await().alias("the response headers").atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());
        return lines;
    }
}
