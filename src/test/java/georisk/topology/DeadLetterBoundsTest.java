package georisk.topology;

import georisk.events.DeadLetterHeaders;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.Topics;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

import static georisk.topology.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

/** The validate stage's dead letters stay small whatever the record held. */
class DeadLetterBoundsTest {
    @TempDir
    Path stateDir;

    @Test
    void shouldCutTheReasonHeaderOfAnEventWithAHugeId() {
        final String scope = "dlq-bounds-" + UUID.randomUUID();
        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl("mock://" + scope));
        final Properties p = new Properties();
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "dlq-bounds-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        try (TopologyTestDriver driver = new TopologyTestDriver(RiskTopologyTest.topology(serdes).build(p), p)) {
            final TestInputTopic<String, GeoEvent> events = driver.createInputTopic(Topics.GEO_EVENTS.name(),
                    Serdes.String().serializer(), serdes.valueSerde(Topics.GEO_EVENTS).serializer());
            final TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(Topics.GEO_EVENTS_DLQ.name(),
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            // the reason names the event by its id: a 300,000-character id (over its limit) must not make a 300 KB header
            final GeoEvent huge = event("x".repeat(300_000), "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED);
            events.pipeInput(new TestRecord<>("k", huge, huge.getOccurredAt()));

            final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
            final Header reason = dead.headers().lastHeader(DeadLetterHeaders.REASON);
            assertThat(reason.value().length).isLessThanOrEqualTo(DeadLetterHeaders.MAX_REASON_BYTES);
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).startsWith("invalid GeoEvent xxx")
                    .contains("(cut; ");
        } finally {
            InMemorySchemaRegistry.dropScope(scope);
        }
    }
}
