package georisk.ingest;

import georisk.events.Topics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Publishes trade-exposure files to {@code trade-exposure} through the one producer path,
 * {@link EventPublisher}, as {@link FileIngest} does events: each record is read and validated
 * ({@link ExposureFiles}); a valid one is published keyed by its dyad with the record timestamp set to its
 * {@code asOf} (the figures are in force from then); a bad one goes, untouched, to {@code geo-events-dlq}
 * with the reason, file and line in headers, and is counted. Returns once the broker has answered for
 * every record, so that the summary is complete.
 */
public final class ExposureIngest {
    private final EventPublisher publisher;
    private final IngestReport report;
    private final Instant now;
    private final Consumer<IngestReport.Rejection> listener;
    private final AtomicLong sent = new AtomicLong();
    /** Valid exposures (the report counts accepted events by type, which exposures have not). */
    private final AtomicLong valid = new AtomicLong();

    private ExposureIngest(final EventPublisher publisher, final IngestReport report, final Instant now,
                           final Consumer<IngestReport.Rejection> listener) {
        this.publisher = publisher;
        this.report = Objects.requireNonNull(report, "report");
        this.now = Objects.requireNonNull(now, "now");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Sends through {@code publisher}, counting in its report; {@code listener} hears of each rejection. */
    public static ExposureIngest sending(final EventPublisher publisher, final Instant now,
                                         final Consumer<IngestReport.Rejection> listener) {
        return new ExposureIngest(publisher, publisher.report(), now, listener);
    }

    /** Checks only: counts in a {@link IngestReport#dryRun()} report, sends nothing. */
    public static ExposureIngest dryRun(final Instant now, final Consumer<IngestReport.Rejection> listener) {
        return new ExposureIngest(null, IngestReport.dryRun(), now, listener);
    }

    public IngestReport report() {
        return report;
    }

    /** Exposures the broker acknowledged (or, in a dry run, found valid). */
    public long sent() {
        return publisher == null ? valid.get() : sent.get();
    }

    /**
     * Reads every source in order and publishes (or checks) its records, then waits for every answer.
     *
     * @throws IOException if a file cannot be opened
     */
    public void run(final List<FileIngest.Source> sources) throws IOException {
        try {
            for (final FileIngest.Source source : sources) {
                read(source);
            }
        } finally {
            if (publisher != null) {
                publisher.flush();
            }
            report.stop();
        }
    }

    private void read(final FileIngest.Source source) throws IOException {
        final String name = source.name();
        final long[] lastLine = {0};
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(source.path()),
                StandardCharsets.UTF_8.newDecoder()))) {
            ExposureFiles.read(name, in, source.format(), now, line -> {
                lastLine[0] = line.line();
                handle(line);
                return true;
            });
        } catch (final EventFormatException e) {
            unread(new IngestReport.Rejection(name, e.line(), IngestReport.RECORD, e.problem()));
        } catch (final CharacterCodingException e) {
            unread(new IngestReport.Rejection(name, lastLine[0] + 1, IngestReport.RECORD,
                    "not UTF-8 text (after line " + lastLine[0] + "); save the file as UTF-8"));
        }
    }

    private void handle(final ExposureFiles.Line line) {
        report.recordRead();
        if (!line.isValid()) {
            listener.accept(line.rejection());
            if (publisher == null) {
                report.recordRejected(line.source(), line.line(), line.reasonClass(), line.problem());
            } else {
                publisher.deadLetter(line.source(), line.line(), line.rawBytes(), line.reasonClass(), line.problem());
            }
            return;
        }
        valid.incrementAndGet();
        if (publisher == null) {
            return;
        }
        publisher.publish(line.exposure(), line.exposure().getAsOf(), (metadata, failure) -> {
            if (failure == null) {
                sent.incrementAndGet();
            } else {
                report.recordRejected(line.source(), line.line(), IngestReport.KAFKA, IngestReport.KAFKA + ": exposure "
                        + line.exposure().getDyad() + " not written: " + failure.getMessage());
            }
        });
    }

    private void unread(final IngestReport.Rejection rejection) {
        listener.accept(rejection);
        report.recordUnreadSource(rejection.source(), rejection.line(), rejection.reason());
    }

    /** The summary: read, published, rejected by reason with an example each. */
    public void print(final PrintWriter out) {
        print(out, Topics.DEFAULT);
    }

    /** As above, naming the topics of {@code topics}. */
    public void print(final PrintWriter out, final Topics topics) {
        if (report.isDryRun()) {
            out.printf(Locale.ROOT, "Read %,d exposures: %,d valid, %,d rejected (dry run: nothing sent).%n",
                    report.read(), valid.get(), report.rejected());
        } else {
            out.printf(Locale.ROOT, "Read %,d exposures: %,d sent to %s, %,d rejected.%n", report.read(), sent(),
                    topics.tradeExposure().name(), report.rejected());
        }
        final Map<String, Long> reasons = report.rejectedByReason();
        if (!reasons.isEmpty()) {
            out.println(report.isDryRun() ? "Rejected by reason:" : String.format(Locale.ROOT,
                    "Rejected by reason (%,d sent to %s):", report.deadLettered(), topics.deadLetters().name()));
            final Map<String, IngestReport.Rejection> examples = report.examples();
            reasons.forEach((reason, count) -> out.printf(Locale.ROOT, "  %-14s %,6d   e.g. %s%n", reason, count,
                    examples.get(reason)));
        }
        for (final IngestReport.Rejection unread : report.unreadSources()) {
            out.println("Not read further: " + unread);
        }
        out.flush();
    }
}
