package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.config.TopicSettings;
import georisk.events.TopicCreationResult;
import georisk.events.TopicCreator;
import georisk.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code georisk topics create}: the explicit, idempotent topic step. */
@Command(name = "topics", description = "Manage georisk's topics.",
        subcommands = TopicsCommand.Create.class, mixinStandardHelpOptions = true)
final class TopicsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Creates every topic of the catalog that does not exist; leaves existing ones alone. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create georisk's topics (geo-events, trade-exposure, risk-scores, risk-alerts, "
                    + "geo-events-dlq, each behind --topic-prefix) with their configuration. Idempotent: existing topics are reported and left "
                    + "alone.", "", "Example: georisk topics create --bootstrap-servers localhost:9092 --partitions 6 "
                    + "--replication-factor 3"})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConnectionOptions connection;
        @Mixin
        TopicOptions topics;
        @Mixin
        TopicNameOptions names;

        @Override
        public Integer call() {
            final KafkaSettings kafka = connection.settings();
            final TopicSettings settings = topics.settings();
            final TopicCreationResult result = create(kafka, settings, names.topics());
            print(spec.commandLine().getOut(), result, settings);
            return 0;
        }

        static TopicCreationResult create(final KafkaSettings kafka, final TopicSettings settings, final Topics topics) {
            try (Admin admin = Admin.create(kafka.adminProperties())) {
                return new TopicCreator(admin, kafka.bootstrapServers(), Duration.ofSeconds(30)).create(topics.all(),
                        settings.partitions(), Map.copyOf(settings.overrides()), settings.replicationFactor());
            }
        }

        static void print(final PrintWriter out, final TopicCreationResult result, final TopicSettings settings) {
            result.created().forEach(t -> {
                final int n = settings.overrides().getOrDefault(t, settings.partitions());
                out.printf("  created  %s (%d partition%s)%n", t, n, n == 1 ? "" : "s");
            });
            result.existing().forEach(t -> out.printf("  exists   %s%n", t));
            result.warnings().forEach(w -> out.printf("  warning  %s%n", w));
            out.flush();
        }
    }
}
