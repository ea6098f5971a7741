package georisk.cli;

import georisk.config.KafkaSettings;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where Kafka and the schema registry are: shared by every command that talks to a cluster. */
final class ConnectionOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:GEORISK_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env GEORISK_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:GEORISK_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Confluent-compatible schema registry, e.g. http://localhost:8081 or Apicurio's "
                    + "http://host:8080/apis/ccompat/v7; mock://NAME for an in-memory registry "
                    + "(env GEORISK_SCHEMA_REGISTRY_URL; default ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--kafka-config", paramLabel = "KEY=VALUE",
            description = "Any Kafka client property, passed through to producers, consumers, admin and "
                    + "Streams (repeatable), e.g. --kafka-config security.protocol=SSL.")
    Map<String, String> kafkaConfig = new LinkedHashMap<>();

    KafkaSettings settings() {
        return new KafkaSettings(bootstrapServers, schemaRegistryUrl, kafkaConfig);
    }
}
