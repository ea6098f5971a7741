package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.events.Topics;
import georisk.ingest.EventFileFormat;
import georisk.ingest.EventPublisher;
import georisk.ingest.FileIngest;
import georisk.ingest.IngestReport;
import georisk.runtime.RequiredTopics;
import georisk.serde.SerdeFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code georisk produce FILE...}: publishes events from JSON Lines and CSV files to {@code geo-events}
 * through the one producer path, after validating each record; bad records are reported with file, line
 * and reason and dead-lettered (or, with {@code --strict}, stop the run before anything is sent).
 */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish events from JSON Lines or CSV files to the geo-events topic. Every record is "
                + "validated before it is sent; a bad one is reported with its file, line and reason and sent, "
                + "untouched, to geo-events-dlq (headers georisk.dlq.reason, .stage=ingest, .source.file, "
                + ".source.line), and the other records are published. Events are keyed by id, with the record "
                + "timestamp set to occurredAt, through an idempotent producer. A summary follows: sent, rejected "
                + "by reason, sent by type.", "",
                "Formats (by extension, or --format):",
                "  .jsonl .ndjson .json  one JSON object per line, as in",
                "                        docs/scenario-format.md; blank and # lines skipped",
                "  .csv                  a header row of field names, then one event per row;",
                "                        RFC 4180 quoting (\"a, b\", \"say \"\"no\"\"\"); an empty",
                "                        cell is an absent field; sectors split by ;",
                "",
                "Columns (JSON fields of the same names; * required):",
                "  id*, occurredAt* (2025-03-04 or 2025-03-04T14:00:00Z), reportedAt,",
                "  actor*, target* (alpha-3: USA, CAN), type* (TARIFF_IMPOSED, ...),",
                "  cameoCode, goldstein, tone, mentions, sources, articles, tariffRate",
                "  (percent), affectedTradeValue, tradeCurrency, sectors, headline*,",
                "  sourceName, sourceUrl, sourceKind, confidence. See docs/ingest.md.",
                "",
                "Examples:",
                "  georisk produce events.csv",
                "  georisk produce --strict 2025-*.jsonl",
                "  georisk produce --dry-run --format csv export.txt",
                "  gunzip -c events.jsonl.gz | georisk produce -",
                "",
                "A CSV file:",
                "  id,occurredAt,actor,target,type,tariffRate,sectors,headline",
                "  us-steel,2025-03-12,USA,CAN,TARIFF_IMPOSED,25,steel;aluminum,\"Steel, too\"",
                ""},
        exitCodeListHeading = "%nExit status (scripts can rely on it):%n",
        exitCodeList = {" 0:every record was sent", " 1:something was rejected or could not be sent",
                " 2:bad options or files"})
final class ProduceCommand implements Callable<Integer> {
    /** Rejections printed as they happen; the rest are counted in the summary and on geo-events-dlq. */
    static final int PRINTED_REJECTIONS = 100;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Event files, read in the order given; - reads standard input (JSON Lines unless --format).")
    List<Path> files;

    /** Standard input, for FILE {@code -}; tests replace it. */
    java.io.InputStream stdin = System.in;

    @Option(names = "--format", paramLabel = "jsonl|csv", converter = FormatConverter.class,
            description = "Read every FILE in this format, whatever its extension.")
    EventFileFormat format;

    @Option(names = "--strict",
            description = "Check every file first and stop at the first bad record: nothing at all is sent "
                    + "(each file is read twice).")
    boolean strict;

    @Option(names = "--dry-run", description = "Validate and report only; connect to nothing, send nothing.")
    boolean dryRun;

    @Mixin
    ConnectionOptions connection;
    @Mixin
    TopicNameOptions names;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        try (InputFiles input = new InputFiles(spec, files, format, stdin)) {
            return produce(out, input.sources());
        }
    }

    private int produce(final PrintWriter out, final List<FileIngest.Source> sources) throws Exception {
        final ProgressBar progress = new ProgressBar(out, System.console() != null, System::nanoTime);
        final Topics topics = names.topics();
        final Printer printer = new Printer(out, progress, sources.size() > 1, !dryRun && !strict ? topics : null);
        final Instant now = Instant.now();
        final IngestReport report;
        final boolean completed;
        if (dryRun) {
            report = IngestReport.dryRun();
            completed = FileIngest.dryRun(report, now, printer).run(sources);
        } else {
            final KafkaSettings kafka = connection.settings();
            RequiredTopics.require(kafka, List.of(topics.geoEvents(), topics.deadLetters()));
            final SerdeFactory serdes = new SerdeFactory(ConnectionOptions.registry(kafka));
            try (EventPublisher publisher = new EventPublisher(kafka.producerProperties("georisk-produce"), serdes, topics)) {
                report = publisher.report();
                completed = FileIngest.sending(publisher, strict, now, printer).run(sources);
            }
        }
        if (!completed) {
            out.println("Stopped at the first bad record (--strict): nothing was sent.");
        }
        report.print(out, topics);
        return report.exitCode();
    }

    /** Progress and rejections as they happen. */
    private static final class Printer implements FileIngest.Listener {
        private final PrintWriter out;
        private final ProgressBar progress;
        private final boolean perFile;
        /** Where rejected lines go, or null when they are not dead-lettered (dry run, strict). */
        private final Topics deadLettering;
        private int printed;

        Printer(final PrintWriter out, final ProgressBar progress, final boolean perFile, final Topics deadLettering) {
            this.out = out;
            this.progress = progress;
            this.perFile = perFile;
            this.deadLettering = deadLettering;
        }

        @Override
        public void started(final FileIngest.Source source, final long sizeBytes, final boolean checkOnly) {
            progress.start((checkOnly ? "checking " : "") + source.name(), sizeBytes);
        }

        @Override
        public void progress(final FileIngest.Source source, final long bytesRead, final long records) {
            progress.update(bytesRead, records);
        }

        @Override
        public void rejected(final IngestReport.Rejection rejection) {
            printed++;
            if (printed <= PRINTED_REJECTIONS) {
                progress.println(rejection.toString());
            } else if (printed == PRINTED_REJECTIONS + 1) {
                progress.println("(more rejections are counted in the summary" + (deadLettering != null ? ", each one on "
                        + deadLettering.deadLetters().name() + " with its file and line)" : ")"));
            }
        }

        @Override
        public void finished(final FileIngest.Source source, final long records) {
            progress.finish();
            if (perFile) {
                out.printf(Locale.ROOT, "%s: %,d records%n", source.name(), records);
                out.flush();
            }
        }
    }

    /** {@code --format}: jsonl (or ndjson, json) or csv, in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<EventFileFormat> {
        @Override
        public EventFileFormat convert(final String value) {
            return EventFileFormat.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a format: use jsonl or csv"));
        }
    }
}
