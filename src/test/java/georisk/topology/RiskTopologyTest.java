package georisk.topology;

import georisk.events.AlertKind;
import georisk.events.DeadLetterHeaders;
import georisk.events.EventType;
import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.RiskLevel;
import georisk.events.RiskAlert;
import georisk.events.RiskScore;
import georisk.events.ScoreWindow;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import georisk.ingest.Scenario;
import georisk.scoring.AlertPolicy;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.ModelParameters;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static georisk.topology.TestEvents.day;
import static georisk.topology.TestEvents.event;
import static georisk.topology.TestEvents.exposure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RiskTopologyTest {
    private static final Path GOLDEN = Path.of("src/test/resources/georisk/topology/topology-description.txt");

    private String scope;
    private SerdeFactory serdes;
    private TopologyTestDriver driver;
    private TestInputTopic<String, GeoEvent> events;
    private TestInputTopic<byte[], byte[]> rawEvents;
    private TestInputTopic<String, TradeExposure> exposures;
    private TestOutputTopic<String, RiskScore> scores;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private TestOutputTopic<String, RiskAlert> alerts;

    @TempDir
    Path stateDir;

    Properties props() {
        final Properties p = new Properties();
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return p;
    }

    static RiskTopology topology(final SerdeFactory serdes) {
        return new RiskTopology(serdes, new DyadScorer(ModelParameters.defaults()),
                new AlertPolicy(ModelParameters.defaults()),
                new DyadResolver(Set.of("CAN"), Set.of("USA", "CHN")), Duration.ofDays(3650));
    }

    @BeforeEach
    void start() {
        scope = "topology-test-" + UUID.randomUUID();
        serdes = new SerdeFactory(SchemaRegistryClients.forUrl("mock://" + scope));
        driver = new TopologyTestDriver(topology(serdes).build(props()), props());
        events = driver.createInputTopic(Topics.GEO_EVENTS.name(), Serdes.String().serializer(),
                serdes.valueSerde(Topics.GEO_EVENTS).serializer());
        rawEvents = driver.createInputTopic(Topics.GEO_EVENTS.name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        exposures = driver.createInputTopic(Topics.TRADE_EXPOSURE.name(), Serdes.String().serializer(),
                serdes.valueSerde(Topics.TRADE_EXPOSURE).serializer());
        scores = driver.createOutputTopic(Topics.RISK_SCORES.name(), Serdes.String().deserializer(),
                serdes.valueSerde(Topics.RISK_SCORES).deserializer());
        deadLetters = driver.createOutputTopic(Topics.GEO_EVENTS_DLQ.name(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
        alerts = driver.createOutputTopic(Topics.RISK_ALERTS.name(), Serdes.String().deserializer(),
                serdes.valueSerde(Topics.RISK_ALERTS).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        InMemorySchemaRegistry.dropScope(scope);
    }

    private void send(final GeoEvent e) {
        events.pipeInput(new TestRecord<>(e.getId(), e, e.getOccurredAt()));
    }

    private void sendExposures() {
        exposures.pipeInput("CAN-USA", exposure("CAN", "USA", 0.759), Instant.EPOCH);
        exposures.pipeInput("CAN-CHN", exposure("CAN", "CHN", 0.04), Instant.EPOCH);
    }

    @Test
    void shouldMatchGoldenTopologyDescription() throws IOException {
        final String described = topology(serdes).build(props()).describe().toString();
        if (Boolean.getBoolean("georisk.updateGolden")) {
            Files.writeString(GOLDEN, described);
        }
        assertThat(described).as("topology changed: processor, store or topic names are part of the deployed state; "
                + "rerun with -Dgeorisk.updateGolden=true only if the change is deliberate")
                .isEqualTo(Files.readString(GOLDEN));
    }

    @Test
    void shouldScoreEachEventOfWatchedDyadWithExposure() {
        sendExposures();
        send(event("t1", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED));
        send(event("t2", "2025-03-08", "CHN", "CAN", EventType.TARIFF_IMPOSED));

        final List<TestRecord<String, RiskScore>> out = scores.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("CAN-USA", "CAN-CHN");
        final RiskScore usa = out.get(0).value();
        assertThat(usa.getHome()).isEqualTo("CAN");
        assertThat(usa.getCounterparty()).isEqualTo("USA");
        assertThat(usa.getAsOf()).isEqualTo(day("2025-03-04"));
        assertThat(usa.getTension()).isGreaterThan(10.0);
        assertThat(usa.getExposure()).isEqualTo(0.759);
        assertThat(usa.getExposureWeightedRisk()).isCloseTo(usa.getTension() * 0.759, within(1e-9));
        assertThat(usa.getDrivers()).extracting(d -> d.getEventId()).containsExactly("t1");
        assertThat(usa.getEventCount()).isEqualTo(1);
        assertThat(usa.getComponents().stream().mapToDouble(c -> c.getValue()).sum())
                .isCloseTo(usa.getTension(), within(1e-9));
        final RiskScore chn = out.get(1).value();
        assertThat(chn.getTension()).isCloseTo(usa.getTension(), within(1e-9));
        assertThat(chn.getExposureWeightedRisk()).isLessThan(usa.getExposureWeightedRisk());
    }

    @Test
    void shouldScoreRetaliationInSameDyad() {
        send(event("r", "2025-03-04", "CAN", "USA", EventType.TARIFF_IMPOSED));
        final TestRecord<String, RiskScore> out = scores.readRecord();
        assertThat(out.key()).isEqualTo("CAN-USA");
        assertThat(out.value().getTension()).isGreaterThan(10.0);
        assertThat(out.value().getExposure()).as("no exposure known yet").isZero();
    }

    @Test
    void shouldIgnoreEventsOfUnwatchedDyads() {
        send(event("x", "2025-03-04", "USA", "MEX", EventType.TARIFF_IMPOSED));
        send(event("y", "2025-03-04", "CAN", "MEX", EventType.TARIFF_IMPOSED));
        assertThat(scores.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDropDuplicateEventIds() {
        final GeoEvent e = event("dup", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED);
        send(e);
        send(e);
        events.pipeInput(new TestRecord<>("another-key", e, Instant.now()));
        final List<RiskScore> out = scores.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getEventCount()).isEqualTo(1);
    }

    @Test
    void shouldScoreAnEventWrittenWithAnotherVersionOfItsSchemaAfterTheRepartition() throws IOException {
        // a producer with a newer GeoEvent schema (one more field): the repartition passes its bytes on as they
        // arrived, schema id included, and the dyad stage's side reads them as the validate stage did
        final org.apache.avro.Schema own = GeoEvent.getClassSchema();
        final List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        own.getFields().forEach(f -> fields.add(new org.apache.avro.Schema.Field(f, f.schema())));
        fields.add(new org.apache.avro.Schema.Field("producerNote", org.apache.avro.Schema.create(
                org.apache.avro.Schema.Type.STRING), "added by a newer producer", ""));
        final org.apache.avro.Schema newer = org.apache.avro.Schema.createRecord(own.getName(), own.getDoc(),
                own.getNamespace(), false, fields);
        final int id = serdes.registry().register(Topics.GEO_EVENTS.name() + "-value", newer);
        final GeoEvent e = GeoEvent.newBuilder(event("newer-1", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED))
                .setHeadline("Written with a newer schema").build();
        final org.apache.avro.generic.GenericData.Record record = new org.apache.avro.generic.GenericData.Record(newer);
        own.getFields().forEach(f -> record.put(f.name(), e.get(f.pos())));
        record.put("producerNote", "hello");
        final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        final org.apache.avro.io.BinaryEncoder out = org.apache.avro.io.EncoderFactory.get().binaryEncoder(body, null);
        final org.apache.avro.generic.GenericData data = new org.apache.avro.generic.GenericData();
        data.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(newer, data)
                .write(record, out);
        out.flush();

        rawEvents.pipeInput("newer-1".getBytes(StandardCharsets.UTF_8),
                georisk.serde.WireFormat.frame(id, body.toByteArray()), day("2025-03-04"));

        assertThat(deadLetters.isEmpty()).isTrue();
        final RiskScore score = scores.readValue();
        assertThat(score.getEventCount()).isEqualTo(1);
        assertThat(score.getDrivers()).singleElement().satisfies(d -> {
            assertThat(d.getEventId()).isEqualTo("newer-1");
            assertThat(d.getHeadline()).isEqualTo("Written with a newer schema");
        });
    }

    @Test
    void shouldSendGarbageToDeadLetterTopicWithReasonAndKeepGoing() {
        final byte[] key = "bad-1".getBytes(StandardCharsets.UTF_8);
        final byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        rawEvents.pipeInput(key, garbage, day("2025-03-01"));
        send(event("good", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED));

        final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith("cannot decode GeoEvent");
        assertThat(header(dead, DeadLetterHeaders.STAGE)).isEqualTo(Names.VALIDATE_EVENTS);
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.GEO_EVENTS.name());
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(scores.readValuesToList()).extracting(RiskScore::getEventCount).containsExactly(1L);
    }

    @Test
    void shouldSendInvalidEventToDeadLetterTopicNamingTheField() {
        final GeoEvent bad = event("bad", "2025-03-04", "USA", "usa", EventType.TARIFF_IMPOSED);
        send(bad);
        final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, DeadLetterHeaders.REASON)).contains("invalid GeoEvent bad").contains("target");
        assertThat(scores.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterGarbageOnTradeExposureAndKeepScoringWithValidExposures() {
        final TestInputTopic<byte[], byte[]> rawExposures = driver.createInputTopic(Topics.TRADE_EXPOSURE.name(),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        final byte[] key = "CAN-USA".getBytes(StandardCharsets.UTF_8);
        // what stopped the app before: three records LogAndFail could not deserialize
        rawExposures.pipeInput(key, new byte[] {0x00}, Instant.EPOCH);
        rawExposures.pipeInput(key, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, Instant.EPOCH);
        rawExposures.pipeInput(key, new byte[] {0x00, 0x00, 0x00, 0x00, 0x01, (byte) 0xff}, Instant.EPOCH);
        // decodes, but is keyed by another dyad: the join would attach it to the wrong pair
        exposures.pipeInput("CAN-CHN", exposure("CAN", "USA", 0.5), Instant.EPOCH);
        sendExposures();
        send(event("t1", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED));

        final List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(4);
        assertThat(dead).allSatisfy(d -> {
            assertThat(header(d, DeadLetterHeaders.STAGE)).isEqualTo(Names.VALIDATE_EXPOSURES);
            assertThat(header(d, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.TRADE_EXPOSURE.name());
        });
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).startsWith("cannot decode TradeExposure");
        assertThat(header(dead.get(3), DeadLetterHeaders.REASON)).contains("the key must be its dyad");
        assertThat(dead.get(1).value()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(scores.readRecord().value().getExposure()).isEqualTo(0.759);
    }

    @Test
    void shouldCountFutureDatedEventFromWhenItWasReported() {
        sendExposures();
        final GeoEvent ahead = event("next-month", "2025-04-04", "USA", "CAN", EventType.TARIFF_IMPOSED);
        // a plain producer's record: stamped when it was sent, a month before the tariff takes effect
        events.pipeInput(new TestRecord<>(ahead.getId(), ahead, day("2025-03-04")));

        final TestRecord<String, RiskScore> out = scores.readRecord();
        assertThat(out.value().getAsOf()).isEqualTo(day("2025-03-04"));
        assertThat(out.timestamp()).isEqualTo(day("2025-03-04").toEpochMilli());
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldJudgeEventTimeAgainstTheRecordTimestampNotTheWallClock() {
        // in 2040 this event is a normal one; judged against the wall clock it was "more than a year ahead"
        final GeoEvent e = event("replayed", "2040-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED);
        events.pipeInput(new TestRecord<>(e.getId(), e, day("2040-03-04")));
        final GeoEvent far = event("far", "2042-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED);
        events.pipeInput(new TestRecord<>(far.getId(), far, day("2040-03-05")));

        assertThat(scores.readValuesToList()).extracting(RiskScore::getEventCount).containsExactly(1L);
        assertThat(header(deadLetters.readRecord(), DeadLetterHeaders.REASON)).contains("invalid GeoEvent far")
                .contains("occurredAt");
    }

    @Test
    void shouldNotScoreDyadWithExposureButNoEvents() {
        sendExposures();
        assertThat(scores.isEmpty()).isTrue();
    }

    @Test
    void shouldRescoreWhenExposureChanges() {
        send(event("t1", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED));
        exposures.pipeInput("CAN-USA", exposure("CAN", "USA", 0.72), day("2025-03-05"));
        final List<RiskScore> out = scores.readValuesToList();
        assertThat(out).extracting(RiskScore::getExposure).containsExactly(0.0, 0.72);
        assertThat(out.get(1).getTension()).isEqualTo(out.get(0).getTension());
    }

    @Test
    void shouldLowerTensionWhenReliefFollowsTariff() {
        send(event("t", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED));
        send(event("r", "2025-03-07", "USA", "CAN", EventType.TARIFF_RELIEF));
        final List<RiskScore> out = scores.readValuesToList();
        assertThat(out.get(1).getTension()).isLessThan(out.get(0).getTension());
    }

    @Test
    void shouldGiveSameFinalScoresForShuffledEventsWithDuplicates() {
        final List<GeoEvent> story = new ArrayList<>(List.of(
                event("a", "2018-06-01", "USA", "CAN", EventType.TARIFF_IMPOSED),
                event("b", "2018-07-01", "CAN", "USA", EventType.TARIFF_IMPOSED),
                event("c", "2018-12-10", "CHN", "CAN", EventType.DETENTION),
                event("d", "2019-03-01", "CHN", "CAN", EventType.TRADE_RESTRICTION),
                event("e", "2019-05-17", "USA", "CAN", EventType.TARIFF_RELIEF),
                event("f", "2021-09-24", "CHN", "CAN", EventType.RELEASE),
                event("g", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED),
                event("h", "2025-03-08", "CHN", "CAN", EventType.TARIFF_IMPOSED)));
        final Map<String, RiskScore> inOrder = finalScores(story);

        final List<GeoEvent> shuffled = new ArrayList<>(story);
        shuffled.addAll(story.subList(0, 3));
        Collections.shuffle(shuffled, new Random(42));
        stop();
        start();
        final Map<String, RiskScore> reordered = finalScores(shuffled);

        assertThat(reordered.keySet()).containsExactlyInAnyOrder("CAN-USA", "CAN-CHN");
        for (final String dyad : inOrder.keySet()) {
            assertThat(reordered.get(dyad).getTension())
                    .isCloseTo(inOrder.get(dyad).getTension(), within(1e-9 * inOrder.get(dyad).getTension()));
            assertThat(reordered.get(dyad).getEventCount()).isEqualTo(inOrder.get(dyad).getEventCount());
            assertThat(reordered.get(dyad).getAsOf()).isEqualTo(inOrder.get(dyad).getAsOf());
        }
    }

    @Test
    void shouldKeepDyadStateInStore() {
        send(event("t1", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED));
        final DyadStage.State state = driver.<String, DyadStage.State>getKeyValueStore(Names.DYAD_STATE_STORE)
                .get("CAN-USA");
        assertThat(state.model().eventCount()).isEqualTo(1);
        assertThat(state.model().acts()).isPositive();
        assertThat(state.model().tracked()).extracting(t -> t.id()).containsExactly("t1");
    }

    @Test
    void shouldReportLevelOfTension() {
        for (int i = 0; i < 6; i++) {
            send(event("t" + i, "2025-03-0" + (i + 1), "USA", "CAN", EventType.TARIFF_IMPOSED));
        }
        final List<RiskScore> out = scores.readValuesToList();
        assertThat(out.get(0).getLevel()).isIn(RiskLevel.GUARDED, RiskLevel.ELEVATED);
        assertThat(out.get(out.size() - 1).getLevel()).isEqualTo(RiskLevel.SEVERE);
    }

    @Test
    void shouldGiveSameFinalScoresForShuffledScenarioWithDuplicates() {
        final Scenario scenario = Scenario.builtIn();
        sendExposures();
        scenario.events().forEach(this::send);
        final Map<String, RiskScore> inOrder = scores.readKeyValuesToMap();
        stop();   // TopologyTestDriver wipes its local state on close: the replay starts from nothing
        start();

        final List<GeoEvent> shuffled = new ArrayList<>(scenario.events());
        shuffled.addAll(scenario.events().subList(0, 10));
        Collections.shuffle(shuffled, new Random(7));
        sendExposures();
        shuffled.forEach(this::send);
        final Map<String, RiskScore> reordered = scores.readKeyValuesToMap();

        assertThat(reordered.keySet()).containsExactlyInAnyOrderElementsOf(inOrder.keySet());
        for (final String dyad : inOrder.keySet()) {
            final RiskScore a = inOrder.get(dyad);
            final RiskScore b = reordered.get(dyad);
            assertThat(b.getEventCount()).as(dyad).isEqualTo(a.getEventCount());
            assertThat(b.getAsOf()).as(dyad).isEqualTo(a.getAsOf());
            assertThat(b.getTension()).as(dyad).isCloseTo(a.getTension(), within(1e-9 * a.getTension()));
            assertThat(b.getExposureWeightedRisk()).as(dyad)
                    .isCloseTo(a.getExposureWeightedRisk(), within(1e-9 * a.getExposureWeightedRisk()));
            assertThat(b.getDelta24h()).as(dyad).isCloseTo(a.getDelta24h(), within(1e-9 * a.getTension()));
            assertThat(b.getDelta7d()).as(dyad).isCloseTo(a.getDelta7d(), within(1e-9 * a.getTension()));
            assertThat(b.getCoverage()).as(dyad).isCloseTo(a.getCoverage(), within(1e-9));
            assertThat(b.getDrivers()).as(dyad).extracting(d -> d.getEventId())
                    .containsExactlyElementsOf(a.getDrivers().stream().map(d -> d.getEventId()).toList());
        }
    }

    @Test
    void shouldPublishLevelAlertWithExplanationNamingTheEvent() {
        sendExposures();
        send(event("t1", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED));
        final List<RiskAlert> out = alerts.readValuesToList();
        assertThat(out).isNotEmpty();
        final RiskAlert first = out.get(0);
        assertThat(first.getKind()).isEqualTo(AlertKind.LEVEL_CHANGE);
        assertThat(first.getDyad()).isEqualTo("CAN-USA");
        assertThat(first.getFromLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(first.getExplanation()).contains("CAN-USA rose from LOW to").contains("t1");
        assertThat(first.getDrivers()).extracting(d -> d.getEventId()).containsExactly("t1");
        assertThat(first.getTime()).isEqualTo(day("2025-03-04"));
    }

    @Test
    void shouldNotAlertOnSingleLowAttentionEventThatWouldOtherwiseRaiseTheLevel() {
        final GeoEvent lone = GeoEvent.newBuilder(event("lone", "2025-03-04", "USA", "CAN", EventType.MILITARY_ACTION))
                .setTariffRate(100.0).setMentions(1).setSources(1).setArticles(1).build();
        send(lone);
        assertThat(scores.readValue().getLevel()).isEqualTo(RiskLevel.GUARDED);
        assertThat(alerts.isEmpty()).isTrue();

        // control: the same story told by many sources does raise the alert
        send(GeoEvent.newBuilder(lone).setId("corroborated").setOccurredAt(day("2025-03-05"))
                .setReportedAt(day("2025-03-05")).setMentions(900).setSources(60).build());
        assertThat(alerts.readValuesToList()).extracting(RiskAlert::getKind).contains(AlertKind.LEVEL_CHANGE);
    }

    @Test
    void shouldKeepDailyScoreBarsAndRollLongerViewsUpFromThem() {
        send(event("t1", "2025-03-04", "USA", "CAN", EventType.TARIFF_THREATENED));
        send(event("t2", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED));
        send(event("t3", "2025-03-06", "USA", "CAN", EventType.TARIFF_RELIEF));
        final List<RiskScore> out = scores.readValuesToList();
        final var daily = driver.<String, ScoreWindow>getWindowStore(Names.SCORES_1D_STORE);
        final ScoreWindow march4 = daily.fetch("CAN-USA", day("2025-03-04").toEpochMilli());
        assertThat(march4.getUpdates()).isEqualTo(2);
        assertThat(march4.getOpenTension()).isEqualTo(out.get(0).getTension());
        assertThat(march4.getCloseTension()).isEqualTo(out.get(1).getTension());
        assertThat(march4.getHighTension()).isEqualTo(Math.max(out.get(0).getTension(), out.get(1).getTension()));
        // the open day's bar (March 6) is in the dyad's state, not yet in the window store: a score of a later day
        // closes it and writes it there
        final java.util.NavigableMap<Long, georisk.scoring.Bar> bars = new java.util.TreeMap<>();
        try (var it = daily.fetch("CAN-USA", day("2025-02-01"), day("2025-03-31"))) {
            it.forEachRemaining(kv -> bars.put(kv.key, ScoringMapping.toBar(kv.value)));
        }
        assertThat(bars.keySet()).containsExactly(day("2025-03-04").toEpochMilli());
        final georisk.scoring.Bar open = driver.<String, DyadStage.State>getKeyValueStore(Names.DYAD_STATE_STORE)
                .get("CAN-USA").bar();
        assertThat(open.firstAsOf()).isEqualTo(day("2025-03-06").toEpochMilli());
        assertThat(open.updates()).isEqualTo(1);
        assertThat(open.closeTension()).isEqualTo(out.get(2).getTension());
        // the 30-day view is rolled up from the daily bars: the window starting on March 1 holds all three scores
        bars.put(georisk.scoring.ScoreBars.dayStart(open.lastAsOf()), open);
        final var monthly = georisk.scoring.ScoreBars.rollUp(bars, 30, day("2025-03-01").toEpochMilli(),
                day("2025-03-01").toEpochMilli());
        assertThat(monthly).hasSize(1);
        assertThat(monthly.get(0).bar().updates()).isEqualTo(3);
        assertThat(monthly.get(0).bar().closeTension()).isEqualTo(out.get(2).getTension());
        assertThat(monthly.get(0).bar().openTension()).isEqualTo(out.get(0).getTension());

        // a later day closes March 6: its bar goes to the window store as it was
        send(event("t4", "2025-03-09", "USA", "CAN", EventType.HOSTILE_STATEMENT));
        final ScoreWindow march6 = daily.fetch("CAN-USA", day("2025-03-06").toEpochMilli());
        assertThat(march6).isNotNull();
        assertThat(ScoringMapping.toBar(march6)).isEqualTo(open);
        assertThat(daily.fetch("CAN-USA", day("2025-03-09").toEpochMilli())).isNull();
    }

    @Test
    void shouldStampScoresWithTheEventTimeTheyDescribe() {
        send(event("new", "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED));
        send(event("late", "2025-01-04", "USA", "CAN", EventType.HOSTILE_STATEMENT));
        final List<TestRecord<String, RiskScore>> out = scores.readRecordsToList();
        assertThat(out).extracting(TestRecord::getRecordTime).containsOnly(day("2025-03-04"));
        assertThat(out.get(1).value().getLateEventCount()).isEqualTo(1);
    }

    @Test
    void shouldKeepDyadStateBoundedWhateverArrives() {
        // the largest events validation lets through (EventValidator's limits): the state must stay bounded anyway
        final String longHeadline = "x".repeat(EventValidator.MAX_HEADLINE_LENGTH);
        for (int i = 0; i < 400; i++) {
            final String id = String.format("%03d", i) + "y".repeat(EventValidator.MAX_ID_LENGTH - 3);
            final GeoEvent e = GeoEvent.newBuilder(event(id,
                    "2025-03-0" + (1 + i % 9), "USA", "CAN", EventType.TARIFF_THREATENED)).setHeadline(longHeadline).build();
            send(e);
        }
        assertThat(deadLetters.readRecordsToList()).as("every event is valid").isEmpty();
        final byte[] stored = new DyadStateSerde(serdes.registry()).serialize("dyad-state",
                driver.<String, DyadStage.State>getKeyValueStore(Names.DYAD_STATE_STORE).get("CAN-USA"));
        // 5 drivers (id 200 + headline 200 chars + 40 bytes), 9 day buckets, 16 alert samples, a bar: under 4 KB
        assertThat(stored.length).isLessThan(4_096);
        final RiskScore last = scores.readValuesToList().get(399);
        assertThat(last.getEventCount()).isEqualTo(400);
        assertThat(last.getDrivers()).hasSize(5).allSatisfy(d -> {
            assertThat(d.getHeadline()).hasSize(200).endsWith("…");
            assertThat(d.getEventId()).hasSize(EventValidator.MAX_ID_LENGTH);
        });
    }

    @Test
    void shouldScoreEveryPairKeyedAlphabeticallyInEveryPairMode() {
        final RiskTopology everyPair = new RiskTopology(serdes, new DyadScorer(ModelParameters.defaults()),
                new AlertPolicy(ModelParameters.defaults()), DyadResolver.everyPair(), Duration.ofDays(3650));
        final Properties props = props();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "every-pair-test");
        try (TopologyTestDriver pairs = new TopologyTestDriver(everyPair.build(props), props)) {
            final TestInputTopic<String, GeoEvent> in = pairs.createInputTopic(Topics.GEO_EVENTS.name(),
                    Serdes.String().serializer(), serdes.valueSerde(Topics.GEO_EVENTS).serializer());
            for (final GeoEvent e : List.of(event("a", "2025-03-04", "USA", "MEX", EventType.TARIFF_IMPOSED),
                    event("b", "2025-03-05", "MEX", "USA", EventType.TARIFF_IMPOSED),
                    event("c", "2025-03-05", "USA", "CAN", EventType.TARIFF_IMPOSED))) {
                in.pipeInput(new TestRecord<>(e.getId(), e, e.getOccurredAt()));
            }
            final List<TestRecord<String, RiskScore>> out = pairs.createOutputTopic(Topics.RISK_SCORES.name(),
                    Serdes.String().deserializer(), serdes.valueSerde(Topics.RISK_SCORES).deserializer())
                    .readRecordsToList();
            assertThat(out).extracting(TestRecord::key).containsExactly("MEX-USA", "MEX-USA", "CAN-USA");
            assertThat(out.get(1).value().getEventCount()).isEqualTo(2);
            assertThat(out.get(1).value().getHome()).isEqualTo("MEX");
        }
    }

    /** Three major tariffs on one day: CAN-USA goes to SEVERE (a burst: one alert). */
    private void severeOn(final String date) {
        for (final String id : List.of("a", "b", "c")) {
            send(event(id, date, "USA", "CAN", EventType.TARIFF_IMPOSED));
        }
    }

    @Test
    void shouldTellADecayCrossingAtTheCloseWhereItHappenedNotWithTheNextEvent() {
        sendExposures();
        severeOn("2025-03-04");
        send(event("remark", "2025-07-01", "USA", "CAN", EventType.HOSTILE_STATEMENT));

        final List<RiskAlert> out = alerts.readValuesToList();
        assertThat(out).extracting(RiskAlert::getId).filteredOn(id -> id.contains("level_change")).containsOnly(
                out.get(0).getId());
        final List<RiskAlert> decayed = out.stream().filter(a -> a.getKind() == AlertKind.DECAYED).toList();
        assertThat(decayed).hasSizeGreaterThanOrEqualTo(2);
        // the first eases from the level the day's burst reached (its last version)
        assertThat(decayed.get(0).getFromLevel()).isEqualTo(out.stream()
                .filter(a -> a.getKind() == AlertKind.LEVEL_CHANGE).reduce((x, y) -> y).orElseThrow().getToLevel());
        assertThat(decayed.get(decayed.size() - 1).getToLevel()).isEqualTo(RiskLevel.LOW);
        for (int i = 1; i < decayed.size(); i++) {
            assertThat(decayed.get(i).getFromLevel()).isEqualTo(decayed.get(i - 1).getToLevel());
            assertThat(decayed.get(i).getTime()).isAfter(decayed.get(i - 1).getTime());
        }
        assertThat(decayed).allSatisfy(a -> {
            assertThat(a.getTime()).isBefore(day("2025-07-01"));
            assertThat(a.getDrivers()).isEmpty();
            assertThat(a.getExplanation()).contains("through decay alone: no event for ");
        });
        // the hostile statement raised tension: it is not told as a fall
        assertThat(out).filteredOn(a -> a.getTime().equals(day("2025-07-01")))
                .noneMatch(a -> a.getFromLevel() != null && a.getToLevel().compareTo(a.getFromLevel()) < 0);
        // days without events got a bar each (the first 31 after the event), closing lower each day
        final var bars = driver.<String, ScoreWindow>getTimestampedWindowStore(Names.SCORES_1D_STORE);
        final ScoreWindow march5 = bars.fetch("CAN-USA", day("2025-03-05").toEpochMilli()).value();
        final ScoreWindow march6 = bars.fetch("CAN-USA", day("2025-03-06").toEpochMilli()).value();
        assertThat(march5.getUpdates()).isZero();
        assertThat(march6.getCloseTension()).isLessThan(march5.getCloseTension());
        assertThat(march6.getOpenTension()).isEqualTo(march5.getCloseTension(), within(1e-9));
        assertThat(bars.fetch("CAN-USA", day("2025-04-04").toEpochMilli())).isNotNull();
        assertThat(bars.fetch("CAN-USA", day("2025-04-05").toEpochMilli())).isNull();
    }

    @Test
    void shouldTellAQuietDyadsDecayOnTheWallClockWhileLive() {
        driver.close();
        driver = new TopologyTestDriver(topology(serdes).build(props()), props(), day("2025-03-05").plusSeconds(600));
        final TestInputTopic<String, GeoEvent> in = driver.createInputTopic(Topics.GEO_EVENTS.name(),
                Serdes.String().serializer(), serdes.valueSerde(Topics.GEO_EVENTS).serializer());
        final TestOutputTopic<String, RiskAlert> out = driver.createOutputTopic(Topics.RISK_ALERTS.name(),
                Serdes.String().deserializer(), serdes.valueSerde(Topics.RISK_ALERTS).deserializer());
        for (final String id : List.of("a", "b", "c")) {
            final GeoEvent e = event(id, "2025-03-04", "USA", "CAN", EventType.TARIFF_IMPOSED);
            in.pipeInput(new TestRecord<>(e.getId(), e, e.getOccurredAt()));
        }
        assertThat(out.readValuesToList()).noneMatch(a -> a.getKind() == AlertKind.DECAYED);

        // weeks without an event: the tick closes the past days (stream time is within a day of the clock)
        driver.advanceWallClockTime(Duration.ofDays(120));
        final List<RiskAlert> told = out.readValuesToList();
        assertThat(told).extracting(RiskAlert::getKind).containsOnly(AlertKind.DECAYED).hasSizeGreaterThanOrEqualTo(2);
        assertThat(told.get(told.size() - 1).getToLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(told.get(0).getTime()).isBefore(day("2025-03-20"));
        // a second tick the same day has nothing left to close
        driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(out.readValuesToList()).isEmpty();
    }

    @Test
    void shouldNotCloseDaysOnTheWallClockDuringABackfill() {
        // the driver's clock is today: events of 2025 are a backfill while they keep coming
        severeOn("2025-03-04");
        driver.advanceWallClockTime(Duration.ofMinutes(59));
        send(event("remark", "2025-03-05", "USA", "CAN", EventType.HOSTILE_STATEMENT));
        driver.advanceWallClockTime(Duration.ofMinutes(2));   // the tick is due, but a record came 2 minutes ago
        assertThat(alerts.readValuesToList()).noneMatch(a -> a.getKind() == AlertKind.DECAYED);
        // once the input is quiet for a whole tick, it is caught up: the days are closed
        driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(alerts.readValuesToList()).extracting(RiskAlert::getKind).contains(AlertKind.DECAYED);
    }

    private Map<String, RiskScore> finalScores(final List<GeoEvent> story) {
        story.forEach(this::send);
        return scores.readKeyValuesToMap();
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        final Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
