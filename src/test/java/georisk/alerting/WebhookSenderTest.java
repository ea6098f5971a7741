package georisk.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import georisk.config.AlertWebhook;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Delivery to real local HTTP servers (the JDK's): one that works, one that is down, one that answers 500 first. */
@Timeout(60)
class WebhookSenderTest {
    /** Short waits so the tests are quick: 50 ms doubling to 200 ms, 4 attempts, 2 s per attempt. */
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 4,
            Duration.ofSeconds(2));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (final AutoCloseable c : closing) {
            c.close();
        }
        registry.close();
    }

    @Test
    void shouldPostTheAlertsFieldsAsJsonOnceWithItsIdAsIdempotencyKey() throws Exception {
        final WebhookServer server = server(WebhookServer.ok());
        final WebhookSender sender = sender(new AlertWebhook(AlertWebhook.Format.JSON, server.url()), "1-json", 8);
        final List<String> done = new CopyOnWriteArrayList<>();

        assertThat(sender.offer(new WebhookSender.Delivery(alert("a-1"), () -> done.add("a-1")))).isTrue();

        await().alias("the alert done").atMost(Duration.ofSeconds(10)).until(() -> done.size() == 1);
        assertThat(server.requests()).hasSize(1);
        final WebhookServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/services/T0/B0/s3cr3t-token");
        assertThat(request.header("Idempotency-Key")).isEqualTo("a-1/SEVERE");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        final JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("id").textValue()).isEqualTo("a-1");
        assertThat(body.get("dyad").textValue()).isEqualTo("CAN-USA");
        assertThat(body.get("kind").textValue()).isEqualTo("LEVEL_CHANGE");
        assertThat(body.get("fromLevel").textValue()).isEqualTo("ELEVATED");
        assertThat(body.get("toLevel").textValue()).isEqualTo("SEVERE");
        assertThat(body.get("score").doubleValue()).isEqualTo(80.1);
        assertThat(body.get("time").textValue()).isEqualTo("2025-03-04T00:00:00Z");
        assertThat(body.get("explanation").textValue()).contains("rose from ELEVATED to SEVERE");
        assertThat(body.get("drivers").get(0).get("eventId").textValue()).isEqualTo("e-7");
        assertThat(body.get("drivers").get(0).get("type").textValue()).isEqualTo("TARIFF_IMPOSED");
        assertThat(count("georisk_webhook_deliveries_total{host=\"127.0.0.1\",result=\"delivered\",webhook=\"1-json\"}"))
                .isEqualTo(1.0);
    }

    @Test
    void shouldPostSlacksTextBodyWithMarkupEscaped() throws Exception {
        final WebhookServer server = server(WebhookServer.ok());
        final WebhookSender sender = sender(new AlertWebhook(AlertWebhook.Format.SLACK, server.url()), "1-slack", 8);

        sender.offer(new WebhookSender.Delivery(alert("a-1"), () -> { }));

        await().alias("one request").atMost(Duration.ofSeconds(10)).until(() -> server.requests().size() == 1);
        final JsonNode body = JSON.readTree(server.requests().get(0).body());
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("text").textValue())
                .startsWith(":rotating_light: georisk *CAN-USA* LEVEL_CHANGE ELEVATED → SEVERE (tension 80.1): ")
                .contains("tariffs &lt;25 %&gt; &amp; more");
    }

    @Test
    void shouldRetryAfterA500AndDeliverOnceTheWebhookAnswers200() throws Exception {
        final WebhookServer server = server(WebhookServer.answering(n -> n == 1 ? 500 : 200));
        final WebhookSender sender = sender(new AlertWebhook(AlertWebhook.Format.JSON, server.url()), "1-json", 8);
        final List<String> done = new CopyOnWriteArrayList<>();

        sender.offer(new WebhookSender.Delivery(alert("a-1"), () -> done.add("a-1")));

        await().alias("the alert done").atMost(Duration.ofSeconds(10)).until(() -> done.size() == 1);
        assertThat(server.requests()).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("a-1/SEVERE"));
        assertThat(count("georisk_webhook_attempts_total{host=\"127.0.0.1\",outcome=\"http_error\",webhook=\"1-json\"}"))
                .isEqualTo(1.0);
        assertThat(count("georisk_webhook_deliveries_total{host=\"127.0.0.1\",result=\"delivered\",webhook=\"1-json\"}"))
                .isEqualTo(1.0);
        assertThat(count("georisk_webhook_deliveries_total{host=\"127.0.0.1\",result=\"failed\",webhook=\"1-json\"}"))
                .isEqualTo(0.0);
    }

    @Test
    void shouldGiveUpOnAWebhookThatIsDownWithoutHoldingUpAnotherOne() throws Exception {
        final WebhookServer up = server(WebhookServer.ok());
        final WebhookSender dead = sender(new AlertWebhook(AlertWebhook.Format.JSON, WebhookServer.down()), "1-json", 8);
        final WebhookSender alive = sender(new AlertWebhook(AlertWebhook.Format.JSON, up.url()), "2-json", 8);
        final List<String> deadDone = new CopyOnWriteArrayList<>();
        final ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        final Logger logger = (Logger) LoggerFactory.getLogger(WebhookSender.class);
        logger.addAppender(logs);
        closing.add(() -> logger.detachAppender(logs));

        for (int i = 1; i <= 3; i++) {
            final String id = "a-" + i;
            assertThat(dead.offer(new WebhookSender.Delivery(alert(id), () -> deadDone.add(id)))).isTrue();
            assertThat(alive.offer(new WebhookSender.Delivery(alert(id), () -> { }))).isTrue();
        }

        // the live webhook has every alert while the dead one is still retrying its first
        await().alias("all three at the live webhook").atMost(Duration.ofSeconds(10))
                .until(() -> up.requests().size() == 3);
        await().alias("the dead webhook gives each alert up").atMost(Duration.ofSeconds(20))
                .until(() -> deadDone.size() == 3);
        assertThat(deadDone).containsExactly("a-1", "a-2", "a-3");
        assertThat(count("georisk_webhook_attempts_total{host=\"127.0.0.1\",outcome=\"io_error\",webhook=\"1-json\"}"))
                .isEqualTo(3.0 * FAST.maxAttempts());
        assertThat(count("georisk_webhook_deliveries_total{host=\"127.0.0.1\",result=\"failed\",webhook=\"1-json\"}"))
                .isEqualTo(3.0);
        assertThat(count("georisk_webhook_deliveries_total{host=\"127.0.0.1\",result=\"delivered\",webhook=\"2-json\"}"))
                .isEqualTo(3.0);
        // the webhook is named in the logs, its secret path never
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("given up").contains("http://127.0.0.1:"))
                .noneSatisfy(m -> assertThat(m).contains("s3cr3t"));
    }

    @Test
    void shouldNotRetryARefusal() throws Exception {
        final WebhookServer server = server(WebhookServer.answering(n -> 404));
        final WebhookSender sender = sender(new AlertWebhook(AlertWebhook.Format.JSON, server.url()), "1-json", 8);
        final List<String> done = new CopyOnWriteArrayList<>();

        sender.offer(new WebhookSender.Delivery(alert("a-1"), () -> done.add("a-1")));

        await().alias("the alert done").atMost(Duration.ofSeconds(10)).until(() -> done.size() == 1);
        assertThat(server.requests()).hasSize(1);
        assertThat(count("georisk_webhook_deliveries_total{host=\"127.0.0.1\",result=\"failed\",webhook=\"1-json\"}"))
                .isEqualTo(1.0);
    }

    @Test
    void shouldPostAnAlertIdOnlyOnce() throws Exception {
        final WebhookServer server = server(WebhookServer.ok());
        final WebhookSender sender = sender(new AlertWebhook(AlertWebhook.Format.JSON, server.url()), "1-json", 8);
        final List<String> done = new CopyOnWriteArrayList<>();

        sender.offer(new WebhookSender.Delivery(alert("a-1"), () -> done.add("first")));
        sender.offer(new WebhookSender.Delivery(alert("a-1"), () -> done.add("again")));
        sender.offer(new WebhookSender.Delivery(alert("a-2"), () -> done.add("other")));

        await().alias("all three done").atMost(Duration.ofSeconds(10)).until(() -> done.size() == 3);
        assertThat(server.requests()).extracting(r -> r.header("Idempotency-Key")).containsExactly("a-1/SEVERE", "a-2/SEVERE");
        assertThat(count("georisk_webhook_deliveries_total{host=\"127.0.0.1\",result=\"duplicate\",webhook=\"1-json\"}"))
                .isEqualTo(1.0);
    }

    @Test
    void shouldDropRatherThanWaitWhenTheQueueIsFull() {
        // not started: nothing takes from the queue
        final WebhookSender sender = new WebhookSender(new AlertWebhook(AlertWebhook.Format.JSON, WebhookServer.down()),
                "1-json", FAST, 2, registry, "georisk/test");
        closing.add(sender);
        final List<String> done = new CopyOnWriteArrayList<>();

        final List<Boolean> accepted = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            final String id = "a-" + i;
            accepted.add(sender.offer(new WebhookSender.Delivery(alert(id), () -> done.add(id))));
        }

        assertThat(accepted).containsExactly(true, true, false);
        assertThat(done).containsExactly("a-3");
        assertThat(count("georisk_webhook_deliveries_total{host=\"127.0.0.1\",result=\"dropped\",webhook=\"1-json\"}"))
                .isEqualTo(1.0);
        assertThat(registry.scrape()).contains("georisk_webhook_queue_size{host=\"127.0.0.1\",webhook=\"1-json\"} 2.0");
    }

    private WebhookServer server(final WebhookServer server) {
        closing.add(server);
        return server;
    }

    private WebhookSender sender(final AlertWebhook webhook, final String name, final int capacity) {
        final WebhookSender sender = new WebhookSender(webhook, name, FAST, capacity, registry, "georisk/test");
        closing.add(0, sender);
        sender.start();
        return sender;
    }

    private double count(final String series) {
        return registry.scrape().lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1))).orElse(Double.NaN);
    }

    static AlertMessage alert(final String id) {
        return new AlertMessage(id, "CAN-USA", "LEVEL_CHANGE", "ELEVATED", "SEVERE", 80.1,
                "CAN-USA rose from ELEVATED to SEVERE, driven by TARIFF_IMPOSED \"tariffs <25 %> & more\" (+23.4)",
                Instant.parse("2025-03-04T00:00:00Z"), List.of(new AlertMessage.Driver("e-7", "TARIFF_IMPOSED",
                        Instant.parse("2025-03-04T00:00:00Z"), "tariffs <25 %> & more", 23.4)));
    }
}
