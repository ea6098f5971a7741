package georisk.query;

import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.SourceKind;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import georisk.scoring.AlertPolicy;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.ModelParameters;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.topology.DyadStage;
import georisk.topology.LatestScores;
import georisk.topology.Names;
import georisk.topology.RiskTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The store the API answers a dyad's score from holds the latest score sent to risk-scores. */
/** The score the API answers for a dyad: computed from the dyad's state, equal to the last one sent. */
class LatestScoresTest {
    @TempDir
    Path stateDir;

    @Test
    void shouldAnswerTheLatestScoreOfEachDyadAsSentToRiskScores() {
        final String scope = "latest-scores-" + UUID.randomUUID();
        final SerdeFactory serdes = new SerdeFactory(SchemaRegistryClients.forUrl("mock://" + scope));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "latest-scores-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        final DyadScorer scorer = new DyadScorer(ModelParameters.defaults());
        final LatestScores latest = new LatestScores(scorer);
        final RiskTopology topology = new RiskTopology(serdes, scorer,
                new AlertPolicy(ModelParameters.defaults()),
                new DyadResolver(Set.of("CAN"), Set.of("USA", "CHN")), Duration.ofDays(3650));
        try (TopologyTestDriver driver = new TopologyTestDriver(topology.build(props), props)) {
            final TestInputTopic<String, GeoEvent> events = driver.createInputTopic(Topics.GEO_EVENTS.name(),
                    Serdes.String().serializer(), serdes.valueSerde(Topics.GEO_EVENTS).serializer());
            for (final GeoEvent e : List.of(event("t1", "2025-03-04", "USA", EventType.TARIFF_THREATENED),
                    event("t2", "2025-03-05", "USA", EventType.TARIFF_IMPOSED),
                    event("c1", "2025-03-06", "CHN", EventType.TARIFF_IMPOSED))) {
                events.pipeInput(new TestRecord<>(e.getId(), e, e.getOccurredAt()));
            }
            final List<RiskScore> sent = driver.createOutputTopic(Topics.RISK_SCORES.name(),
                    Serdes.String().deserializer(), serdes.valueSerde(Topics.RISK_SCORES).deserializer())
                    .readValuesToList();

            final KeyValueStore<String, DyadStage.State> store = driver.getKeyValueStore(Names.DYAD_STATE_STORE);
            assertThat(latest.of("CAN-USA", store.get("CAN-USA"))).isEqualTo(sent.get(1));
            assertThat(latest.of("CAN-USA", store.get("CAN-USA")).getEventCount()).isEqualTo(2);
            assertThat(latest.of("CAN-CHN", store.get("CAN-CHN"))).isEqualTo(sent.get(2));
            assertThat(latest.of("CAN-MEX", store.get("CAN-MEX"))).isNull();

            // a change of exposure re-scores the dyad; the answer follows it
            driver.createInputTopic(Topics.TRADE_EXPOSURE.name(), Serdes.String().serializer(),
                    serdes.valueSerde(Topics.TRADE_EXPOSURE).serializer()).pipeInput("CAN-USA",
                    TradeExposure.newBuilder().setDyad("CAN-USA").setHome("CAN").setCounterparty("USA")
                            .setAsOf(Instant.parse("2024-12-31T00:00:00Z")).setExportShare(0.759).setExposure(0.759)
                            .build(), Instant.parse("2025-03-07T00:00:00Z"));
            assertThat(latest.of("CAN-USA", store.get("CAN-USA")).getExposure()).isEqualTo(0.759);
        } finally {
            InMemorySchemaRegistry.dropScope(scope);
        }
    }

    private static GeoEvent event(final String id, final String date, final String actor, final EventType type) {
        final Instant day = Instant.parse(date + "T00:00:00Z");
        return GeoEvent.newBuilder().setId(id).setOccurredAt(day).setReportedAt(day).setActor(actor).setTarget("CAN")
                .setType(type).setMentions(3000).setSources(400).setArticles(2500).setHeadline(type + " " + id)
                .setSourceKind(SourceKind.CURATED).build();
    }
}
