package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.events.TopicReader;
import georisk.events.Topics;
import georisk.events.TradeExposure;
import georisk.ingest.EventFileFormat;
import georisk.ingest.EventPublisher;
import georisk.ingest.ExposureIngest;
import georisk.ingest.ExposureJson;
import georisk.ingest.FileIngest;
import georisk.runtime.RequiredTopics;
import georisk.serde.SerdeFactory;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code georisk exposures}: the reference data that weighs tension into exposure-weighted risk. On a real
 * cluster nothing else writes {@code trade-exposure}, so every dyad's risk stays 0 until exposures are
 * published here.
 */
@Command(name = "exposures", mixinStandardHelpOptions = true,
        description = {"Publish and list trade exposures: how much the home country depends on each counterparty "
                + "(exposure-weighted risk = tension x exposure). Kept on the compacted trade-exposure topic, the "
                + "latest record per dyad wins.", ""},
        subcommands = {ExposuresCommand.Publish.class, ExposuresCommand.ListExposures.class})
final class ExposuresCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code georisk exposures publish FILE...|-}. */
    @Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Publish trade exposures from JSON Lines or CSV files (the format of the built-in "
                    + "scenario's exposures.jsonl, docs/scenario-format.md) to trade-exposure, keyed by dyad, with the "
                    + "record timestamp set to asOf. Every record is validated first; a bad one is reported with its "
                    + "file, line and reason and sent, untouched, to geo-events-dlq (headers georisk.dlq.reason, "
                    + ".stage=ingest, .source.file, .source.line); the others are published.", "",
                    "Fields (* required): home*, counterparty*, asOf* (2024-12-31), exportShare* (0..1),",
                    "  exportsValue, currency (with exportsValue), exposure (0..1, default exportShare),",
                    "  dyad (default home-counterparty), source.", "",
                    "Examples:",
                    "  georisk exposures publish exposures.jsonl",
                    "  georisk exposures publish --dry-run exposures.csv",
                    "  echo '{\"home\":\"CAN\",\"counterparty\":\"USA\",\"asOf\":\"2024-12-31\",\"exportShare\":0.759}' "
                            + "| georisk exposures publish -", ""},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {" 0:every exposure was sent", " 1:something was rejected or could not be sent",
                    " 2:bad options or files"})
    static final class Publish implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*",
                description = "Exposure files (.jsonl, .ndjson, .json or .csv); - reads standard input "
                        + "(JSON Lines unless --format).")
        List<Path> files;

        @Option(names = "--format", paramLabel = "jsonl|csv", converter = ProduceCommand.FormatConverter.class,
                description = "Read every FILE in this format, whatever its extension.")
        EventFileFormat format;

        @Option(names = "--dry-run", description = "Validate and report only; connect to nothing, send nothing.")
        boolean dryRun;

        @Mixin
        ConnectionOptions connection;
        @Mixin
        TopicNameOptions names;

        /** Standard input, for FILE {@code -}; tests replace it. */
        InputStream stdin = System.in;

        @Override
        public Integer call() throws Exception {
            final PrintWriter out = spec.commandLine().getOut();
            final Topics topics = names.topics();
            try (InputFiles input = new InputFiles(spec, files, format, stdin)) {
                final List<FileIngest.Source> sources = input.sources();
                final ExposureIngest ingest;
                if (dryRun) {
                    ingest = ExposureIngest.dryRun(Instant.now(), rejection -> out.println(rejection));
                    ingest.run(sources);
                } else {
                    final KafkaSettings kafka = connection.settings();
                    RequiredTopics.require(kafka, List.of(topics.tradeExposure(), topics.deadLetters()));
                    final SerdeFactory serdes = new SerdeFactory(ConnectionOptions.registry(kafka));
                    try (EventPublisher publisher = new EventPublisher(
                            kafka.producerProperties("georisk-exposures"), serdes, topics)) {
                        ingest = ExposureIngest.sending(publisher, Instant.now(), rejection -> out.println(rejection));
                        ingest.run(sources);
                    }
                }
                ingest.print(out, topics);
                return ingest.report().exitCode();
            }
        }
    }

    /** {@code georisk exposures list}: the exposure in force per dyad. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"List the exposure in force per dyad: trade-exposure read from the beginning to its "
                    + "current end, the latest record per dyad.", ""})
    static final class ListExposures implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON object per line (the publish format) instead of a table.")
        boolean json;

        @Mixin
        ConnectionOptions connection;
        @Mixin
        TopicNameOptions names;

        @Override
        public Integer call() throws Exception {
            final PrintWriter out = spec.commandLine().getOut();
            final Topics topics = names.topics();
            final KafkaSettings kafka = connection.settings();
            RequiredTopics.require(kafka, List.of(topics.tradeExposure()));
            final SerdeFactory serdes = new SerdeFactory(ConnectionOptions.registry(kafka));
            final Map<String, TradeExposure> latest = new TreeMap<>();
            try (KafkaConsumer<String, TradeExposure> consumer = new KafkaConsumer<>(
                    kafka.consumerProperties("georisk-exposures-list"),
                    serdes.keySerde(topics.tradeExposure()).deserializer(),
                    serdes.valueSerde(topics.tradeExposure()).deserializer())) {
                TopicReader.readToEnd(consumer, topics.tradeExposure().name(), Duration.ofSeconds(60), r -> {
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), r.value());
                    }
                });
            }
            if (json) {
                latest.values().forEach(e -> out.println(ExposureJson.write(e)));
            } else if (latest.isEmpty()) {
                out.println("No exposures on " + topics.tradeExposure().name()
                        + ": every dyad's exposure-weighted risk is 0. Publish some with 'georisk exposures publish'.");
            } else {
                out.printf(Locale.ROOT, "%-9s %8s %8s  %-10s %18s  %s%n", "DYAD", "EXPOSURE", "SHARE", "AS OF",
                        "EXPORTS", "SOURCE");
                latest.values().forEach(e -> out.printf(Locale.ROOT, "%-9s %8.3f %8.3f  %-10s %18s  %s%n",
                        e.getDyad(), e.getExposure(), e.getExportShare(),
                        e.getAsOf().atOffset(ZoneOffset.UTC).toLocalDate(),
                        e.getExportsValue() == null ? "" : String.format(Locale.ROOT, "%,.0f %s", e.getExportsValue(),
                                e.getCurrency()),
                        e.getSource() == null ? "" : e.getSource()));
            }
            out.flush();
            return 0;
        }
    }
}
