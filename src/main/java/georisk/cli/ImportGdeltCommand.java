package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.config.SettingException;
import georisk.config.WatchSettings;
import georisk.events.GeoEvent;
import georisk.events.Topics;
import georisk.ingest.EventFormatException;
import georisk.ingest.EventPublisher;
import georisk.ingest.gdelt.GdeltFormat;
import georisk.ingest.gdelt.GdeltImportReport;
import georisk.ingest.gdelt.GdeltImporter;
import georisk.ingest.gdelt.GdeltReader;
import georisk.ingest.gdelt.NoiseRules;
import georisk.ingest.gdelt.RowSink;
import georisk.runtime.RequiredTopics;
import georisk.serde.SerdeFactory;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code georisk import-gdelt PATH...}: GDELT event exports into {@code geo-events}, through the one
 * producer path ({@link EventPublisher}: the same validation, serdes and keys as every producer), with
 * the noise rules of DESIGN.md and a report of what happened to every row.
 */
@Command(name = "import-gdelt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import GDELT event exports into geo-events: GDELT 2.0 (61 columns) and 1.0 (58 or 57 columns) "
                + "files, plain (.csv, .tsv, .txt) or zipped (.zip), named one by one or found in directories "
                + "(recursively, in name order).",
                "",
                "Keeps the rows between a home country and a watched counterparty (either direction), maps their "
                        + "CAMEO codes onto georisk's event types, keeps GDELT's Goldstein value, tone and attention "
                        + "counts, dates each event by SQLDATE (when it happened) and DATEADDED (when it was reported), "
                        + "and sets noise aside: rows without two countries, domestic rows, non-root events, rows with "
                        + "too few sources or mentions, and duplicates of one story (the most mentioned row is kept). "
                        + "Rows that cannot be read are rejected with file, line and reason. Details: docs/gdelt.md.",
                "",
                "Examples:",
                "  georisk import-gdelt --dry-run 20250304151500.export.CSV.zip",
                "  georisk import-gdelt --bootstrap-servers kafka:9092 gdelt/",
                "  georisk import-gdelt --all-dyads --min-sources 3 gdelt/2025/",
                ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:every row was imported or set aside",
                " 1:a row was rejected, a file could not be read or an event not published",
                " 2:bad flags or paths"})
final class ImportGdeltCommand implements Callable<Integer> {
    /** Sends in flight before the oldest is waited for: bounds memory on big imports. */
    private static final int MAX_IN_FLIGHT = 10_000;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "GDELT export files (.csv, .tsv, .txt, .zip, any case) or directories of them.")
    List<Path> paths;

    @Option(names = "--dry-run",
            description = "Read, filter, map and report, but publish nothing (no Kafka or registry needed).")
    boolean dryRun;

    @Option(names = "--all-dyads",
            description = "Keep every pair of two countries, not only the home country with watched counterparties "
                    + "(for large-scale runs).")
    boolean allDyads;

    @Option(names = "--min-sources", paramLabel = "N",
            defaultValue = "${env:GEORISK_MIN_SOURCES:-" + NoiseRules.DEFAULT_MIN_SOURCES + "}",
            description = "Set aside rows with fewer NumSources (env GEORISK_MIN_SOURCES; default ${DEFAULT-VALUE}).")
    int minSources;

    @Option(names = "--min-mentions", paramLabel = "N",
            defaultValue = "${env:GEORISK_MIN_MENTIONS:-" + NoiseRules.DEFAULT_MIN_MENTIONS + "}",
            description = "Set aside rows with fewer NumMentions (env GEORISK_MIN_MENTIONS; default ${DEFAULT-VALUE}).")
    int minMentions;

    @Option(names = "--keep-non-root",
            description = "Keep events outside the lead paragraph of their report (IsRootEvent = 0); "
                    + "they get a lower confidence.")
    boolean keepNonRoot;

    @Mixin
    WatchOptions watch;

    @Mixin
    ConnectionOptions connection;
    @Mixin
    TopicNameOptions names;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final Topics topics = names.topics();
        final NoiseRules rules = rules();
        final List<Path> files = inputs();
        out.printf("georisk import-gdelt: %d file%s; %s%n", files.size(), files.size() == 1 ? "" : "s", describe(rules));
        out.flush();

        final GdeltImportReport report = new GdeltImportReport();
        final long started = System.nanoTime();
        if (dryRun) {
            out.println("Dry run: nothing is published.");
            importer(rules, report, event -> { }, RowSink.NONE, out, started).run(files);
        } else {
            final KafkaSettings kafka = connection.settings();
            RequiredTopics.require(kafka, List.of(topics.geoEvents(), topics.deadLetters()));
            out.printf("Publishing to %s at %s (registry %s)%n", topics.geoEvents().name(), kafka.bootstrapServers(),
                    kafka.maskedSchemaRegistryUrl());
            out.flush();
            final SerdeFactory serdes = new SerdeFactory(ConnectionOptions.registry(kafka));
            try (EventPublisher publisher = new EventPublisher(kafka.producerProperties("georisk-import-gdelt"), serdes,
                    topics)) {
                final InFlight inFlight = new InFlight(report);
                importer(rules, report, event -> inFlight.send(publisher, event), deadLetters(publisher), out, started)
                        .run(files);
                publisher.flush();
                inFlight.awaitAll();
            }
        }
        out.printf("%nDone in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        report.print(out, dryRun);
        return report.exitCode();
    }

    /** Where rejected rows go: the shared producer path's dead letters, with file, line and reason. */
    static RowSink deadLetters(final EventPublisher publisher) {
        return publisher::deadLetter;
    }

    private NoiseRules rules() {
        if (minSources < 0) {
            throw new SettingException("min-sources", minSources, "must be 0 or more");
        }
        if (minMentions < 0) {
            throw new SettingException("min-mentions", minMentions, "must be 0 or more");
        }
        final WatchSettings w = watch.settings();
        // every-pair mode (--home '*') keeps every pair, as --all-dyads does
        return new NoiseRules(w.homes(), w.counterparties(), allDyads || w.everyPair(), minSources, minMentions,
                keepNonRoot);
    }

    private List<Path> inputs() throws IOException {
        final List<Path> files;
        try {
            files = GdeltReader.inputs(paths);
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no GDELT exports (.csv, .tsv, .txt or .zip files) in "
                    + String.join(", ", paths.stream().map(Path::toString).toList()));
        }
        return files;
    }

    private static String describe(final NoiseRules rules) {
        final String dyads = rules.allDyads() ? "every dyad"
                : sorted(rules.homes()) + " with "
                + (rules.counterparties().isEmpty() ? "every country" : sorted(rules.counterparties()));
        return "keeping " + dyads + ", at least " + rules.minSources() + " sources and " + rules.minMentions()
                + " mentions, " + (rules.keepNonRoot() ? "root and non-root events" : "root events only");
    }

    private static String sorted(final Set<String> codes) {
        return String.join(",", new TreeSet<>(codes));
    }

    private static GdeltImporter importer(final NoiseRules rules, final GdeltImportReport report,
                                          final Consumer<GeoEvent> events, final RowSink rejects,
                                          final PrintWriter out, final long started) {
        return new GdeltImporter(rules, Clock.systemUTC(), report, events, rejects, new GdeltImporter.Progress() {
            @Override
            public void fileRead(final String source, final Optional<GdeltFormat> format, final long rows) {
                out.printf("  read %s: %s, %d rows%n", source, format.map(GdeltFormat::label).orElse("no GDELT rows"), rows);
                out.flush();
            }

            @Override
            public void rowsRead(final long total) {
                out.printf("  ... %,d rows read, %,d kept, %,d rejected so far (%.0f s)%n", total, report.kept(),
                        report.rejected(), (System.nanoTime() - started) / 1e9);
                out.flush();
            }
        });
    }

    /**
     * Sends awaited in order, at most {@value #MAX_IN_FLIGHT} at a time: each acknowledgement or failure
     * is counted in the report. An error thrown by the send itself (the registry is unreachable, the
     * producer is closed) stops the import: it would fail for every event.
     */
    private static final class InFlight {
        private final Deque<Future<RecordMetadata>> sends = new ArrayDeque<>();
        private final GdeltImportReport report;

        InFlight(final GdeltImportReport report) {
            this.report = report;
        }

        void send(final EventPublisher publisher, final GeoEvent event) {
            try {
                sends.add(publisher.publish(event));
            } catch (final EventFormatException e) {
                // the importer validated the event already; only a clock edge can get here
                report.addPublishFailure("invalid event: " + e.getMessage());
                return;
            }
            while (sends.size() > MAX_IN_FLIGHT) {
                complete(sends.poll());
            }
        }

        void awaitAll() {
            while (!sends.isEmpty()) {
                complete(sends.poll());
            }
        }

        private void complete(final Future<RecordMetadata> send) {
            try {
                send.get();
                report.addPublished();
            } catch (final ExecutionException e) {
                final Throwable cause = e.getCause() == null ? e : e.getCause();
                report.addPublishFailure(cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker", e);
            }
        }

        private static String firstLine(final String message) {
            return message == null ? "" : message.lines().findFirst().orElse("");
        }
    }
}
