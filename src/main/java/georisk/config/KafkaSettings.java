package georisk.config;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where Kafka and the schema registry are, and any client property the user passes through. The
 * only place that turns settings into client properties: producers, consumers, admin clients and
 * Kafka Streams all get theirs from here. {@link #toString()} shows no secret.
 *
 * @param bootstrapServers    {@code host:port[,host:port...]}
 * @param schemaRegistryUrl   {@code http(s)://...} of a Confluent-compatible registry, or {@code mock://scope}
 * @param overrides           Kafka client properties passed through as given ({@code --kafka-config key=value},
 *                            the {@code --config} file, {@code GEORISK_KAFKA_*}); they win over georisk's own choices
 * @param registryProperties  Confluent-named properties of the registry client ({@code basic.auth.*},
 *                            {@code bearer.auth.*}, {@code schema.registry.ssl.*}, {@code auto.register.schemas},
 *                            {@code use.latest.version})
 */
public record KafkaSettings(String bootstrapServers, String schemaRegistryUrl, Map<String, String> overrides,
                            Map<String, String> registryProperties) {
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)(password|secret|jaas|token|user\\.info|\\.key$)");

    /**
     * Kafka Streams properties that georisk sets from options of its own ({@link StreamsSettings}), with those
     * options. As client properties they would quietly beat the option's flag, so they are refused and the
     * option is named instead.
     */
    public static final Map<String, String> STREAMS_PROPERTIES_OF_OPTIONS = Map.of(
            "application.id", "application-id",
            "state.dir", "state-dir",
            "num.stream.threads", "threads",
            "replication.factor", "replication-factor",
            "commit.interval.ms", "commit-interval");

    public KafkaSettings {
        if (bootstrapServers == null || !HOST_PORT.matcher(bootstrapServers.strip()).matches()) {
            throw new SettingException("bootstrap-servers", bootstrapServers,
                    "expected host:port[,host:port...], e.g. localhost:9092");
        }
        bootstrapServers = bootstrapServers.strip();
        if (schemaRegistryUrl == null || !(schemaRegistryUrl.startsWith("http://")
                || schemaRegistryUrl.startsWith("https://") || schemaRegistryUrl.startsWith("mock://"))) {
            throw new SettingException("schema-registry-url", schemaRegistryUrl == null ? null : masked(schemaRegistryUrl),
                    "expected http(s)://host:port[/path] of a Confluent-compatible registry, or mock://scope");
        }
        for (final String key : new java.util.TreeSet<>(overrides.keySet())) {
            final String option = STREAMS_PROPERTIES_OF_OPTIONS.get(key);
            if (option != null) {
                throw SettingException.of(option, "client property " + key + " (from --kafka-config, "
                        + "GEORISK_KAFKA_* or the --config file) is what --" + option + " sets: use --" + option + ", "
                        + SettingException.envName(option) + " or georisk." + option.replace('-', '.')
                        + " in the --config file instead, so that a flag still wins over the file");
            }
        }
        overrides = Map.copyOf(overrides);
        registryProperties = Map.copyOf(registryProperties);
    }

    /** Settings without registry client properties. */
    public KafkaSettings(final String bootstrapServers, final String schemaRegistryUrl,
                         final Map<String, String> overrides) {
        this(bootstrapServers, schemaRegistryUrl, overrides, Map.of());
    }

    /** The registry URL with any user-info replaced by {@code ***}: the form to print or log. */
    public String maskedSchemaRegistryUrl() {
        return masked(schemaRegistryUrl);
    }

    /** {@code url} with its user-info, if any, replaced by {@code ***}. */
    public static String masked(final String url) {
        return url == null ? null : url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1***@");
    }

    /** True for a property whose value is a secret (a password, a JAAS config, a token, user-info). */
    public static boolean isSecret(final String key) {
        return SECRET_KEY.matcher(key).find();
    }

    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + maskedSchemaRegistryUrl()
                + ", overrides=" + maskValues(overrides) + ", registryProperties=" + maskValues(registryProperties) + "]";
    }

    private static Map<String, String> maskValues(final Map<String, String> properties) {
        final Map<String, String> shown = new java.util.TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, isSecret(k) ? "[hidden]" : v));
        return shown;
    }

    /** Properties of an idempotent producer ({@code acks=all}); keys and values are set by the caller's serdes. */
    public Properties producerProperties(final String clientId) {
        final Properties p = base();
        p.put("client.id", clientId);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "5");
        p.putAll(overrides);
        return p;
    }

    /** Properties of a consumer that reads only committed records (scores are written transactionally). */
    public Properties consumerProperties(final String clientId) {
        final Properties p = base();
        p.put("client.id", clientId);
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.putAll(overrides);
        return p;
    }

    /** Properties of an admin client. */
    public Properties adminProperties() {
        final Properties p = base();
        p.put("client.id", "georisk-admin");
        p.putAll(overrides);
        return p;
    }

    /** The codec of georisk's Kafka Streams producers (a user's {@code producer.compression.type} wins). */
    public static final String STREAMS_COMPRESSION = "lz4";

    /** Kafka Streams properties: this connection plus the application's own (see {@link StreamsSettings}). */
    public Properties streamsProperties(final StreamsSettings streams) {
        final Properties p = base();
        p.put("application.id", streams.applicationId());
        p.put("state.dir", streams.stateDir().toString());
        // exactly once: a score is written and its input offset committed in one transaction
        p.put("processing.guarantee", "exactly_once_v2");
        p.put("num.stream.threads", String.valueOf(streams.threads()));
        p.put("replication.factor", String.valueOf(streams.replicationFactor()));
        // an auto-generated processor or store name would silently orphan state on the next deploy
        p.put("ensure.explicit.internal.resource.naming", "true");
        p.put("commit.interval.ms", String.valueOf(streams.commitInterval().toMillis()));
        // the processing exception handler also covers global state (Kafka 5.0's default). Given to the main consumer
        // too: Streams' partition assignor reads its settings from the consumer's, and without it warned, once per
        // stream thread, that the handler was not enabled
        p.put("processing.exception.handler.global.enabled", "true");
        p.put("main.consumer.processing.exception.handler.global.enabled", "true");
        // Streams' own default linger of 100 ms holds each output batch until the commit flushes it, so every commit
        // first waits for its data: at 5 ms the data is on its way before the commit (bench-pipeline: p99
        // event->score 143 ms instead of 158 ms at 5,000 events/s with 50 ms commits)
        p.put("producer.linger.ms", "5");
        // lz4 halves the bytes of the repartition and the changelogs (the dyad state is most of them with thousands of
        // dyads). The output topics and the dead-letter topic are created with compression.type=uncompressed, so the
        // broker stores them plain and any client (kafkajs has no lz4 of its own) reads them
        p.put("producer.compression.type", STREAMS_COMPRESSION);
        p.putAll(overrides);
        return p;
    }

    private Properties base() {
        final Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }
}
