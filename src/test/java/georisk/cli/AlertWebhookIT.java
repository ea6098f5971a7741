package georisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import georisk.alerting.AlertDelivery;
import georisk.alerting.RetryPolicy;
import georisk.alerting.WebhookServer;
import georisk.config.AlertWebhook;
import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.config.WatchSettings;
import georisk.events.AlertKind;
import georisk.events.RiskAlert;
import georisk.events.RiskLevel;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import georisk.ingest.EventPublisher;
import georisk.ingest.Scenario;
import georisk.local.EmbeddedKafka;
import georisk.runtime.AlertWebhooks;
import georisk.runtime.ScoringApp;
import georisk.scoring.ModelParameters;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts raised by the real topology reach webhooks once each, end to end: an embedded KRaft broker (this class's
 * own: topic names are the catalog's), the real (Apicurio) registry, a scoring instance, and three webhooks on real
 * local HTTP servers — one that works (JSON body), one that answers 500 to its first request (Slack body), and one
 * that is down. Then a restart of the delivery: nothing already handled is posted again.
 */
@Timeout(240)
class AlertWebhookIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 3,
            Duration.ofSeconds(2));

    @TempDir
    static Path stateDir;

    private static EmbeddedKafka kafka;
    private static KafkaSettings settings;
    private static SerdeFactory serdes;
    private static ScoringApp app;
    private static final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void startBrokerAndScoring() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults()).start();
        settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
        try (Admin admin = Admin.create(settings.adminProperties())) {
            new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(1, Map.of(), (short) 1);
        }
        serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
        app = new ScoringApp(settings, new StreamsSettings(TestNames.unique("georisk-alerts"), stateDir, 1, 1,
                Duration.ofMillis(100)), new WatchSettings(Set.of("CAN"), Set.of("USA", "CHN"), Duration.ofDays(3650)),
                serdes, ModelParameters.defaults());
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (final AutoCloseable c : closing) {
            c.close();
        }
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldPostEveryAlertOnceToEachWebhookAndNothingAgainAfterARestart() throws Exception {
        final WebhookServer good = closeLater(WebhookServer.ok());
        final WebhookServer flaky = closeLater(WebhookServer.answering(n -> n == 1 ? 500 : 200));
        final List<AlertWebhook> webhooks = List.of(new AlertWebhook(AlertWebhook.Format.JSON, good.url()),
                new AlertWebhook(AlertWebhook.Format.SLACK, flaky.url()),
                new AlertWebhook(AlertWebhook.Format.JSON, WebhookServer.down()));
        final String application = TestNames.unique("it-alerts");
        final String group = AlertWebhooks.groupId(application);
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final StringWriter printed = new StringWriter();
        // like `run`: a new group starts at the next alert, so it must be in place before any is raised
        AlertDelivery delivery = AlertWebhooks.start(webhooks, settings, serdes, registry, application, false, Topics.DEFAULT, FAST);
        AlertOptions.announce(new PrintWriter(printed, true), webhooks, application);
        assertThat(printed.toString()).contains("3 webhook(s)").contains("slack=http://127.0.0.1:")
                .doesNotContain("s3cr3t");
        await().alias("the delivery group has its start committed").atMost(Duration.ofSeconds(60))
                .until(() -> !committed(group).isEmpty());

        app.start(Duration.ofSeconds(90));
        try (EventPublisher publisher = new EventPublisher(settings.producerProperties("it-alerts"), serdes)) {
            publisher.publish(Scenario.builtIn(), 0);
        }

        // every alert on the topic, once, at the working webhook; the flaky one has them all after one retry
        // (and for 3 s on end: the scenario is scored, no alert is still on its way)
        await().alias("the working webhook has every alert on risk-alerts").atMost(Duration.ofSeconds(120))
                .during(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    final List<String> onTopic = alertIdsOnTopic();
                    return onTopic.size() >= 5 && ids(good).equals(onTopic);
                });
        final List<String> raised = alertIdsOnTopic();
        await().alias("the flaky webhook has every alert").atMost(Duration.ofSeconds(30))
                .until(() -> ids(flaky).stream().distinct().count() == raised.size());
        assertThat(ids(good)).doesNotHaveDuplicates();
        assertThat(flaky.requests()).hasSize(raised.size() + 1);
        assertThat(ids(flaky).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .values()).containsOnly(1L, 2L).containsOnlyOnce(2L);
        final JsonNode first = JSON.readTree(good.requests().get(0).body());
        assertThat(first.get("id").textValue() + "/" + first.get("toLevel").textValue()).isEqualTo(raised.get(0));
        assertThat(first.get("dyad").textValue()).startsWith("CAN-");
        assertThat(first.get("explanation").textValue()).isNotBlank();
        assertThat(JSON.readTree(flaky.requests().get(1).body()).get("text").textValue()).contains("georisk *CAN-");

        // the dead webhook gives every alert up; then every offset is committed
        await().alias("the dead webhook gave every alert up, every offset committed").atMost(Duration.ofSeconds(60))
                .until(() -> registry.scrape().contains("georisk_webhook_deliveries_total{host=\"127.0.0.1\","
                        + "result=\"failed\",webhook=\"3-json\"} " + raised.size() + ".0")
                        && committed(group).equals(endOffsets()));
        assertThat(registry.scrape())
                .contains("georisk_webhook_deliveries_total{host=\"127.0.0.1\",result=\"delivered\",webhook=\"1-json\"} "
                        + raised.size() + ".0")
                .contains("georisk_webhook_attempts_total{host=\"127.0.0.1\",outcome=\"http_error\",webhook=\"2-slack\"} 1.0");

        // a restart: a new delivery in the same group posts only what arrives after it
        delivery.close();
        delivery = AlertWebhooks.start(webhooks, settings, serdes, registry, application, false, Topics.DEFAULT, FAST);
        closeLater(delivery);
        publishAlert("it-after-restart");
        await().alias("the alert raised after the restart delivered").atMost(Duration.ofSeconds(60))
                .until(() -> ids(good).contains("it-after-restart/HIGH"));
        final List<String> expected = new ArrayList<>(raised);
        expected.add("it-after-restart/HIGH");
        assertThat(ids(good)).isEqualTo(expected);
        registry.close();
    }

    /** A version of an alert as delivered: its id and the level reached (a day's burst re-sends one id). */
    private static String key(final georisk.events.RiskAlert a) {
        return a.getId() + "/" + a.getToLevel();
    }

    private static List<String> ids(final WebhookServer server) {
        return server.requests().stream().map(r -> r.header("Idempotency-Key")).toList();
    }

    private static List<String> alertIdsOnTopic() {
        final var props = settings.consumerProperties("it-alerts-reader");
        props.put("isolation.level", IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final TopicPartition tp = new TopicPartition(Topics.RISK_ALERTS.name(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            final long end = consumer.endOffsets(List.of(tp)).get(tp);
            final List<String> ids = new ArrayList<>();
            final var deserializer = serdes.valueSerde(Topics.RISK_ALERTS).deserializer();
            final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> ids.add(key(deserializer.deserialize(r.topic(), r.value()))));
            }
            return ids;
        }
    }

    private static Map<TopicPartition, Long> committed(final String group) throws Exception {
        try (Admin admin = Admin.create(settings.adminProperties())) {
            final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        final TopicPartition tp = new TopicPartition(Topics.RISK_ALERTS.name(), 0);
        try (Admin admin = Admin.create(settings.adminProperties())) {
            return Map.of(tp, admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset());
        }
    }

    private static void publishAlert(final String id) throws Exception {
        final RiskAlert alert = RiskAlert.newBuilder().setId(id).setDyad("CAN-CHN").setKind(AlertKind.JUMP)
                .setToLevel(RiskLevel.HIGH).setScore(61.0).setExplanation("CAN-CHN jumped (a test alert)")
                .setTime(Instant.parse("2026-02-01T00:00:00Z")).build();
        try (KafkaProducer<String, RiskAlert> producer = new KafkaProducer<>(settings.producerProperties("it-alert"),
                new StringSerializer(), serdes.valueSerde(Topics.RISK_ALERTS).serializer())) {
            producer.send(new ProducerRecord<>(Topics.RISK_ALERTS.name(), alert.getDyad(), alert)).get();
        }
    }

    private static <T extends AutoCloseable> T closeLater(final T resource) {
        closing.add(0, resource);
        return resource;
    }
}
