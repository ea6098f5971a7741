package georisk.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.ScreenshotAnimations;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import georisk.events.GeoEvent;
import georisk.ingest.Scenario;
import georisk.scoring.Dyad;
import georisk.scoring.DyadResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser against the real demo: {@code java -jar target/georisk.jar demo} as a child
 * process (built in {@code package}, before failsafe runs), Debian's chromium driven by Playwright for Java. The
 * page must show both dyads' histories and the scenario's alerts, and an event posted through the API must reach
 * it over the live feed without a reload. Leaves {@code target/dashboard.png} (the whole page) and the demo's
 * output in {@code target/dashboard-demo.log}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DashboardBrowserIT {
    private static final Path TARGET = Path.of(System.getProperty("basedir", ".")).resolve("target");
    private static final Pattern DASHBOARD_LINE = Pattern.compile("Dashboard and HTTP API on (http://\\S+?)/?$");
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final double WAIT_MS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> demoOutput = Collections.synchronizedList(new ArrayList<>());
    private Process demo;

    @AfterEach
    void stopDemo() throws InterruptedException {
        if (demo == null) {
            return;
        }
        demo.destroy();   // SIGTERM: the demo's shutdown hook closes Streams and the broker
        if (!demo.waitFor(60, TimeUnit.SECONDS)) {
            demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldShowBothDyadsAndTheAlertsAndShowAPostedEventWithoutReloading() throws Exception {
        final Path chromium = chromium();
        final Scenario scenario = Scenario.builtIn();
        final Map<String, Long> eventsPerDyad = eventsPerDyad(scenario);
        final String token = UUID.randomUUID().toString();
        final String base = startDemo(token);

        await().alias("GET /ready answers 200").atMost(STARTUP).pollInterval(Duration.ofMillis(250))
                .until(() -> get(base + "/ready").statusCode() == 200);
        eventsPerDyad.forEach((dyad, events) -> await()
                .alias(dyad + " scored with the scenario's " + events + " events").atMost(STARTUP)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> eventCount(base, dyad) >= events));

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(chromium)
                     .setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync")))) {
            final Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1440, 900));
            page.setDefaultTimeout(WAIT_MS);
            PlaywrightAssertions.setDefaultAssertionTimeout(WAIT_MS);
            final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());
            page.onPageError(pageErrors::add);
            final List<String> requested = Collections.synchronizedList(new ArrayList<>());
            page.onRequest(request -> requested.add(request.url()));
            // daily closes whatever the range (auto would pick weekly closes for the scenario's eight years)
            page.navigate(base + "/#res=1d");

            expect(page.locator("#feed-status")).hasAttribute("data-state", "live");
            expect(page.locator("#home-country")).containsText("CAN");
            final JsonNode model = json(get(base + "/api/model"));
            for (final String dyad : eventsPerDyad.keySet()) {
                final Locator plot = plot(page, dyad);
                expect(plot.locator("canvas")).hasCount(1);
                // the page loads every daily close the API keeps (the default range is everything): one for every
                // day, those of days without events decayed from the close before them
                final JsonNode history = json(get(base + "/api/dyads/" + dyad + "/history?window=1d")).path("bars");
                final int bars = history.size();
                assertThat(bars).as("%s: daily closes from the API", dyad).isPositive();
                assertEveryDayDecayingBetweenEvents(dyad, history, model.path("baseline").asDouble());
                // the last day with events is the open day, whose bar the dyad's state holds: it ends on the score
                final JsonNode score = json(get(base + "/api/dyads/" + dyad + "/score"));
                JsonNode lastScored = null;
                for (final JsonNode bar : history) {
                    lastScored = bar.path("decayed").asBoolean() ? lastScored : bar;
                }
                assertThat(lastScored).as("%s: a daily close with events", dyad).isNotNull();
                assertThat(lastScored.path("lastAsOf").asText()).as("%s: the open day's bar", dyad)
                        .isEqualTo(score.path("asOf").asText());
                assertThat(lastScored.path("closeTension").asDouble()).as("%s: the open day's close", dyad)
                        .isEqualTo(score.path("tension").asDouble());
                final long decayed = count(history, bar -> bar.path("decayed").asBoolean());
                assertThat(decayed).as("%s: closes of days without events", dyad).isGreaterThan(bars / 2);
                expect(plot).hasAttribute("data-points", String.valueOf(bars));
                expect(plot).hasAttribute("data-decayed", String.valueOf(decayed));
                // the level bands drawn are the model's
                final JsonNode bands = JSON.readTree(plot.getAttribute("data-bands"));
                assertThat(bands).as("%s: level bands drawn", dyad).hasSize(model.path("levels").size());
                for (int i = 0; i < bands.size(); i++) {
                    final JsonNode level = model.path("levels").get(i);
                    assertThat(bands.get(i).get(0).asText()).isEqualTo(level.path("name").asText());
                    assertThat(bands.get(i).get(1).asDouble()).isEqualTo(level.path("from").asDouble());
                    assertThat(bands.get(i).get(2).asDouble()).isEqualTo(level.path("to").asDouble());
                }
                assertThat(Integer.parseInt(plot.getAttribute("data-markers")))
                        .as("%s: events marked on the chart", dyad).isPositive();
                assertThat(linePixels(page, dyad)).as("%s: pixels of the tension line on the canvas", dyad)
                        .isGreaterThan(100);
                expect(page.locator(card(dyad) + " .level-chip.big")).hasText(Pattern.compile("LOW|GUARDED|ELEVATED|HIGH|SEVERE"));
                expect(page.locator(card(dyad) + " .drivers li.driver").first()).isVisible();
            }
            // the API's alerts come from a consumer of risk-alerts that may trail the scores by a moment: compare
            // the page with what the API says now, until they agree (on this thread: Playwright is single-threaded)
            final Locator alertItems = page.locator("#alert-list li.alert");
            await().alias("the page lists every alert of the API").atMost(Duration.ofMillis((long) WAIT_MS))
                    .pollInSameThread().pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(alertItems.count()).isPositive().isEqualTo(alertCount(base)));
            final int alerts = alertItems.count();
            assertThat(((Number) page.evaluate("() => [...document.querySelectorAll('#alert-list li.alert')]"
                    + ".filter(li => li.querySelector('.kind').textContent.trim() && "
                    + "li.querySelector('.explanation').textContent.includes(li.dataset.dyad)).length")).intValue())
                    .as("alerts listed with their kind and an explanation naming their dyad").isEqualTo(alerts);

            // a range between events: a point for each of its 90 days, the quiet ones decayed
            page.locator("#range-from").fill("2019-01-01");
            page.locator("#range-to").fill("2019-03-31");
            page.locator("#range button[type=submit]").click();
            for (final String dyad : eventsPerDyad.keySet()) {
                final JsonNode quarter = json(get(base + "/api/dyads/" + dyad + "/history?window=1d&from=2019-01-01&to=2019-03-31"))
                        .path("bars");
                assertThat(quarter).as("%s: daily closes of 2019's first quarter", dyad).hasSize(90);
                final long quiet = count(quarter, bar -> bar.path("decayed").asBoolean());
                assertThat(quiet).as("%s: quiet days of 2019's first quarter", dyad).isPositive();
                expect(plot(page, dyad)).hasAttribute("data-points", "90");
                expect(plot(page, dyad)).hasAttribute("data-decayed", String.valueOf(quiet));
            }
            page.locator("[data-preset=all]").click();
            expect(page.locator("[data-preset=all]")).hasAttribute("aria-pressed", "true");

            // a new, widely reported tariff after the scenario's last event, posted through the API
            final String dyad = "CAN-USA";
            final int allPoints = json(get(base + "/api/dyads/" + dyad + "/history?window=1d")).path("bars").size();
            expect(plot(page, dyad)).hasAttribute("data-points", String.valueOf(allPoints));
            final int pointsBefore = Integer.parseInt(plot(page, dyad).getAttribute("data-points"));
            final int decayedBefore = Integer.parseInt(plot(page, dyad).getAttribute("data-decayed"));
            page.evaluate("() => { window.georiskNotReloaded = true; }");
            final String headline = "Browser test: U.S. imposes 25 % tariffs on Canadian lumber (" + token.substring(0, 8) + ")";
            final LocalDate day = lastEventDay(scenario).plusDays(7);
            final HttpResponse<String> posted = post(base + "/api/events", token, tariff(token, day, headline));
            assertThat(posted.statusCode()).as("POST /api/events: %s", posted.body()).isEqualTo(202);

            expect(page.locator(card(dyad) + " .drivers")).containsText(headline);
            if (day.isBefore(LocalDate.now(ZoneOffset.UTC))) {
                // the day had its decayed close already: it is a scored close now, and the days after it decay from it
                expect(plot(page, dyad)).hasAttribute("data-decayed", String.valueOf(decayedBefore - 1));
                expect(plot(page, dyad)).hasAttribute("data-points", String.valueOf(pointsBefore));
            } else {
                // a day after every close: one more point on the chart
                expect(plot(page, dyad)).hasAttribute("data-points", String.valueOf(pointsBefore + 1));
            }
            expect(page.locator(card(dyad) + " .asof")).containsText(day.toString());
            // the model answers a 25 % tariff this widely reported on a calm dyad with an alert that names it
            expect(alertItems.filter(new Locator.FilterOptions().setHasText(headline))).hasCount(1);
            expect(alertItems.first()).containsText(headline);
            assertThat(page.evaluate("() => window.georiskNotReloaded === true")).as("the page was not reloaded")
                    .isEqualTo(true);
            assertThat(pageErrors).as("errors thrown in the page").isEmpty();
            assertThat(requested).as("what the page loaded: all from georisk, so it works without internet")
                    .isNotEmpty()
                    .allMatch(url -> url.startsWith(base + "/") || url.startsWith("data:"));

            Files.createDirectories(TARGET);
            // finite animations (the highlight of what just changed) finish first: the steady page
            page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve("dashboard.png")).setFullPage(true)
                    .setAnimations(ScreenshotAnimations.DISABLED));
        }
    }

    /**
     * A close for every day from the first to the last, each day without events decaying toward the baseline: its
     * distance from the baseline does not grow.
     */
    private static void assertEveryDayDecayingBetweenEvents(final String dyad, final JsonNode bars, final double baseline) {
        for (int i = 1; i < bars.size(); i++) {
            final JsonNode before = bars.get(i - 1);
            final JsonNode bar = bars.get(i);
            assertThat(Duration.between(Instant.parse(before.path("start").asText()), Instant.parse(bar.path("start").asText())))
                    .as("%s: the day after %s", dyad, before.path("start").asText()).isEqualTo(Duration.ofDays(1));
            if (bar.path("decayed").asBoolean()) {
                assertThat(bar.path("updates").asLong()).isZero();
                assertThat(Math.abs(bar.path("closeTension").asDouble() - baseline))
                        .as("%s: %s decays toward the baseline", dyad, bar.path("start").asText())
                        .isLessThanOrEqualTo(Math.abs(before.path("closeTension").asDouble() - baseline) + 1e-9);
            }
        }
    }

    private static long count(final JsonNode array, final java.util.function.Predicate<JsonNode> test) {
        long n = 0;
        for (final JsonNode node : array) {
            n += test.test(node) ? 1 : 0;
        }
        return n;
    }

    /** Debian's chromium: {@code CHROMIUM_BIN}, else {@code chromium} on the PATH; a clear failure when absent. */
    private static Path chromium() {
        final String configured = System.getenv("CHROMIUM_BIN");
        if (configured != null && !configured.isBlank()) {
            final Path bin = Path.of(configured);
            if (!Files.isExecutable(bin)) {
                fail("CHROMIUM_BIN=" + configured + " is not an executable file");
            }
            return bin;
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "chromium"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(() -> fail("DashboardBrowserIT drives Debian's Chromium and found none: install it with "
                        + "'apt-get install -y chromium' (so that 'command -v chromium' finds it), or set CHROMIUM_BIN to "
                        + "a Chromium binary. PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 is set: Playwright downloads no browser."));
    }

    /** Starts the demo and returns its dashboard address, read from what it prints. */
    private String startDemo(final String token) throws IOException, InterruptedException {
        final Path jar = TARGET.resolve("georisk.jar");
        assertThat(jar).as("the runnable jar, built by mvn package before failsafe runs").isRegularFile();
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Path log = TARGET.resolve("dashboard-demo.log");
        demo = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "demo", "--port", "0",
                "--http-port", String.valueOf(freePort()), "--pace", "0ms", "--api-token", token)
                .redirectErrorStream(true)
                .start();
        final CompletableFuture<String> address = new CompletableFuture<>();
        final Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
                 var copy = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    demoOutput.add(line);
                    copy.write(line);
                    copy.newLine();
                    copy.flush();
                    final Matcher m = DASHBOARD_LINE.matcher(line.strip());
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
            } catch (final IOException e) {
                address.completeExceptionally(new UncheckedIOException(e));
            }
            address.completeExceptionally(new IllegalStateException("the demo exited before printing its address"));
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return address.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
        } catch (final TimeoutException | java.util.concurrent.ExecutionException e) {
            return fail("the demo printed no dashboard address within " + STARTUP.toSeconds() + " s ("
                    + e.getMessage() + "); its output:\n" + String.join("\n", demoOutput), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** How many of the scenario's events each watched dyad should have scored, as the demo counts them. */
    private static Map<String, Long> eventsPerDyad(final Scenario scenario) {
        final DyadResolver resolver = new DyadResolver(Set.of("CAN"), Set.of("USA", "CHN"));
        final Map<String, Long> counts = scenario.events().stream()
                .map(e -> resolver.resolve(e.getActor(), e.getTarget()))
                .flatMap(Optional::stream)
                .collect(Collectors.groupingBy(Dyad::key, TreeMap::new, Collectors.counting()));
        assertThat(counts).as("dyads of the built-in scenario").containsOnlyKeys("CAN-CHN", "CAN-USA");
        return counts;
    }

    private static LocalDate lastEventDay(final Scenario scenario) {
        final Instant last = scenario.events().stream().map(GeoEvent::getOccurredAt).max(Instant::compareTo).orElseThrow();
        return LocalDate.ofInstant(last, ZoneOffset.UTC);
    }

    private static String tariff(final String token, final LocalDate day, final String headline) {
        final ObjectNode event = JSON.createObjectNode()
                .put("id", day + "-usa-can-browser-test-" + token.substring(0, 8))
                .put("occurredAt", day.toString())
                .put("actor", "USA")
                .put("target", "CAN")
                .put("type", "TARIFF_IMPOSED")
                .put("headline", headline)
                .put("mentions", 3000)
                .put("sources", 400)
                .put("articles", 2000)
                .put("tariffRate", 25.0)
                .put("confidence", 1.0);
        event.putArray("sectors").add("lumber");
        return event.toString();
    }

    private int alertCount(final String base) throws IOException, InterruptedException {
        return json(get(base + "/api/alerts?limit=1000")).path("alerts").size();
    }

    private long eventCount(final String base, final String dyad) throws IOException, InterruptedException {
        final HttpResponse<String> score = get(base + "/api/dyads/" + dyad + "/score");
        return score.statusCode() == 200 ? json(score).path("eventCount").asLong() : 0;
    }

    /** Pixels of the canvas in the tension line's colour: the chart drew its line, not just its axes. */
    private static int linePixels(final Page page, final String dyad) {
        final Object count = page.evaluate("""
                (dyad) => {
                  const canvas = document.querySelector(`[data-dyad='${dyad}'] .plot canvas`);
                  const probe = document.createElement("canvas").getContext("2d");
                  probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue("--tension").trim();
                  probe.fillRect(0, 0, 1, 1);
                  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
                  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
                  let n = 0;
                  for (let i = 0; i < pixels.length; i += 4) {
                    if (Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b) < 60) n++;
                  }
                  return n;
                }""", dyad);
        return ((Number) count).intValue();
    }

    private static LocatorAssertions expect(final Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    private static String card(final String dyad) {
        return "article.dyad[data-dyad='" + dyad + "']";
    }

    private static Locator plot(final Page page, final String dyad) {
        return page.locator(card(dyad) + " .plot");
    }

    private HttpResponse<String> get(final String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final String url, final String token, final String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("%s: %s", response.uri(), response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
