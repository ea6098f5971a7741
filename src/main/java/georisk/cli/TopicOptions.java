package georisk.cli;

import georisk.config.TopicSettings;
import picocli.CommandLine.Option;

import java.util.Map;

/** How topics are created. */
final class TopicOptions {
    @Option(names = "--partitions", paramLabel = "N", defaultValue = "${env:GEORISK_PARTITIONS:-3}",
            description = "Partitions of each topic; geo-events and trade-exposure must match "
                    + "(env GEORISK_PARTITIONS; default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:GEORISK_REPLICATION_FACTOR:-1}",
            description = "Replicas of each topic; use 3 on a production cluster "
                    + "(env GEORISK_REPLICATION_FACTOR; default ${DEFAULT-VALUE}).")
    short replicationFactor;

    TopicSettings settings() {
        return new TopicSettings(partitions, replicationFactor, Map.of());
    }
}
