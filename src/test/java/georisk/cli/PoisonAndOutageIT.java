package georisk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.config.WatchSettings;
import georisk.events.DeadLetterHeaders;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.RiskScore;
import georisk.events.SourceKind;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import georisk.local.EmbeddedKafka;
import georisk.runtime.HttpApi;
import georisk.runtime.ScoringApp;
import georisk.scoring.ModelParameters;
import georisk.serde.SchemaRegistryClients;
import georisk.serde.SerdeFactory;
import georisk.testing.TcpProxy;
import georisk.testing.TestNames;
import georisk.testing.TestRegistry;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite's input and registry faults, on real parts: this class's own embedded KRaft broker (the
 * topic names are the catalog's), one scoring instance wired as {@code run} wires it, with its HTTP API, and
 * the real (Apicurio) registry behind a TCP proxy that the test cuts and restores (the shared registry itself
 * is never stopped). Garbage on trade-exposure becomes dead letters; a future-dated event from a plain
 * producer is scored; a backfill's scores are stamped when written; and while the registry is unreachable,
 * valid events wait (none is dead-lettered) and {@code /ready} says why, then all are scored.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonAndOutageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path stateDir;

    private static EmbeddedKafka kafka;
    private static TcpProxy proxy;
    private static KafkaSettings settings;
    private static SerdeFactory serdes;
    private static ScoringApp app;
    private static HttpApi api;
    private static int port;
    private static KafkaConsumer<byte[], byte[]> dlq;
    private static KafkaConsumer<String, byte[]> scores;
    private static final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    private static final List<ConsumerRecord<String, byte[]>> scored = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.Settings.defaults().withDefaultPartitions(2)).start();
        final URI registry = URI.create(TestRegistry.url());
        proxy = new TcpProxy(registry.getHost(), registry.getPort());
        final String proxied = registry.getScheme() + "://127.0.0.1:" + proxy.port() + registry.getRawPath();
        settings = new KafkaSettings(kafka.bootstrapServers(), proxied, Map.of());
        try (Admin admin = Admin.create(settings.adminProperties())) {
            new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).createAll(2, Map.of(), (short) 1);
        }
        serdes = ScoringApp.scoringSerdes(SchemaRegistryClients.forUrl(settings.schemaRegistryUrl()));
        final WatchSettings watch = new WatchSettings(Set.of("CAN"), Set.of("USA", "CHN"), Duration.ofDays(3650));
        port = HttpApi.port("127.0.0.1", 0);
        app = new ScoringApp(settings, new StreamsSettings(TestNames.unique("georisk-faults"), stateDir, 1, 1,
                Duration.ofMillis(100)), watch, serdes, ModelParameters.defaults(), new HostInfo("127.0.0.1", port));
        api = new HttpApi(app, settings, serdes, watch, "127.0.0.1", port, null);
        api.start();
        app.start(Duration.ofSeconds(90));
        dlq = consumer(Topics.GEO_EVENTS_DLQ.name(), new ByteArrayDeserializer());
        scores = consumer(Topics.RISK_SCORES.name(), new StringDeserializer());
    }

    @AfterAll
    static void stop() {
        for (final AutoCloseable c : new AutoCloseable[] {dlq, scores, api, app, proxy, kafka}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (final Exception e) {
                // closing anyway
            }
        }
    }

    @Test
    @Order(1)
    void shouldDeadLetterGarbageOnTradeExposureAndKeepRunning() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            for (final String hex : List.of("00", "deadbeef", "0000000001ff")) {
                producer.send(new ProducerRecord<>(Topics.TRADE_EXPOSURE.name(), "CAN-USA".getBytes(StandardCharsets.UTF_8),
                        hex(hex))).get();
            }
        }
        await().alias("three dead letters from trade-exposure").atMost(Duration.ofSeconds(60)).until(() ->
                readDeadLetters().stream().filter(r -> Topics.TRADE_EXPOSURE.name().equals(header(r,
                        DeadLetterHeaders.SOURCE_TOPIC))).count() == 3);
        assertThat(deadLetters).allSatisfy(r -> assertThat(header(r, DeadLetterHeaders.REASON))
                .startsWith("cannot decode TradeExposure"));
        assertThat(app.failure()).isNull();
        assertThat(get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void shouldScoreAFutureDatedEventFromAPlainProducerAndStampResultsWhenWritten() throws Exception {
        final Instant sentAt = Instant.now();
        final GeoEvent nextMonth = event("next-month-" + TestNames.suffix(), sentAt.plus(Duration.ofDays(30)));
        // on a dyad of its own, so that its score is the 2019 one (a late event's score takes the dyad's newest time)
        final GeoEvent backfill = event("backfill-2019-" + TestNames.suffix(), Instant.parse("2019-05-10T12:00:00Z"),
                "CHN");
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            for (final GeoEvent e : List.of(nextMonth, backfill)) {
                // a plain producer: no timestamp given, so the record is stamped now
                producer.send(new ProducerRecord<>(Topics.GEO_EVENTS.name(), e.getId().getBytes(StandardCharsets.UTF_8),
                        serdes.valueSerde(Topics.GEO_EVENTS).serializer().serialize(Topics.GEO_EVENTS.name(), e))).get();
            }
        }
        await().alias("both scored").atMost(Duration.ofSeconds(60)).until(() -> drivers(readScores()).containsAll(
                List.of(nextMonth.getId(), backfill.getId())));
        final RiskScore future = scoreDrivenBy(nextMonth.getId());
        assertThat(future.getAsOf()).as("counted from when it was reported")
                .isBetween(sentAt.minusSeconds(60), Instant.now());
        // scores are stamped when written (LogAppendTime): a 2019 backfill is kept for the topic's retention
        final ConsumerRecord<String, byte[]> old = scored.stream()
                .filter(r -> decode(r).getDrivers().stream().anyMatch(d -> d.getEventId().equals(backfill.getId())))
                .findFirst().orElseThrow();
        assertThat(old.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(Instant.ofEpochMilli(old.timestamp())).isAfter(sentAt.minusSeconds(60));
        assertThat(decode(old).getAsOf()).isEqualTo(backfill.getOccurredAt());
        assertThat(app.failure()).isNull();
        assertThat(readDeadLetters()).noneMatch(r -> r.key() != null
                && new String(r.key(), StandardCharsets.UTF_8).equals(nextMonth.getId()));
    }

    @Test
    @Order(3)
    void shouldWaitOutARegistryOutageWithoutDeadLetteringAndScoreEverythingAfter() throws Exception {
        // a compatible variant of GeoEvent, registered now: its id is new to the instance, which must ask the
        // registry for it while the registry is unreachable
        final String suffix = TestNames.suffix();
        final ObjectNode variant = (ObjectNode) JSON.readTree(GeoEvent.getClassSchema().toString());
        ((ArrayNode) variant.get("fields")).addObject().put("name", "itNote_" + suffix)
                .putNull("default").putArray("type").add("null").add("string");
        final Schema writer = new Schema.Parser().parse(variant.toString());
        final int variantId = SchemaRegistryClients.forUrl(TestRegistry.url())
                .register("georisk-it-variant-" + suffix + "-value", writer);
        readScores();
        final int before = scored.size();

        final List<String> ids = IntStream.range(0, 20).mapToObj(i -> "outage-" + suffix + "-" + i).toList();
        final SerdeFactory direct = new SerdeFactory(SchemaRegistryClients.forUrl(TestRegistry.url()));
        final List<byte[]> values = new ArrayList<>();
        for (final String id : ids) {
            final byte[] framed = direct.valueSerde(Topics.GEO_EVENTS).serializer()
                    .serialize(Topics.GEO_EVENTS.name(), event(id, Instant.parse("2025-06-01T00:00:00Z")));
            // the same Avro body written with the variant: its extra field (null, union branch 0) comes last
            final byte[] asVariant = Arrays.copyOf(framed, framed.length + 1);
            ByteBuffer.wrap(asVariant, 1, 4).putInt(variantId);
            values.add(asVariant);
        }

        proxy.cut();
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            for (int i = 0; i < ids.size(); i++) {
                producer.send(new ProducerRecord<>(Topics.GEO_EVENTS.name(), ids.get(i).getBytes(StandardCharsets.UTF_8),
                        values.get(i))).get();
            }
        }
        await().alias("/ready says the registry is unreachable").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    final HttpResponse<String> ready = get("/ready");
                    return ready.statusCode() == 503 && ready.body().contains("schema registry unreachable");
                });
        // hold the outage through a few retries and thread replacements
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/ready").statusCode() != 200 && noneDeadLettered(ids));
        proxy.restore();

        await().alias("all 20 scored after the registry is back").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(() -> readScores().size() - before >= ids.size());
        await().alias("/ready 200 again").atMost(Duration.ofSeconds(30)).until(() -> get("/ready").statusCode() == 200);
        assertThat(noneDeadLettered(ids)).isTrue();
        assertThat(scored.size() - before).isEqualTo(ids.size());
        assertThat(app.failure()).isNull();
    }

    @Test
    @Order(4)
    void shouldRefuseToRunInOneLineWhenTheRegistryDoesNotAnswer() throws Exception {
        final int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        final java.io.StringWriter err = new java.io.StringWriter();
        final picocli.CommandLine cl = GeoriskCommand.commandLine();
        cl.setErr(new java.io.PrintWriter(err));
        cl.setOut(new java.io.PrintWriter(new java.io.StringWriter()));

        final int exit = cl.execute("run", "--bootstrap-servers", settings.bootstrapServers(), "--schema-registry-url",
                "http://127.0.0.1:" + closed, "--state-dir", stateDir.resolve("refused").toString(),
                "--http-host", "127.0.0.1", "--http-port", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("georisk: schema registry check failed: Cannot connect to the schema registry");
    }

    private static boolean noneDeadLettered(final List<String> ids) {
        return readDeadLetters().stream().noneMatch(r -> r.key() != null
                && ids.contains(new String(r.key(), StandardCharsets.UTF_8)));
    }

    private static GeoEvent event(final String id, final Instant occurredAt) {
        return event(id, occurredAt, "USA");
    }

    private static GeoEvent event(final String id, final Instant occurredAt, final String actor) {
        return GeoEvent.newBuilder()
                .setId(id).setOccurredAt(occurredAt).setReportedAt(Instant.now()).setActor(actor).setTarget("CAN")
                .setType(EventType.TARIFF_THREATENED).setCameoCode("1312").setGoldstein(-5.8).setTone(-3.0)
                .setMentions(10).setSources(3).setArticles(5).setSectors(List.of()).setHeadline("fault suite " + id)
                .setSourceKind(SourceKind.CURATED).setConfidence(0.9).build();
    }

    private static RiskScore scoreDrivenBy(final String id) {
        return scored.stream().map(PoisonAndOutageIT::decode)
                .filter(s -> s.getDrivers().stream().anyMatch(d -> d.getEventId().equals(id))).findFirst().orElseThrow();
    }

    private static Set<String> drivers(final List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().flatMap(r -> decode(r).getDrivers().stream()).map(d -> d.getEventId().toString())
                .collect(Collectors.toSet());
    }

    private static RiskScore decode(final ConsumerRecord<String, byte[]> r) {
        return serdes.valueSerde(Topics.RISK_SCORES).deserializer().deserialize(r.topic(), r.value());
    }

    private static synchronized List<ConsumerRecord<byte[], byte[]>> readDeadLetters() {
        dlq.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
        return deadLetters;
    }

    private static synchronized List<ConsumerRecord<String, byte[]>> readScores() {
        scores.poll(Duration.ofMillis(200)).forEach(scored::add);
        return scored;
    }

    private static <K> KafkaConsumer<K, byte[]> consumer(final String topic,
                                                         final org.apache.kafka.common.serialization.Deserializer<K> keys) {
        final KafkaConsumer<K, byte[]> c = new KafkaConsumer<>(settings.consumerProperties(TestNames.unique("it-read")),
                keys, new ByteArrayDeserializer());
        final List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return c;
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(settings.producerProperties(TestNames.unique("it-raw")), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static String header(final ConsumerRecord<byte[], byte[]> r, final String name) {
        final var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] hex(final String hex) {
        final byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static HttpResponse<String> get(final String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
