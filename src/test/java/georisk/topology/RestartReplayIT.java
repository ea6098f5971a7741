package georisk.topology;

import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import georisk.ingest.EventPublisher;
import georisk.ingest.Scenario;
import georisk.local.EmbeddedKafka;
import georisk.scoring.Dyad;
import georisk.scoring.AlertPolicy;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.DyadState;
import georisk.scoring.ModelParameters;
import georisk.scoring.Score;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Order independence on real parts, across a restart: the built-in scenario shuffled, with
 * duplicates, half of it scored by one Kafka Streams instance, the instance stopped and its local
 * state wiped (so the next one restores from the changelogs), the rest scored by a new instance.
 * The final scores equal those of the events folded in order by the pure model.
 */
@Timeout(240)
class RestartReplayIT {
    private static final Set<String> WATCHED = Set.of("USA", "CHN");

    @TempDir
    Path stateDir;

    @Test
    void shouldGiveSameFinalScoresAfterShuffleDuplicatesAndRestart() throws Exception {
        final Scenario scenario = Scenario.builtIn();
        final List<GeoEvent> shuffled = new ArrayList<>(scenario.events());
        shuffled.addAll(scenario.events().subList(5, 15));
        Collections.shuffle(shuffled, new Random(2026));
        final Map<String, Score> expected = expectedFinalScores(scenario);

        try (EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDefaultPartitions(2)).start()) {
            final KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
            try (Admin admin = Admin.create(settings.adminProperties())) {
                new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(2, Map.of(), (short) 1);
            }
            final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
            final StreamsSettings streamsSettings = new StreamsSettings(TestNames.unique("georisk-restart"), stateDir, 1, 1,
                    Duration.ofMillis(100));
            final Properties props = settings.streamsProperties(streamsSettings);
            final int half = shuffled.size() / 2;

            try (EventPublisher publisher = new EventPublisher(settings.producerProperties("it-restart"), serdes);
                 KafkaConsumer<String, RiskScore> consumer = scoreConsumer(settings, serdes)) {
                final Map<String, RiskScore> latest = new HashMap<>();
                final Scenario firstHalf = new Scenario(shuffled.subList(0, half), scenario.exposures(), "first half");
                final KafkaStreams first = start(serdes, props);
                publisher.publish(firstHalf, 0);
                final long firstUnique = firstHalf.events().stream().map(GeoEvent::getId).distinct()
                        .filter(id -> watched(scenario, id)).count();
                awaitScored(consumer, latest, () -> total(latest) >= firstUnique, "first half scored");
                first.close(Duration.ofSeconds(30));
                first.cleanUp();  // wipe local state: the next instance must restore it from the changelogs

                final KafkaStreams second = start(serdes, props);
                try {
                    for (final GeoEvent e : shuffled.subList(half, shuffled.size())) {
                        publisher.publish(e);
                    }
                    publisher.flush();
                    awaitScored(consumer, latest, () -> expected.entrySet().stream().allMatch(x ->
                            count(latest, x.getKey()) == x.getValue().eventCount()), "every event scored once");
                } finally {
                    second.close(Duration.ofSeconds(30));
                }
                for (final Map.Entry<String, Score> x : expected.entrySet()) {
                    final RiskScore got = latest.get(x.getKey());
                    final Score want = x.getValue();
                    assertThat(got.getAsOf().toEpochMilli()).as(x.getKey()).isEqualTo(want.asOf());
                    assertThat(got.getTension()).as(x.getKey()).isCloseTo(want.tension(), within(1e-9 * want.tension()));
                    assertThat(got.getExposureWeightedRisk()).as(x.getKey())
                            .isCloseTo(want.exposureWeightedRisk(), within(1e-9 * want.exposureWeightedRisk()));
                    assertThat(got.getDelta7d()).as(x.getKey()).isCloseTo(want.delta7d(), within(1e-9 * want.tension()));
                    assertThat(got.getDrivers()).as(x.getKey()).extracting(d -> d.getEventId())
                            .containsExactlyElementsOf(want.drivers().stream().map(d -> d.event().id()).toList());
                }
            }
        }
    }

    private static Map<String, Score> expectedFinalScores(final Scenario scenario) {
        final DyadResolver resolver = new DyadResolver(Set.of("CAN"), WATCHED);
        final DyadScorer scorer = new DyadScorer(ModelParameters.defaults());
        final Map<String, TradeExposure> exposures = new HashMap<>();
        scenario.exposures().forEach(x -> exposures.put(x.getDyad(), x));
        final Map<String, DyadState> states = new HashMap<>();
        for (final GeoEvent e : scenario.events()) {
            resolver.resolve(e.getActor(), e.getTarget()).ifPresent((Dyad d) -> states.merge(d.key(),
                    scorer.add(DyadState.EMPTY, ScoringMapping.toScoringEvent(e, d, exposures.get(d.key()))),
                    (old, ignored) -> scorer.add(old, ScoringMapping.toScoringEvent(e, d, exposures.get(d.key())))));
        }
        final Map<String, Score> scores = new HashMap<>();
        states.forEach((dyad, state) -> scores.put(dyad, scorer.score(state, exposures.get(dyad).getExposure())));
        return scores;
    }

    private static boolean watched(final Scenario scenario, final String id) {
        final DyadResolver resolver = new DyadResolver(Set.of("CAN"), WATCHED);
        return scenario.events().stream().filter(e -> e.getId().equals(id))
                .anyMatch(e -> resolver.resolve(e.getActor(), e.getTarget()).isPresent());
    }

    private static KafkaStreams start(final SerdeFactory serdes, final Properties props) {
        final RiskTopology topology = new RiskTopology(serdes, new DyadScorer(ModelParameters.defaults()),
                new AlertPolicy(ModelParameters.defaults()),
                new DyadResolver(Set.of("CAN"), WATCHED), Duration.ofDays(3650));
        final KafkaStreams streams = new KafkaStreams(topology.build(props), props);
        streams.start();
        await().alias("Kafka Streams RUNNING").atMost(Duration.ofSeconds(90))
                .until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private static KafkaConsumer<String, RiskScore> scoreConsumer(final KafkaSettings settings, final SerdeFactory serdes) {
        final KafkaConsumer<String, RiskScore> consumer = new KafkaConsumer<>(settings.consumerProperties("it-restart"),
                serdes.keySerde(Topics.RISK_SCORES).deserializer(), serdes.valueSerde(Topics.RISK_SCORES).deserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.RISK_SCORES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static void awaitScored(final KafkaConsumer<String, RiskScore> consumer, final Map<String, RiskScore> latest,
                                    final java.util.concurrent.Callable<Boolean> done, final String alias) {
        await().alias(alias).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.merge(r.key(), r.value(),
                    (a, b) -> b.getEventCount() >= a.getEventCount() ? b : a));
            return done.call();
        });
    }

    private static long count(final Map<String, RiskScore> latest, final String dyad) {
        return Optional.ofNullable(latest.get(dyad)).map(RiskScore::getEventCount).orElse(0L);
    }

    private static long total(final Map<String, RiskScore> latest) {
        return latest.values().stream().mapToLong(RiskScore::getEventCount).sum();
    }
}
