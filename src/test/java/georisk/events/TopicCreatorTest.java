package georisk.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link TopicCreator} says when it cannot do its job; no broker involved. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TopicCreatorTest {
    private String nowhere;
    private Admin admin;

    @BeforeEach
    void pointAtClosedPort() throws IOException {
        // A port that was free a moment ago: connections to it are refused.
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nowhere = "127.0.0.1:" + probe.getLocalPort();
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nowhere,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    }

    @AfterEach
    void closeAdmin() {
        admin.close(Duration.ZERO);
    }

    @Test
    void shouldNameBrokerWhenNotReachable() {
        final TopicCreator creator = new TopicCreator(admin, nowhere, Duration.ofMillis(500));

        assertThatThrownBy(() -> creator.createAll(1, Map.of(), (short) 1))
                .isInstanceOf(TopicCreator.TopicCreationException.class)
                .hasMessageContaining("not reachable at " + nowhere);
    }

    @Test
    void shouldRejectPartitionCountForUnknownTopic() {
        final TopicCreator creator = new TopicCreator(admin, nowhere, Duration.ofSeconds(1));

        assertThatThrownBy(() -> creator.createAll(1, Map.of("geo-event", 3), (short) 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown topic 'geo-event'")
                .hasMessageContaining("geo-events");
    }

    @Test
    void shouldRejectPartitionCountBelowOne() {
        final TopicCreator creator = new TopicCreator(admin, nowhere, Duration.ofSeconds(1));

        assertThatThrownBy(() -> creator.createAll(0, Map.of(), (short) 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void shouldRequireTwoInSyncReplicasWhenThereAreThreeOrMore() {
        assertThat(TopicCreator.durable(Topics.RISK_SCORES.config(), (short) 3))
                .containsEntry("min.insync.replicas", "2").containsAllEntriesOf(Topics.RISK_SCORES.config());
        assertThat(TopicCreator.durable(Topics.RISK_SCORES.config(), (short) 1)).doesNotContainKey("min.insync.replicas");
        assertThat(TopicCreator.durable(Map.of("min.insync.replicas", "3"), (short) 5))
                .containsEntry("min.insync.replicas", "3");
    }

    @Test
    void shouldKeepResultsForTheirRetentionFromWhenTheyAreWritten() {
        assertThat(Topics.RISK_SCORES.config()).containsEntry("message.timestamp.type", "LogAppendTime");
        assertThat(Topics.RISK_ALERTS.config()).containsEntry("message.timestamp.type", "LogAppendTime");
    }

    @Test
    void shouldStoreWhatPeopleReadUncompressedWhateverGeoriskSends() {
        // georisk's Streams producers compress with lz4; clients without it (kafkajs) must still read these
        for (final TopicSpec<?, ?> t : List.of(Topics.RISK_SCORES, Topics.RISK_ALERTS, Topics.GEO_EVENTS_DLQ)) {
            assertThat(t.config()).as(t.name()).containsEntry("compression.type", "uncompressed");
        }
        assertThat(Topics.GEO_EVENTS.config()).doesNotContainKey("compression.type");
    }
}
