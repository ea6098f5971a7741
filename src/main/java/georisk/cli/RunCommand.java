package georisk.cli;

import georisk.alerting.AlertDelivery;
import georisk.config.AlertWebhook;
import georisk.config.KafkaSettings;
import georisk.config.StreamsSettings;
import georisk.config.WatchSettings;
import georisk.events.Topics;
import georisk.runtime.AlertWebhooks;
import georisk.runtime.HttpApi;
import georisk.runtime.RequiredRegistry;
import georisk.runtime.RequiredTopics;
import georisk.runtime.ScoringApp;
import georisk.scoring.ModelParameters;
import georisk.serde.SerdeFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code georisk run}: the scoring topology against an existing Kafka and schema registry. Several
 * instances with the same application id share the work by partition.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the scoring topology against your Kafka cluster and Confluent-compatible schema "
                + "registry until stopped (SIGTERM or Ctrl-C). Create the topics first with 'georisk topics create'. "
                + "Start more instances with the same --application-id to share the work.", "",
                "Example: georisk run --bootstrap-servers kafka:9092 --schema-registry-url http://registry:8081 "
                        + "--state-dir /var/lib/georisk", ""})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectionOptions connection;
    @Mixin
    TopicNameOptions names;
    @Mixin
    StreamsOptions streams;
    @Mixin
    WatchOptions watch;
    @Mixin
    ModelOptions model;
    @Mixin
    HttpOptions http;
    @Mixin
    AlertOptions alerts;
    @Mixin
    LoggingOptions logging;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:GEORISK_REPLICATION_FACTOR:-1}",
            description = "Replicas of internal topics (changelogs, repartitions); use 3 on a production cluster "
                    + "(env GEORISK_REPLICATION_FACTOR; default ${DEFAULT-VALUE}).")
    int replicationFactor;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        logging.apply();
        final List<AlertWebhook> webhooks = alerts.webhooks();
        final KafkaSettings kafka = connection.settings();
        final Topics topics = names.topics();
        final StreamsSettings streamsSettings = streams.settings(replicationFactor);
        final WatchSettings watchSettings = watch.settings();
        final ModelParameters parameters = model.parameters();
        final int httpPort = HttpApi.port(http.host, http.port);
        final HttpApi.StreamLimits streamLimits = http.streamLimits();
        final HostInfo advertised = new HostInfo(HttpApi.advertisedHost(http.advertisedHost, http.host), httpPort);
        RequiredTopics.require(kafka, topics.all());
        warnIfUnderReplicated(out, kafka, replicationFactor);
        warnIfOutputsCompressed(out, kafka, streamsSettings, topics);
        final SerdeFactory serdes = ScoringApp.scoringSerdes(ConnectionOptions.registry(kafka));
        RequiredRegistry.require(serdes, topics);
        final CountDownLatch stopped = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        try (ScoringApp app = new ScoringApp(kafka, streamsSettings, watchSettings, serdes, parameters, advertised,
                topics);
             HttpApi api = new HttpApi(app, kafka, serdes, watchSettings, http.host, httpPort, http.apiToken,
                     streamLimits);
             AlertDelivery delivery = AlertWebhooks.start(webhooks, kafka, serdes, api.registry(),
                     streamsSettings.applicationId(), false, topics)) {
            AlertOptions.announce(out, webhooks, streamsSettings.applicationId());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                awaitQuietly(closed);
            }, "georisk-run-stop"));
            out.printf("georisk run: %s at %s, registry %s, state in %s%n", streamsSettings.applicationId(),
                    kafka.bootstrapServers(), kafka.maskedSchemaRegistryUrl(), streamsSettings.stateDir());
            out.printf("HTTP API on http://%s:%d (/api/dyads, /api/stream, /openapi.json, /metrics, /ready); other "
                    + "instances reach it at %s:%d; POST /api/events %s%n", http.host, api.start(), advertised.host(),
                    advertised.port(), http.apiToken == null || http.apiToken.isBlank() ? "disabled (no --api-token)"
                            : "enabled");
            out.flush();
            app.start(Duration.ofMinutes(5));
            out.println("Kafka Streams is RUNNING; scores go to " + topics.riskScores().name());
            out.flush();
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                if (app.failure() != null) {
                    throw new IllegalStateException("Kafka Streams failed: " + app.failure().getMessage(), app.failure());
                }
            }
            out.println("Stopping ...");
            out.flush();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /** One line on stdout when internal topics get one replica on a cluster that could give them more. */
    private static void warnIfUnderReplicated(final PrintWriter out, final KafkaSettings kafka, final int replicationFactor)
            throws InterruptedException {
        if (replicationFactor > 1) {
            return;
        }
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            final int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            if (brokers > 1) {
                out.printf("georisk run: warning: internal topics (changelogs, repartitions) get replication factor 1"
                        + " on a cluster of %d brokers: losing one broker loses state; use --replication-factor 3%n",
                        brokers);
                out.flush();
            }
        } catch (final ExecutionException | TimeoutException e) {
            // RequiredTopics has just reached the cluster; the warning is not worth failing the start
        }
    }

    /**
     * One line per output topic that would store georisk's compressed batches as they are (a topic created before
     * {@code topics create} set {@code compression.type=uncompressed}): consumers without the codec could not read it.
     */
    private static void warnIfOutputsCompressed(final PrintWriter out, final KafkaSettings kafka,
                                                final StreamsSettings streams, final Topics topics)
            throws InterruptedException {
        final String codec = kafka.streamsProperties(streams).getProperty("producer.compression.type", "none");
        if ("none".equals(codec)) {
            return;   // nothing compressed is sent: no topic to look at (the default)
        }
        final List<String> names = List.of(topics.riskScores().name(), topics.riskAlerts().name(),
                topics.deadLetters().name());
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            final Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
            configs.forEach((topic, config) -> {
                final ConfigEntry entry = config.get("compression.type");
                outputCompressionWarning(topic.name(), entry == null ? null : entry.value(), codec).ifPresent(w -> {
                    out.println("georisk run: warning: " + w);
                    out.flush();
                });
            });
        } catch (final ExecutionException | TimeoutException e) {
            // RequiredTopics has just reached the cluster; the warning is not worth failing the start
        }
    }

    /**
     * What to tell about an output topic whose records georisk would leave compressed, or nothing.
     *
     * @param topicCodec    the topic's {@code compression.type} (null when unknown)
     * @param producerCodec georisk's Streams producers' {@code compression.type}
     */
    static Optional<String> outputCompressionWarning(final String topic, final String topicCodec,
                                                     final String producerCodec) {
        if (topicCodec == null || producerCodec == null || "none".equals(producerCodec)
                || !"producer".equals(topicCodec)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s has compression.type=producer, so its records stay "
                + "%s-compressed as georisk's Streams producers send them, and a consumer without %s (kafkajs has none "
                + "of its own) cannot read them: run 'kafka-configs.sh --alter --entity-type topics --entity-name %s "
                + "--add-config compression.type=uncompressed', or set producer.compression.type=none in --config",
                topic, producerCodec, producerCodec, topic));
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
