package georisk.ingest;

import georisk.events.EventType;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IngestReportTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final IngestReport report = new IngestReport(false, nanos::get);

    private String printed(final IngestReport r) {
        final StringWriter out = new StringWriter();
        r.print(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void shouldExitZeroWhenNothingWasRejected() {
        report.recordRead();
        report.recordAccepted(EventType.AGREEMENT);
        report.recordSent(EventType.AGREEMENT);
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void shouldExitOneWhenALineWasRejected() {
        report.recordRejected("e.csv", 7, "occurredAt", "occurredAt: \"2025-02-30\" is not an ISO date or instant");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldClassARejectionByTheFieldAtFaultWhateverItsReasonSays() {
        // the class comes from EventFormatException.field(), never from the wording of the reason
        final EventLine wholeRecord = new EventLine("e.jsonl", 3, "{", null,
                new EventFormatException(null, "tone: reads like a field, but the record as a whole is wrong"));
        final EventLine oneField = new EventLine("e.jsonl", 4, "{}", null,
                new EventFormatException("occurredAt", "Datum unlesbar (2025-13-01)"));
        assertThat(wholeRecord.rejection().reasonClass()).isEqualTo(IngestReport.RECORD);
        assertThat(oneField.rejection().reasonClass()).isEqualTo("occurredAt");
        assertThat(oneField.rejection().reason()).isEqualTo("occurredAt: Datum unlesbar (2025-13-01)");
    }

    @Test
    void shouldExitOneWhenASourceCouldNotBeRead() {
        report.recordUnreadSource("e.csv", 1, "header: unknown column hedline");
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(printed(report)).contains("Not read further: e.csv line 1: header: unknown column hedline");
    }

    @Test
    void shouldGroupRejectionsByTheFieldAtFaultKeepingTheFirstExample() {
        report.recordRejected("e.csv", 7, "occurredAt", "occurredAt: \"2025-02-30\" is not an ISO date or instant");
        report.recordRejected("e.csv", 9, "occurredAt", "occurredAt: \"yesterday\" is not an ISO date or instant");
        report.recordRejected("e.csv", 12, IngestReport.RECORD, "not valid JSON: Unexpected character");
        report.recordRejected(null, 0, IngestReport.KAFKA, "kafka: event e1 not written: RecordTooLargeException: too large");
        assertThat(report.rejected()).isEqualTo(4);
        assertThat(report.rejectedByReason()).containsExactly(
                java.util.Map.entry("kafka", 1L), java.util.Map.entry("occurredAt", 2L), java.util.Map.entry("record", 1L));
        assertThat(report.examples().get("occurredAt").line()).isEqualTo(7);
        assertThat(report.examples().get("occurredAt").toString())
                .isEqualTo("e.csv line 7: occurredAt: \"2025-02-30\" is not an ISO date or instant");
        assertThat(report.examples().get("kafka").toString()).startsWith("kafka: event e1 not written");
    }

    @Test
    void shouldCountSentEventsByTypeMostFrequentFirst() {
        for (int i = 0; i < 3; i++) {
            report.recordSent(EventType.HOSTILE_STATEMENT);
        }
        report.recordSent(EventType.AGREEMENT);
        report.recordAccepted(EventType.SANCTION); // accepted but not (yet) acknowledged: not sent
        assertThat(report.byType()).containsOnlyKeys(EventType.HOSTILE_STATEMENT, EventType.AGREEMENT);
        final String out = printed(report);
        assertThat(out.indexOf("HOSTILE_STATEMENT")).isLessThan(out.indexOf("AGREEMENT"));
    }

    @Test
    void shouldCountValidEventsByTypeInADryRun() {
        final IngestReport dry = new IngestReport(true, nanos::get);
        dry.recordRead();
        dry.recordAccepted(EventType.SANCTION);
        assertThat(dry.byType()).containsEntry(EventType.SANCTION, 1L);
        assertThat(printed(dry)).contains("1 valid", "dry run: nothing sent", "Valid by type:");
    }

    @Test
    void shouldMeasureElapsedTimeUntilStoppedAndTheRateSent() {
        for (int i = 0; i < 500; i++) {
            report.recordSent(EventType.AGREEMENT);
        }
        nanos.addAndGet(2_000_000_000L);
        report.stop();
        nanos.addAndGet(5_000_000_000L);
        assertThat(report.elapsed()).isEqualTo(Duration.ofSeconds(2));
        assertThat(report.sentPerSecond()).isEqualTo(250.0);
    }

    @Test
    void shouldMeasureFromARestartedClock() {
        nanos.addAndGet(3_000_000_000L); // setting up the producer
        report.restartClock();
        nanos.addAndGet(1_000_000_000L);
        report.stop();
        assertThat(report.elapsed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldPrintAReadableSummary() {
        for (int i = 0; i < 19; i++) {
            report.recordRead();
            report.recordAccepted(EventType.TARIFF_THREATENED);
            report.recordSent(EventType.TARIFF_THREATENED);
        }
        report.recordRead();
        report.recordRejected("events.csv", 7, "occurredAt", "occurredAt: \"2025-02-30\" is not an ISO date or instant");
        report.recordDeadLettered();
        report.recordLate();
        report.recordDuplicate();
        nanos.addAndGet(1_000_000_000L);
        assertThat(printed(report)).isEqualTo(String.join(System.lineSeparator(),
                "Read 20 records: 19 sent to geo-events, 1 rejected, in 1.0 s (19 events/s sent).",
                "Rejected by reason (1 sent to geo-events-dlq):",
                "  occurredAt           1   e.g. events.csv line 7: occurredAt: \"2025-02-30\" is not an ISO date or instant",
                "Sent by type:",
                "  TARIFF_THREATENED               19",
                "Late events 1, duplicates 1 (ids sent again).", ""));
    }

    @Test
    void shouldSayWhenDeadLettersCouldNotBeWritten() {
        report.recordRejected("e.csv", 3, "id", "id: must not be blank");
        report.recordDeadLetterFailure("e.csv line 3: TimeoutException: expired");
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(printed(report)).contains("Dead letters not written: 1, e.g. e.csv line 3: TimeoutException");
    }

    @Test
    void shouldCountFromManyThreadsWithoutLosingAny() throws InterruptedException {
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    report.recordSent(EventType.NEGOTIATION);
                    report.recordRejected("f", i, "id", "id: blank");
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (final Thread t : threads) {
            t.join();
        }
        assertThat(report.sent()).isEqualTo(40_000);
        assertThat(report.byType()).containsEntry(EventType.NEGOTIATION, 40_000L);
        assertThat(report.rejectedByReason()).containsEntry("id", 40_000L);
    }
}
