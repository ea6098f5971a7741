package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.config.WatchSettings;
import georisk.events.AlertKind;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.RiskAlert;
import georisk.events.RiskLevel;
import georisk.events.SourceKind;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import georisk.ingest.EventPublisher;
import georisk.local.EmbeddedKafka;
import georisk.runtime.ScoringApp;
import georisk.scoring.ModelParameters;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A quiet dyad gets its decay alert on the wall clock, without a new event: an embedded broker, the real
 * registry, the scoring app with exactly-once, and a model whose half-life (1 hour) and decay tick (1 second)
 * are shrunk so that a week-old escalation has long decayed and the tick comes soon.
 */
@Timeout(180)
class DecayOnTheClockIT {
    @TempDir
    static Path stateDir;

    private static EmbeddedKafka kafka;
    private static KafkaSettings settings;
    private static SerdeFactory serdes;
    private static ScoringApp app;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDefaultPartitions(1)).start();
        settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
        try (Admin admin = Admin.create(settings.adminProperties())) {
            new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(1, Map.of(), (short) 1);
        }
        serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
        final ModelParameters d = ModelParameters.defaults();
        final ModelParameters fast = new ModelParameters(d.impact(),
                new ModelParameters.Tension(Duration.ofHours(1), d.tension().baseline(), d.tension().steepness()),
                d.history(), d.levels(), new ModelParameters.Alerts(d.alerts().jumpPoints(), d.alerts().jumpSpan(),
                d.alerts().anomalyZ(), d.alerts().minSources(), d.alerts().minConfidence(), d.alerts().cooldown(),
                d.alerts().minDriverPoints(), Duration.ofSeconds(1)), d.windows(), d.drivers());
        app = new ScoringApp(settings,
                new StreamsSettings(TestNames.unique("georisk-decay-it"), stateDir, 1, 1, Duration.ofMillis(100)),
                new WatchSettings(Set.of("CAN"), Set.of("USA"), Duration.ofDays(3650)), serdes, fast);
        app.start(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldTellAQuietDyadsDecayWithoutANewEvent() throws Exception {
        // three major tariffs a week ago, then nothing
        final Instant weekAgo = Instant.now().minus(7, ChronoUnit.DAYS);
        try (EventPublisher publisher = new EventPublisher(settings.producerProperties("decay-it"), serdes)) {
            for (final String id : List.of("a", "b", "c")) {
                publisher.publish(GeoEvent.newBuilder().setId("decay-it-" + id).setOccurredAt(weekAgo)
                        .setReportedAt(weekAgo).setActor("USA").setTarget("CAN").setType(EventType.TARIFF_IMPOSED)
                        .setMentions(3000).setSources(400).setConfidence(1.0).setTariffRate(25.0)
                        .setHeadline("tariff " + id).setSourceKind(SourceKind.CURATED).build()).get();
            }
        }
        final List<RiskAlert> seen = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, RiskAlert> consumer = new KafkaConsumer<>(settings.consumerProperties("decay-it"),
                serdes.keySerde(Topics.RISK_ALERTS).deserializer(), serdes.valueSerde(Topics.RISK_ALERTS).deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.RISK_ALERTS.name()).stream()
                    .map(p -> new TopicPartition(Topics.RISK_ALERTS.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().alias("a decay alert down to LOW, with no event after the tariffs").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                        return seen.stream().anyMatch(a -> a.getKind() == AlertKind.DECAYED
                                && a.getToLevel() == RiskLevel.LOW);
                    });
        }
        assertThat(seen.get(0).getKind()).isEqualTo(AlertKind.LEVEL_CHANGE);
        final RiskAlert decayed = seen.stream().filter(a -> a.getKind() == AlertKind.DECAYED).findFirst().orElseThrow();
        assertThat(decayed.getDrivers()).isEmpty();
        assertThat(decayed.getExplanation()).contains("through decay alone: no event for");
        // dated at the close where it happened (the tariffs' day), not at the wall clock
        assertThat(decayed.getTime()).isBefore(weekAgo.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS));
        assertThat(app.failure()).isNull();
    }
}
