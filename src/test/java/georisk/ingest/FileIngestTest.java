package georisk.ingest;

import georisk.events.DeadLetterHeaders;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file producer's decisions — what is sent, dead-lettered, counted, or stops the run — over
 * {@link MockProducer}s. Against a real broker: {@code ProduceCommandIT}.
 */
class FileIngestTest {
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
    private static final String HEADER = "id,occurredAt,actor,target,type,headline";

    @TempDir
    Path dir;

    private final MockProducer<String, GeoEvent> events = eventProducer(true);
    private final MockProducer<String, TradeExposure> exposures =
            new MockProducer<>(true, null, new StringSerializer(), (topic, exposure) -> new byte[0]);
    private final MockProducer<byte[], byte[]> deadLetters =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final IngestReport report = new IngestReport();
    private final EventPublisher publisher = new EventPublisher(events, exposures, deadLetters, report);
    private final List<String> rejections = new ArrayList<>();
    private final FileIngest.Listener listener = new FileIngest.Listener() {
        @Override
        public void rejected(final IngestReport.Rejection rejection) {
            rejections.add(rejection.toString());
        }
    };

    /** A CSV of {@code rows} events e2..e(rows+1), one per line after the header, with a bad date on {@code badLine}. */
    private FileIngest.Source csv(final String name, final int rows, final int badLine) throws IOException {
        final StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int line = 2; line < rows + 2; line++) {
            final String date = line == badLine ? "2025-02-30" : "2025-03-04";
            text.append(name).append('-').append(line).append(',').append(date)
                    .append(",USA,CAN,HOSTILE_STATEMENT,\"Statement, line ").append(line).append("\"\n");
        }
        final Path file = dir.resolve(name + ".csv");
        Files.writeString(file, text);
        return new FileIngest.Source(file, EventFileFormat.CSV);
    }

    @Test
    void shouldSendGoodLinesAndDeadLetterTheBadOneWithItsOrigin() throws IOException {
        final FileIngest.Source source = csv("a", 8, 7);

        final boolean completed = FileIngest.sending(publisher, false, NOW, listener).run(List.of(source));

        assertThat(completed).isTrue();
        assertThat(events.history()).extracting(ProducerRecord::key)
                .containsExactly("a-2", "a-3", "a-4", "a-5", "a-6", "a-8", "a-9");
        final ProducerRecord<String, GeoEvent> first = events.history().get(0);
        assertThat(first.topic()).isEqualTo(Topics.GEO_EVENTS.name());
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2025-03-04T00:00:00Z").toEpochMilli());

        assertThat(deadLetters.history()).hasSize(1);
        final ProducerRecord<byte[], byte[]> dead = deadLetters.history().get(0);
        assertThat(dead.topic()).isEqualTo(Topics.GEO_EVENTS_DLQ.name());
        assertThat(utf8(dead.key())).isEqualTo(source.name());
        assertThat(utf8(dead.value())).isEqualTo("a-7,2025-02-30,USA,CAN,HOSTILE_STATEMENT,\"Statement, line 7\"");
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith("occurredAt: \"2025-02-30\" is not an ISO date");
        assertThat(header(dead, DeadLetterHeaders.STAGE)).isEqualTo("ingest");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_FILE)).isEqualTo(source.name());
        assertThat(header(dead, DeadLetterHeaders.SOURCE_LINE)).isEqualTo("7");
        assertThat(header(dead, DeadLetterHeaders.FAILED_AT)).isNotBlank();

        assertThat(rejections).singleElement().asString().startsWith(source.name() + " line 7: occurredAt:");
        assertThat(report.read()).isEqualTo(8);
        assertThat(report.sent()).isEqualTo(7);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.byType()).containsExactly(java.util.Map.entry(EventType.HOSTILE_STATEMENT, 7L));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldStampAFutureDatedEventWithTheTimeItIsSentSoTheBrokerTakesIt() throws IOException {
        final Instant nextMonth = Instant.now().plus(java.time.Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        final Path file = dir.resolve("ahead.csv");
        Files.writeString(file, HEADER + "\nahead-1," + nextMonth.toString().substring(0, 10)
                + ",USA,CAN,TARIFF_IMPOSED,Tariff takes effect next month\n");
        final Instant before = Instant.now();

        FileIngest.sending(publisher, false, Instant.now(), listener).run(
                List.of(new FileIngest.Source(file, EventFileFormat.CSV)));

        assertThat(rejections).isEmpty();
        final ProducerRecord<String, GeoEvent> sent = events.history().get(0);
        assertThat(sent.value().getOccurredAt()).isEqualTo(nextMonth);
        // the same rule as the topology's (EventValidator.effectiveTime): it counts from when it was reported
        assertThat(sent.timestamp()).isBetween(before.toEpochMilli(), Instant.now().toEpochMilli());
    }

    @Test
    void shouldSendNothingInStrictModeWhenAnyFileHasABadLine() throws IOException {
        final FileIngest.Source good = csv("good", 3, 0);
        final FileIngest.Source bad = csv("bad", 8, 7);

        final boolean completed = FileIngest.sending(publisher, true, NOW, listener).run(List.of(good, bad));

        assertThat(completed).isFalse();
        assertThat(events.history()).isEmpty();
        assertThat(deadLetters.history()).isEmpty();
        assertThat(rejections).singleElement().asString().startsWith(bad.name() + " line 7: occurredAt:");
        assertThat(report.read()).isEqualTo(3 + 6);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldSendEverythingInStrictModeWhenEveryLineIsGood() throws IOException {
        final boolean completed = FileIngest.sending(publisher, true, NOW, listener).run(List.of(csv("ok", 4, 0)));

        assertThat(completed).isTrue();
        assertThat(events.history()).hasSize(4);
        assertThat(report.read()).isEqualTo(4);
        assertThat(report.sent()).isEqualTo(4);
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void shouldSendNothingInADryRunAndCountWhatWouldBeSent() throws IOException {
        final IngestReport dry = IngestReport.dryRun();

        FileIngest.dryRun(dry, NOW, listener).run(List.of(csv("dry", 8, 7)));

        assertThat(events.history()).isEmpty();
        assertThat(dry.read()).isEqualTo(8);
        assertThat(dry.accepted()).isEqualTo(7);
        assertThat(dry.rejected()).isEqualTo(1);
        assertThat(dry.byType()).containsEntry(EventType.HOSTILE_STATEMENT, 7L);
        assertThat(dry.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldCountASendTheBrokerRefusesAsRejectedWithItsReason() {
        final MockProducer<String, GeoEvent> manual = eventProducer(false);
        final EventPublisher p = new EventPublisher(manual, exposures, deadLetters, report);
        final GeoEvent event = EventJson.read("{\"id\":\"big-2\",\"occurredAt\":\"2025-03-04\",\"actor\":\"USA\","
                + "\"target\":\"CAN\",\"type\":\"SANCTION\",\"headline\":\"x\"}");

        p.publish(event, "big.csv", 2);
        p.publish(event, "big.csv", 3);
        manual.errorNext(new RecordTooLargeException("the record is too large"));
        manual.completeNext();

        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.sent()).isEqualTo(1);
        assertThat(report.rejectedByReason()).containsEntry(IngestReport.KAFKA, 1L);
        assertThat(report.examples().get(IngestReport.KAFKA).toString()).isEqualTo(
                "big.csv line 2: kafka: event big-2 not written: RecordTooLargeException: the record is too large");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldReportAnUnknownColumnAndGoOnWithTheNextFile() throws IOException {
        final Path typo = dir.resolve("typo.csv");
        Files.writeString(typo, "id,occurredAt,actor,target,type,hedline\ne1,2025-03-04,USA,CAN,SANCTION,x\n");
        final FileIngest.Source good = csv("next", 2, 0);

        FileIngest.sending(publisher, false, NOW, listener).run(
                List.of(new FileIngest.Source(typo, EventFileFormat.CSV), good));

        assertThat(rejections).singleElement().asString()
                .startsWith(typo + " line 1: header: unknown column hedline (did you mean headline?)");
        assertThat(report.unreadSources()).hasSize(1);
        assertThat(events.history()).hasSize(2);
        assertThat(deadLetters.history()).isEmpty();
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldReportBytesThatAreNotUtf8() throws IOException {
        final Path latin1 = dir.resolve("latin1.jsonl");
        Files.write(latin1, ("{\"id\":\"e1\",\"occurredAt\":\"2025-03-04\",\"actor\":\"USA\",\"target\":\"CAN\","
                + "\"type\":\"SANCTION\",\"headline\":\"Qu\u00e9bec\"}\n").getBytes(StandardCharsets.ISO_8859_1));

        FileIngest.sending(publisher, false, NOW, listener).run(List.of(new FileIngest.Source(latin1, EventFileFormat.JSONL)));

        assertThat(rejections).singleElement().asString().contains("line 1: not UTF-8 text");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    /** Avro is not what is tested here: values are serialized to nothing. */
    private static MockProducer<String, GeoEvent> eventProducer(final boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), (topic, event) -> new byte[0]);
    }

    private static String header(final ProducerRecord<byte[], byte[]> record, final String name) {
        final Header h = record.headers().lastHeader(name);
        return h == null ? null : utf8(h.value());
    }

    private static String utf8(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
