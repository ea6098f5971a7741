package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.events.DeadLetterHeaders;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.TopicCreator;
import georisk.events.TopicReader;
import georisk.events.Topics;
import georisk.ingest.EventJson;
import georisk.ingest.EventPublisher;
import georisk.ingest.SyntheticEvents;
import georisk.local.EmbeddedKafka;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.DyadState;
import georisk.scoring.ModelParameters;
import georisk.scoring.Score;
import georisk.serde.AvroSerializer;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.GeoriskProcess;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import georisk.topology.BenchMapping;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite's process faults, on real parts: {@code georisk run} started from the packaged jar in JVMs
 * of its own, this class's own embedded KRaft broker (the topic names are the catalog's; a fixed port and a
 * kept data directory, so that it can be stopped and started again), the real (Apicurio) registry.
 * In order: a {@code kill -9} mid-load and a restart on the same state directory give the final scores of a
 * fresh replay with one score per event under read_committed, back to RUNNING without waiting for the dead
 * member's session to time out; the broker stopped and started during a run and during {@code produce};
 * a 10-byte Avro length bomb at {@code -Xmx256m} becomes a dead letter.
 */
@Timeout(420)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRestartIT {
    private static final int EVENTS = 3000;
    private static final int PRODUCED = 5_000;
    private static final Set<String> WATCHED = Set.of("USA", "CHN");

    @TempDir
    static Path dir;

    private static EmbeddedKafka.Settings brokerSettings;
    private static EmbeddedKafka kafka;
    private static KafkaSettings settings;
    private static SerdeFactory serdes;
    private static String applicationId;
    private static GeoriskProcess instance;
    private static final List<GeoEvent> sent = new ArrayList<>();
    /** Scores on risk-scores so far: one per event. */
    private static long expectedScores = EVENTS;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDefaultPartitions(2)
                .withDataDir(dir.resolve("broker"))).start();
        // the same port and data directory on a restart
        brokerSettings = EmbeddedKafka.Settings.defaults().withDefaultPartitions(2).withDataDir(dir.resolve("broker"))
                .withPort(Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1)));
        settings = new KafkaSettings(kafka.bootstrapServers(), TestRegistry.url(), Map.of());
        try (Admin admin = Admin.create(settings.adminProperties())) {
            new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(2, Map.of(), (short) 1);
        }
        serdes = new SerdeFactory(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
        applicationId = TestNames.unique("georisk-crash");
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static GeoriskProcess run(final String name, final String... jvmOptions) {
        return GeoriskProcess.start(List.of(jvmOptions), List.of("run", "--bootstrap-servers", settings.bootstrapServers(),
                "--schema-registry-url", settings.schemaRegistryUrl(), "--application-id", applicationId,
                "--state-dir", dir.resolve("state").toString(), "--http-host", "127.0.0.1", "--http-port", "0",
                "--counterparties", "USA,CHN"), logFile(name));
    }

    /** Kept after the test (unlike the temporary directory), for a look when it fails. */
    private static Path logFile(final String name) {
        try {
            final Path logs = Files.createDirectories(Path.of("target", "fault-suite"));
            return logs.resolve(applicationId + "-" + name + ".log");
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitRunning(final GeoriskProcess p, final Duration atMost) {
        await().alias("georisk run RUNNING").atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!p.isAlive()) {
                throw new AssertionError("georisk run exited:\n" + p.output());
            }
            return p.output().contains("Kafka Streams is RUNNING");
        });
    }

    @Test
    @Order(1)
    void shouldScoreEveryEventOnceAfterKill9MidLoadAndBeBackBeforeTheSessionTimesOut() throws Exception {
        instance = run("first", "-Xmx384m");
        awaitRunning(instance, Duration.ofSeconds(120));

        final AtomicLong clock = new AtomicLong(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
        final SyntheticEvents generator = new SyntheticEvents(new SyntheticEvents.Settings(2, 0, 0, 2026, "crash-"),
                () -> Instant.ofEpochMilli(clock.addAndGet(60_000)));
        for (int i = 0; i < EVENTS; i++) {
            sent.add(generator.next().event());
        }
        final Map<String, Long> scored = new HashMap<>();
        final Map<String, RiskScore> latest = new HashMap<>();
        try (EventPublisher publisher = new EventPublisher(settings.producerProperties("it-crash"), serdes);
             KafkaConsumer<String, RiskScore> consumer = scoreConsumer()) {
            // the first third, then kill -9 while it is being scored
            for (final GeoEvent e : sent.subList(0, EVENTS / 3)) {
                publisher.publish(e);
            }
            publisher.flush();
            await().alias("scoring under way").atMost(Duration.ofSeconds(60))
                    .until(() -> poll(consumer, scored, latest) > 0);
            instance.kill9();

            // the rest arrives while it is down
            for (final GeoEvent e : sent.subList(EVENTS / 3, EVENTS)) {
                publisher.publish(e);
            }
            publisher.flush();

            instance = run("restarted", "-Xmx384m");
            awaitRunning(instance, Duration.ofSeconds(120));
            final Duration restart = instance.age();
            System.out.printf("CrashRestartIT: restart to RUNNING after kill -9 took %.1f s%n", restart.toMillis() / 1000.0);
            // static membership: the restarted member took the dead one's place, under the same instance id
            try (Admin admin = Admin.create(settings.adminProperties())) {
                final List<MemberDescription> members = admin.describeConsumerGroups(List.of(applicationId)).all().get()
                        .get(applicationId).members().stream().toList();
                assertThat(members).isNotEmpty().allSatisfy(m ->
                        assertThat(m.groupInstanceId()).hasValueSatisfying(id -> assertThat(id).startsWith(applicationId)));
            }
            assertThat(restart).as("restart to RUNNING after kill -9 (the dead member's session is 45 s)")
                    .isLessThan(Duration.ofSeconds(30));

            await().alias("every event scored").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        poll(consumer, scored, latest);
                        return total(scored) >= EVENTS;
                    });
            // and no more than once: read a little longer
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> {
                        poll(consumer, scored, latest);
                        return total(scored) == EVENTS;
                    });
        }
        final Map<String, Score> expected = replay(sent);
        assertThat(latest.keySet()).isEqualTo(expected.keySet());
        for (final Map.Entry<String, Score> x : expected.entrySet()) {
            final RiskScore got = latest.get(x.getKey());
            assertThat(got.getEventCount()).as(x.getKey()).isEqualTo(x.getValue().eventCount());
            assertThat(got.getAsOf().toEpochMilli()).as(x.getKey()).isEqualTo(x.getValue().asOf());
            assertThat(got.getTension()).as(x.getKey())
                    .isCloseTo(x.getValue().tension(), within(1e-9 * Math.max(1, x.getValue().tension())));
        }
    }

    @Test
    @Order(2)
    void shouldAccountForEveryRecordAndResumeTheRunWhenTheBrokerStopsDuringProduce() throws Exception {
        final AtomicLong clock = new AtomicLong(Instant.parse("2025-06-01T00:00:00Z").toEpochMilli());
        final SyntheticEvents generator = new SyntheticEvents(new SyntheticEvents.Settings(2, 0, 0, 7, "broker-down-"),
                () -> Instant.ofEpochMilli(clock.addAndGet(60_000)));
        final Path file = dir.resolve("broker-down.jsonl");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < PRODUCED; i++) {
                out.write(EventJson.write(generator.next().event()));
                out.newLine();
            }
        }
        final long before = endOffsets(Topics.GEO_EVENTS.name());
        final Path log = logFile("produce");
        final GeoriskProcess produce = GeoriskProcess.start(List.of("-Xmx256m"), List.of("produce",
                "--bootstrap-servers", settings.bootstrapServers(), "--schema-registry-url", settings.schemaRegistryUrl(),
                file.toString()), log);
        await().alias("produce is sending").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> endOffsets(Topics.GEO_EVENTS.name()) > before || !produce.isAlive());
        final long atStop = endOffsets(Topics.GEO_EVENTS.name()) - before;
        kafka.close();
        System.out.printf("CrashRestartIT: broker stopped after %d of %d records were written%n", atStop, PRODUCED);
        assertThat(atStop).as("the broker stopped while produce was sending").isLessThan(PRODUCED);
        // a few seconds without a broker, for produce and for the run
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        kafka = new EmbeddedKafka(brokerSettings).start();

        final int exit = produce.waitFor(Duration.ofSeconds(180));
        final Matcher summary = Pattern.compile("Read ([\\d,]+) records: ([\\d,]+) sent to \\S+, ([\\d,]+) rejected")
                .matcher(produce.output());
        assertThat(summary.find()).as("produce's summary:\n" + produce.output()).isTrue();
        final long read = number(summary.group(1));
        final long sentCount = number(summary.group(2));
        final long rejected = number(summary.group(3));
        System.out.printf("CrashRestartIT: produce with the broker stopped and started: exit %d, read %d, sent %d,"
                + " rejected %d%n", exit, read, sentCount, rejected);
        assertThat(read).isEqualTo(PRODUCED);
        assertThat(sentCount + rejected).as("every record read is sent or rejected").isEqualTo(read);
        assertThat(exit).isEqualTo(rejected == 0 ? 0 : 1);

        // the run resumes: every event on the topic is scored, once. The topic may hold a record twice: a send the
        // broker wrote but could not acknowledge before it stopped is sent again, and the broker, restarted, need
        // not recognise the retry (KAFKA-18202: an idempotent producer it holds no state for starts again at
        // sequence 0). georisk keys its dedupe on the event id, so the duplicate gets no score of its own.
        final long onTopic = endOffsets(Topics.GEO_EVENTS.name());
        final long distinct = distinctEventIds("broker-down-");
        System.out.printf("CrashRestartIT: geo-events gained %d records for %d distinct events%n", onTopic - before,
                distinct);
        // every event produce counted as sent is there; one it gave up on may be there too (written, ack lost)
        assertThat(distinct).as("the events of the file on the topic").isBetween(sentCount, read);
        expectedScores += distinct;
        final long resuming = System.nanoTime();
        try (KafkaConsumer<String, RiskScore> consumer = scoreConsumer()) {
            final Map<String, Long> scored = new HashMap<>();
            final Map<String, RiskScore> latest = new HashMap<>();
            showingTheRunOnTimeout(() -> await().alias("the run resumed and scored everything")
                    .atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
                        poll(consumer, scored, latest);
                        return total(scored) >= expectedScores;
                    }));
            assertThat(total(scored)).isEqualTo(expectedScores);
            System.out.printf("CrashRestartIT: every event scored %.1f s after produce ended%n",
                    (System.nanoTime() - resuming) / 1e9);
        }
        assertThat(instance.isAlive()).as("the run is still up:\n" + instance.output()).isTrue();
    }

    @Test
    @Order(3)
    void shouldDeadLetterALengthBombAtASmallHeapAndKeepRunning() throws Exception {
        instance.close();
        instance = run("small-heap", "-Xmx256m");
        awaitRunning(instance, Duration.ofSeconds(120));

        final int id = serdes.registry().register(AvroSerializer.subject(Topics.GEO_EVENTS.name(), false),
                GeoEvent.getClassSchema());
        // magic byte, the schema id, then the first field (id, a string) claims 2^31 - 17 bytes
        final ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        bomb.write(0);
        bomb.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        long zigzag = (Integer.MAX_VALUE - 16L) << 1;
        while ((zigzag & ~0x7FL) != 0) {
            bomb.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        bomb.write((int) zigzag);
        assertThat(bomb.size()).isEqualTo(10);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.producerProperties("it-bomb"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.GEO_EVENTS.name(), "bomb".getBytes(StandardCharsets.UTF_8),
                    bomb.toByteArray())).get();
        }
        final GeoEvent after = GeoEvent.newBuilder(sent.get(0)).setId("after-the-bomb").build();
        try (EventPublisher publisher = new EventPublisher(settings.producerProperties("it-bomb-after"), serdes)) {
            publisher.publish(after).get();
        }
        try (KafkaConsumer<byte[], byte[]> dlq = new KafkaConsumer<>(settings.consumerProperties("it-bomb-dlq"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = dlq.partitionsFor(Topics.GEO_EVENTS_DLQ.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            dlq.assign(partitions);
            dlq.seekToBeginning(partitions);
            final List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            await().alias("the bomb on the DLQ").atMost(Duration.ofSeconds(60)).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.stream().anyMatch(r -> "bomb".equals(new String(r.key(), StandardCharsets.UTF_8)));
            });
            final ConsumerRecord<byte[], byte[]> record = dead.stream()
                    .filter(r -> "bomb".equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst().orElseThrow();
            assertThat(new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                    .startsWith("cannot decode GeoEvent");
            assertThat(record.value()).isEqualTo(bomb.toByteArray());
        }
        try (KafkaConsumer<String, RiskScore> consumer = scoreConsumer()) {
            final Map<String, Long> scored = new HashMap<>();
            final Map<String, RiskScore> latest = new HashMap<>();
            // one more score than there were events before: the event after the bomb
            showingTheRunOnTimeout(() -> await().alias("the event after the bomb scored").atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        poll(consumer, scored, latest);
                        return total(scored) == expectedScores + 1;
                    }));
        }
        assertThat(instance.isAlive()).as("still running:\n" + instance.output()).isTrue();
        assertThat(instance.output()).doesNotContain("OutOfMemoryError");
    }

    /** Runs an await; on a timeout, fails with the end of the run's output, which says why. */
    private static void showingTheRunOnTimeout(final Runnable wait) {
        try {
            wait.run();
        } catch (final ConditionTimeoutException e) {
            final List<String> lines = instance.output().lines().toList();
            throw new AssertionError(e.getMessage() + "\n--- offsets (end / last stable, per partition) ---\n"
                    + offsets(Topics.GEO_EVENTS.name()) + "\n" + offsets(applicationId + "-by-dyad-repartition") + "\n"
                    + offsets(Topics.RISK_SCORES.name()) + "\n--- georisk run, last lines ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())), e);
        }
    }

    /**
     * A topic's end offsets and last stable offsets: a last stable offset that stays behind the end is an open
     * transaction, which read_committed consumers (the run's and the test's) wait behind.
     */
    private static String offsets(final String topic) {
        try (Admin admin = Admin.create(settings.adminProperties())) {
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 2; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            final var end = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            final var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(10, TimeUnit.SECONDS);
            final StringBuilder out = new StringBuilder(topic + ":");
            final Map<Integer, String> byPartition = new TreeMap<>();
            end.forEach((tp, info) -> byPartition.put(tp.partition(), info.offset() + "/" + stable.get(tp).offset()));
            byPartition.forEach((partition, offsets) -> out.append(' ').append(partition).append('=').append(offsets));
            return out.toString();
        } catch (final Exception e) {
            return topic + ": offsets not available (" + e + ")";
        }
    }

    private static long endOffsets(final String topic) throws Exception {
        try (Admin admin = Admin.create(settings.adminProperties())) {
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 2; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (final Exception e) {
            return -1;
        }
    }

    /** Distinct event ids (the record keys) on geo-events that start with {@code prefix}, read to the end. */
    private static long distinctEventIds(final String prefix) {
        final Set<String> ids = new java.util.HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                settings.consumerProperties(TestNames.unique("it-geo-events")),
                new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer())) {
            TopicReader.readToEnd(consumer, Topics.GEO_EVENTS.name(), Duration.ofSeconds(60), r -> {
                if (r.key() != null && r.key().startsWith(prefix)) {
                    ids.add(r.key());
                }
            });
        }
        return ids.size();
    }

    private static long number(final String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    private static Map<String, Score> replay(final List<GeoEvent> events) {
        final DyadResolver resolver = new DyadResolver(Set.of("CAN"), WATCHED);
        final DyadScorer scorer = new DyadScorer(ModelParameters.defaults());
        final Map<String, DyadState> states = new HashMap<>();
        for (final GeoEvent e : events) {
            resolver.resolve(e.getActor(), e.getTarget()).ifPresent(d -> states.put(d.key(), scorer.add(
                    states.getOrDefault(d.key(), DyadState.EMPTY), BenchMapping.toScoringEvent(e, d, null))));
        }
        final Map<String, Score> scores = new HashMap<>();
        states.forEach((dyad, state) -> scores.put(dyad, scorer.score(state, 0.0)));
        return scores;
    }

    private static KafkaConsumer<String, RiskScore> scoreConsumer() {
        final KafkaConsumer<String, RiskScore> consumer = new KafkaConsumer<>(
                settings.consumerProperties(TestNames.unique("it-scores")),
                serdes.keySerde(Topics.RISK_SCORES).deserializer(), serdes.valueSerde(Topics.RISK_SCORES).deserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.RISK_SCORES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Reads what is there (read_committed); counts scores per dyad and keeps the latest. */
    private static int poll(final KafkaConsumer<String, RiskScore> consumer, final Map<String, Long> scored,
                            final Map<String, RiskScore> latest) {
        int n = 0;
        for (final ConsumerRecord<String, RiskScore> r : consumer.poll(Duration.ofMillis(200))) {
            scored.merge(r.key(), 1L, Long::sum);
            latest.merge(r.key(), r.value(), (a, b) -> b.getEventCount() >= a.getEventCount() ? b : a);
            n++;
        }
        return n;
    }

    private static long total(final Map<String, Long> scored) {
        return scored.values().stream().mapToLong(Long::longValue).sum();
    }
}
