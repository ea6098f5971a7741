package georisk.events;

import georisk.testing.TestKafka;
import georisk.testing.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Topic creation against the test broker ({@link TestKafka}). Each test creates the catalog under its
 * own suffix, since the broker is shared and may outlive the run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicCreatorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final short REPLICATION = 1;

    private static Admin admin;
    private static TopicCreator creator;

    @BeforeAll
    static void connect() {
        final String bootstrap = TestKafka.bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        creator = new TopicCreator(admin, bootstrap, TIMEOUT);
    }

    @AfterAll
    static void disconnect() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void shouldCreateEveryCatalogTopicWithRequestedPartitionsAndConfig() throws Exception {
        final String suffix = TestNames.suffix();
        final List<TopicSpec<?, ?>> catalog = TestNames.topics(Topics.ALL, suffix);
        final String geoEvents = Topics.GEO_EVENTS.name() + "-" + suffix;
        final String tradeExposure = Topics.TRADE_EXPOSURE.name() + "-" + suffix;

        final TopicCreationResult result = creator.create(catalog, 3, Map.of(geoEvents, 4), REPLICATION);

        assertThat(result.created()).containsExactlyElementsOf(names(catalog)).hasSize(5);
        assertThat(result.existing()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(partitionCounts(catalog)).containsOnly(
                entry(geoEvents, 4),
                entry(tradeExposure, 3),
                entry(Topics.RISK_SCORES.name() + "-" + suffix, 3),
                entry(Topics.RISK_ALERTS.name() + "-" + suffix, 3),
                entry(Topics.GEO_EVENTS_DLQ.name() + "-" + suffix, 3));
        assertThat(topicConfig(tradeExposure).get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(topicConfig(geoEvents).get("cleanup.policy").value()).isEqualTo("delete");
        assertThat(topicConfig(geoEvents).get("retention.ms").value()).isEqualTo("-1");
    }

    @Test
    void shouldCreateNothingAndReportAllExistingWhenRunAgain() throws Exception {
        final List<TopicSpec<?, ?>> catalog = TestNames.topics(Topics.ALL, TestNames.suffix());
        final String riskScores = catalog.get(2).name();
        creator.create(catalog, 2, Map.of(), REPLICATION);

        // A second run that asks for more partitions of one topic must not touch it, only say so.
        final TopicCreationResult again = creator.create(catalog, 2, Map.of(riskScores, 6), REPLICATION);

        assertThat(again.created()).isEmpty();
        assertThat(again.existing()).containsExactlyElementsOf(names(catalog));
        assertThat(again.warnings()).singleElement().asString()
                .contains(riskScores, "2 partitions", "6 requested");
        assertThat(partitionCounts(catalog)).containsEntry(riskScores, 2);
    }

    private static List<String> names(final List<TopicSpec<?, ?>> catalog) {
        return catalog.stream().map(TopicSpec::name).toList();
    }

    private static Map<String, Integer> partitionCounts(final List<TopicSpec<?, ?>> catalog) throws Exception {
        final Map<String, TopicDescription> descriptions =
                admin.describeTopics(names(catalog)).allTopicNames().get(30, TimeUnit.SECONDS);
        return descriptions.values().stream()
                .collect(Collectors.toMap(TopicDescription::name, description -> description.partitions().size()));
    }

    private static Config topicConfig(final String topic) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }
}
