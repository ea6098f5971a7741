package georisk.cli;

import georisk.config.KafkaSettings;
import georisk.config.SettingException;
import georisk.serde.SchemaRegistryClient;
import georisk.serde.SchemaRegistryClients;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where Kafka and the schema registry are and how to reach them: shared by every command that talks to a
 * cluster. Each option comes from its flag, else its {@code GEORISK_*} variable, else the {@code --config}
 * file, else its default ({@link ConfigSources}); client properties likewise.
 */
final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = ConfigSources.CONFIG_OPTION, paramLabel = "FILE",
            description = "Properties file, like the Kafka tools' --command-config: Kafka client properties "
                    + "(bootstrap.servers, security.protocol, sasl.jaas.config, ssl.*), the schema registry's "
                    + "Confluent-named ones (schema.registry.url, basic.auth.credentials.source, basic.auth.user.info, "
                    + "bearer.auth.token, schema.registry.ssl.truststore.*, auto.register.schemas, use.latest.version) "
                    + "and georisk.<option> for any option (georisk.state.dir). Flags and GEORISK_* variables win "
                    + "over it (env GEORISK_CONFIG).")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:GEORISK_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env GEORISK_BOOTSTRAP_SERVERS; file bootstrap.servers; "
                    + "default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:GEORISK_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Confluent-compatible schema registry, e.g. http://localhost:8081 or Apicurio's "
                    + "http://host:8080/apis/ccompat/v7; mock://NAME for an in-memory registry. Credentials belong in "
                    + "basic.auth.user.info (GEORISK_BASIC_AUTH_USER_INFO), not here "
                    + "(env GEORISK_SCHEMA_REGISTRY_URL; file schema.registry.url; default http://localhost:8081).")
    String schemaRegistryUrl;

    @Option(names = "--kafka-config", paramLabel = "KEY=VALUE",
            description = "Any Kafka client property, passed through to producers, consumers, admin and "
                    + "Streams (repeatable), e.g. --kafka-config security.protocol=SSL. Wins over the same property "
                    + "from GEORISK_KAFKA_<NAME> (GEORISK_KAFKA_SASL_JAAS_CONFIG is sasl.jaas.config) and the --config file.")
    Map<String, String> kafkaConfig = new LinkedHashMap<>();

    KafkaSettings settings() {
        final ConfigSources sources = mixee != null && mixee.defaultValueProvider() instanceof ConfigSources s
                ? s : new ConfigSources(System.getenv());
        final ConfigSources.ClientProperties client = sources.clientProperties(mixee, kafkaConfig);
        return new KafkaSettings(bootstrapServers, schemaRegistryUrl, client.kafka(), client.registry());
    }

    /**
     * The registry client these settings describe. A bad registry property stops start-up with one line
     * naming it (exit status 2).
     */
    static SchemaRegistryClient registry(final KafkaSettings kafka) {
        try {
            return SchemaRegistryClients.create(kafka.schemaRegistryUrl(), kafka.registryProperties());
        } catch (final IllegalArgumentException e) {
            throw SettingException.of("schema-registry", "schema registry " + kafka.maskedSchemaRegistryUrl() + ": "
                    + e.getMessage());
        }
    }

    /** For commands that print where they connect: never a credential. */
    static String describe(final KafkaSettings kafka) {
        return kafka.bootstrapServers() + ", registry " + kafka.maskedSchemaRegistryUrl();
    }
}
