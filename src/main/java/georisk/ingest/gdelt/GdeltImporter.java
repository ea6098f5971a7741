package georisk.ingest.gdelt;

import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.ValidationProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Imports GDELT event exports: reads every row ({@link GdeltReader}), sets aside what the
 * {@link NoiseRules} say is noise, maps the rest ({@link GdeltMapping}), checks each event with the
 * producer's own {@link EventValidator}, collapses duplicates of one story ({@link StoryCollapser})
 * and hands each kept event on. Rejected rows go to a {@link RowSink} with the reason. Everything is
 * counted in a {@link GdeltImportReport}. Kafka-free: the caller decides where events go.
 */
public final class GdeltImporter {
    /** How often (in rows) {@link Progress#rowsRead(long)} is called. */
    public static final long PROGRESS_EVERY = 250_000;

    /** Progress of a long import, for people watching. */
    public interface Progress {
        /** No progress output. */
        Progress NONE = new Progress() {
        };

        /** A file (or zip entry) was read to its end. */
        default void fileRead(final String source, final Optional<GdeltFormat> format, final long rows) {
        }

        /** Called every {@value #PROGRESS_EVERY} rows with the total so far. */
        default void rowsRead(final long total) {
        }
    }

    private final NoiseRules rules;
    private final Clock clock;
    private final GdeltImportReport report;
    private final Consumer<GeoEvent> events;
    private final RowSink rejects;
    private final Progress progress;

    /**
     * @param rules    which rows are noise
     * @param clock    "now" for the validator's not-too-far-in-the-future rule
     * @param report   where counts go
     * @param events   receives each kept event, in input order of the day windows
     * @param rejects  receives each rejected row (the dead-letter path)
     * @param progress progress callbacks
     */
    public GdeltImporter(final NoiseRules rules, final Clock clock, final GdeltImportReport report,
                         final Consumer<GeoEvent> events, final RowSink rejects, final Progress progress) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.report = Objects.requireNonNull(report, "report");
        this.events = Objects.requireNonNull(events, "events");
        this.rejects = Objects.requireNonNull(rejects, "rejects");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Imports files and directories (see {@link GdeltReader#inputs(List)}).
     *
     * @throws IllegalArgumentException if a path does not exist or is not a GDELT export (nothing is read)
     * @throws IOException              if a directory cannot be walked
     */
    public void run(final List<Path> paths) throws IOException {
        final List<Path> files = GdeltReader.inputs(paths);
        final StoryCollapser collapser = new StoryCollapser(new StoryCollapser.Listener() {
            @Override
            public void kept(final GeoEvent event) {
                report.addKept(event.getType());
                events.accept(event);
            }

            @Override
            public void collapsed(final GeoEvent duplicate, final GeoEvent into) {
                report.addSetAside(NoiseRule.DUPLICATE);
            }
        });
        final GdeltReader reader = new GdeltReader();
        final RowHandler handler = new RowHandler(collapser);
        for (final Path file : files) {
            reader.readFile(file, handler);
        }
        collapser.finish();
    }

    private final class RowHandler implements GdeltReader.Listener {
        private final StoryCollapser collapser;

        RowHandler(final StoryCollapser collapser) {
            this.collapser = collapser;
        }

        @Override
        public void row(final GdeltRow row, final byte[] raw) {
            counted();
            final Optional<NoiseRule> noise = rules.check(row);
            if (noise.isPresent()) {
                report.addSetAside(noise.get());
                return;
            }
            final GeoEvent event = GdeltMapping.toEvent(row);
            final List<ValidationProblem> problems = EventValidator.validate(event, clock.instant());
            if (!problems.isEmpty()) {
                final String fields = problems.stream().map(ValidationProblem::field).distinct()
                        .collect(Collectors.joining(", "));
                reject(new RejectedRow(row.source(), row.line(), raw, "invalid event (" + fields + ")",
                        EventValidator.describe(problems)));
                return;
            }
            collapser.offer(event, row.reportedDay(), row.eventRootCode());
        }

        @Override
        public void rejected(final RejectedRow rejected) {
            counted();
            reject(rejected);
        }

        @Override
        public void fileFinished(final String source, final Optional<GdeltFormat> format, final long rows) {
            report.addFile(format.orElse(null));
            progress.fileRead(source, format, rows);
        }

        @Override
        public void fileFailed(final String source, final String reason) {
            report.addFailedFile(source, reason);
        }

        @Override
        public void skipped(final String source, final String reason) {
            report.addSkippedFile(source, reason);
        }

        private void counted() {
            report.addRowRead();
            final long n = report.rowsRead();
            if (n % PROGRESS_EVERY == 0) {
                progress.rowsRead(n);
            }
        }

        private void reject(final RejectedRow row) {
            report.addRejected(row);
            rejects.reject(row.source(), row.line(), row.raw(), row.reason(), row.fullReason());
        }
    }
}
