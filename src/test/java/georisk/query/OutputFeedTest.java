package georisk.query;

import georisk.events.AlertKind;
import georisk.events.DeadLetterHeaders;
import georisk.events.RiskAlert;
import georisk.events.RiskLevel;
import georisk.events.RiskScore;
import georisk.events.Topics;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class OutputFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private String scope;
    private SerdeFactory serdes;
    private Serializer<RiskScore> scoreWriter;
    private Serializer<RiskAlert> alertWriter;
    private MockConsumer<byte[], byte[]> consumer;
    private OutputFeed feed;
    private final Map<String, Long> offsets = new HashMap<>();

    @BeforeEach
    void setUp() {
        scope = "feed-test-" + UUID.randomUUID();
        serdes = new SerdeFactory(SchemaRegistryClients.forUrl("mock://" + scope));
        scoreWriter = serdes.valueSerde(Topics.RISK_SCORES).serializer();
        alertWriter = serdes.valueSerde(Topics.RISK_ALERTS).serializer();
        consumer = new MockConsumer<>("earliest");
        feed = new OutputFeed(consumer, serdes.valueSerde(Topics.RISK_SCORES).deserializer(),
                serdes.valueSerde(Topics.RISK_ALERTS).deserializer(), 2);
    }

    @AfterEach
    void tearDown() {
        feed.close();
        InMemorySchemaRegistry.dropScope(scope);
    }

    private void withTopics() {
        final Map<TopicPartition, Long> beginning = new HashMap<>();
        for (final String topic : List.of(Topics.RISK_SCORES.name(), Topics.RISK_ALERTS.name(),
                Topics.GEO_EVENTS_DLQ.name())) {
            consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, Node.noNode(), null, null),
                    new PartitionInfo(topic, 1, Node.noNode(), null, null)));
            beginning.put(new TopicPartition(topic, 0), 0L);
            beginning.put(new TopicPartition(topic, 1), 0L);
        }
        consumer.updateBeginningOffsets(beginning);
    }

    private void add(final String topic, final int partition, final String key, final byte[] value,
                     final RecordHeaders headers) {
        final long offset = offsets.merge(topic + "-" + partition, 1L, Long::sum) - 1;
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(topic, partition, offset, 0L,
                TimestampType.CREATE_TIME, -1, -1, key.getBytes(StandardCharsets.UTF_8), value, headers,
                Optional.empty())));
    }

    private void score(final RiskScore s) {
        add(Topics.RISK_SCORES.name(), s.getDyad().endsWith("USA") ? 0 : 1, s.getDyad(),
                scoreWriter.serialize(Topics.RISK_SCORES.name(), s), new RecordHeaders());
    }

    private void alert(final RiskAlert a) {
        add(Topics.RISK_ALERTS.name(), 0, a.getDyad(), alertWriter.serialize(Topics.RISK_ALERTS.name(), a),
                new RecordHeaders());
    }

    @Test
    void shouldKeepTheLatestScoreOfEveryDyadFromEveryPartition() {
        withTopics();
        score(Records.score("CAN-USA", "2025-03-01T00:00:00Z", 20, 1));
        score(Records.score("CAN-CHN", "2025-03-02T00:00:00Z", 30, 1));
        score(Records.score("CAN-USA", "2025-03-04T00:00:00Z", 80, 2));

        feed.start();

        await().alias("three scores read").atMost(WAIT).until(() -> feed.latest().size() == 2
                && feed.latest().get("CAN-USA").eventCount() == 2);
        assertThat(feed.latest()).containsOnlyKeys("CAN-CHN", "CAN-USA");
        final ScoreView usa = feed.latest().get("CAN-USA");
        assertThat(usa.tension()).isEqualTo(80);
        assertThat(usa.asOf()).hasToString("2025-03-04T00:00:00Z");
        assertThat(usa.level()).isEqualTo("SEVERE");
        assertThat(usa.components()).extracting(ScoreView.Component::name).containsExactly("baseline", "acts");
        assertThat(usa.drivers()).extracting(ScoreView.Driver::type).containsExactly("TARIFF_IMPOSED");
    }

    @Test
    void shouldKeepTheNewestAlertsByEventTimeWithinItsCapacity() {
        withTopics();
        alert(Records.alert("a1", "CAN-USA", AlertKind.LEVEL_CHANGE, "2025-02-01T00:00:00Z"));
        alert(Records.alert("a3", "CAN-USA", AlertKind.JUMP, "2025-03-04T00:00:00Z"));
        alert(Records.alert("a2", "CAN-CHN", AlertKind.ANOMALY, "2025-03-01T00:00:00Z"));

        feed.start();

        await().alias("the alerts read").atMost(WAIT).until(() -> feed.alerts(10).size() == 2
                && feed.alerts(10).get(1).id().equals("a2"));
        assertThat(feed.alerts(10)).extracting(AlertView::id).containsExactly("a3", "a2");
        assertThat(feed.alerts(1)).extracting(AlertView::id).containsExactly("a3");
        assertThat(feed.alerts(10).get(0).kind()).isEqualTo("JUMP");
        assertThat(feed.alerts(10).get(1).fromLevel()).isEqualTo("ELEVATED");
    }

    @Test
    void shouldKeepOnlyTheLatestVersionOfABurstAlertReSentUnderItsId() {
        withTopics();
        // a day's burst: first LOW -> GUARDED, then the same alert (same id, same event day) told again as LOW -> HIGH
        alert(RiskAlert.newBuilder(Records.alert("burst", "CAN-USA", AlertKind.LEVEL_CHANGE, "2025-03-04T00:00:00Z"))
                .setFromLevel(RiskLevel.LOW).setToLevel(RiskLevel.GUARDED).build());
        alert(Records.alert("other", "CAN-CHN", AlertKind.JUMP, "2025-03-01T00:00:00Z"));
        alert(RiskAlert.newBuilder(Records.alert("burst", "CAN-USA", AlertKind.LEVEL_CHANGE, "2025-03-04T00:00:00Z"))
                .setFromLevel(RiskLevel.LOW).setToLevel(RiskLevel.HIGH).build());
        // and a later version at a later event time of the same day
        alert(RiskAlert.newBuilder(Records.alert("burst", "CAN-USA", AlertKind.LEVEL_CHANGE, "2025-03-04T12:00:00Z"))
                .setFromLevel(RiskLevel.LOW).setToLevel(RiskLevel.SEVERE).build());

        feed.start();

        await().alias("the alerts read").atMost(WAIT).until(() -> feed.alerts(10).stream()
                .anyMatch(a -> a.toLevel().equals("SEVERE")));
        assertThat(feed.alerts(10)).extracting(AlertView::id).containsExactly("burst", "other");
        assertThat(feed.alerts(10).get(0).toLevel()).isEqualTo("SEVERE");
    }

    @Test
    void shouldGiveASubscriberTheLatestScoresFirstThenEveryUpdateInOrder() {
        withTopics();
        score(Records.score("CAN-USA", "2025-03-01T00:00:00Z", 20, 1));
        feed.start();
        await().alias("the first score read").atMost(WAIT).until(() -> !feed.latest().isEmpty());
        final List<String> seen = new CopyOnWriteArrayList<>();
        final RiskQueries.Subscription subscription = feed.subscribe(new FeedListener() {
            @Override
            public void score(final ScoreView score) {
                seen.add("score " + score.dyad() + " " + score.eventCount());
            }

            @Override
            public void alert(final AlertView alert) {
                seen.add("alert " + alert.id());
            }
        });
        assertThat(seen).containsExactly("score CAN-USA 1");

        score(Records.score("CAN-USA", "2025-03-04T00:00:00Z", 80, 2));
        alert(Records.alert("a1", "CAN-USA", AlertKind.LEVEL_CHANGE, "2025-03-04T00:00:00Z"));
        await().alias("the updates").atMost(WAIT).until(() -> seen.size() == 3);
        assertThat(seen).containsExactly("score CAN-USA 1", "score CAN-USA 2", "alert a1");

        subscription.close();
        score(Records.score("CAN-USA", "2025-03-05T00:00:00Z", 81, 3));
        await().alias("the last score read").atMost(WAIT).until(() -> feed.latest().get("CAN-USA").eventCount() == 3);
        assertThat(seen).hasSize(3);
    }

    @Test
    void shouldTellDeadLettersWithTheirStageAndSkipWhatItCannotRead() {
        withTopics();
        final List<String> stages = new CopyOnWriteArrayList<>();
        feed.onDeadLetter(stages::add);
        final RecordHeaders validate = new RecordHeaders();
        validate.add(DeadLetterHeaders.STAGE, "validate-events".getBytes(StandardCharsets.UTF_8));
        add(Topics.GEO_EVENTS_DLQ.name(), 0, "garbage", new byte[] {1, 2, 3}, validate);
        add(Topics.GEO_EVENTS_DLQ.name(), 1, "no-stage", new byte[] {4}, new RecordHeaders());
        add(Topics.RISK_SCORES.name(), 0, "CAN-USA", "not avro".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        score(Records.score("CAN-USA", "2025-03-04T00:00:00Z", 80, 2));

        feed.start();

        await().alias("the dead letters and the good score").atMost(WAIT)
                .until(() -> stages.size() == 2 && !feed.latest().isEmpty());
        assertThat(stages).containsExactlyInAnyOrder("validate-events", "unknown");
        assertThat(feed.latest().get("CAN-USA").eventCount()).isEqualTo(2);
    }

    @Test
    void shouldSayWhyItIsNotReadingAndResumeAfterAFailedPoll() {
        withTopics();
        feed = new OutputFeed(consumer, serdes.valueSerde(Topics.RISK_SCORES).deserializer(),
                serdes.valueSerde(Topics.RISK_ALERTS).deserializer(), 2, 400, 800);
        consumer.setPollException(new org.apache.kafka.common.KafkaException("the broker went away"));
        score(Records.score("CAN-USA", "2025-03-04T00:00:00Z", 80, 2));

        feed.start();

        await().alias("the failure reported").atMost(WAIT).until(() -> feed.failure().isPresent());
        assertThat(feed.failure().get()).contains("the broker went away").contains("retrying in 400 ms");
        await().alias("reading again after the backoff").atMost(WAIT)
                .until(() -> !feed.latest().isEmpty() && feed.failure().isEmpty());
        assertThat(feed.latest().get("CAN-USA").eventCount()).isEqualTo(2);
    }

    @Test
    void shouldRefuseToStartWhenAnOutputTopicIsMissing() {
        consumer.updatePartitions(Topics.RISK_SCORES.name(),
                List.of(new PartitionInfo(Topics.RISK_SCORES.name(), 0, Node.noNode(), null, null)));

        assertThatThrownBy(feed::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("topic risk-alerts does not exist; create the topics first (georisk topics create)");
        assertThat(consumer.assignment()).isEmpty();
    }

    @Test
    void shouldTellOnceItHasReadWhatWasOnTheTopicsAtStart() {
        withTopics();
        score(Records.score("CAN-USA", "2025-03-01T00:00:00Z", 20, 1));
        score(Records.score("CAN-CHN", "2025-03-02T00:00:00Z", 30, 1));
        score(Records.score("CAN-USA", "2025-03-04T00:00:00Z", 80, 2));
        final Map<TopicPartition, Long> ends = new HashMap<>();
        for (final String topic : List.of(Topics.RISK_SCORES.name(), Topics.RISK_ALERTS.name(),
                Topics.GEO_EVENTS_DLQ.name())) {
            ends.put(new TopicPartition(topic, 0), 0L);
            ends.put(new TopicPartition(topic, 1), 0L);
        }
        ends.put(new TopicPartition(Topics.RISK_SCORES.name(), 0), 2L);
        ends.put(new TopicPartition(Topics.RISK_SCORES.name(), 1), 1L);
        consumer.updateEndOffsets(ends);
        final List<String> whenCaughtUp = new CopyOnWriteArrayList<>();
        feed.onCaughtUp(() -> whenCaughtUp.add(feed.latest().keySet() + " " + feed.latest().get("CAN-USA").eventCount()));
        assertThat(feed.caughtUp()).isFalse();

        feed.start();

        await().alias("caught up").atMost(WAIT).until(feed::caughtUp);
        assertThat(whenCaughtUp).containsExactly("[CAN-CHN, CAN-USA] 2");
        feed.onCaughtUp(() -> whenCaughtUp.add("later"));
        assertThat(whenCaughtUp).containsExactly("[CAN-CHN, CAN-USA] 2", "later");
    }
}
