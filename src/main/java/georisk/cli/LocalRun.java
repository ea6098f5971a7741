package georisk.cli;

import georisk.config.WatchSettings;
import georisk.ingest.Scenario;
import georisk.local.KafkaNoiseFilter;
import georisk.scoring.DyadResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the commands that run the whole pipeline on this machine ({@code demo}, {@code bench-api},
 * {@code bench-pipeline}, {@code backtest}) share.
 */
final class LocalRun {
    private LocalRun() {
    }

    /** How many of the scenario's events each watched dyad scores, by dyad key (sorted). */
    static Map<String, Long> eventsPerDyad(final Scenario scenario, final WatchSettings watch) {
        final DyadResolver resolver = DyadResolver.of(watch.homes(), watch.counterparties());
        return scenario.events().stream()
                .map(e -> resolver.resolve(e.getActor(), e.getTarget()))
                .flatMap(Optional::stream)
                .collect(Collectors.groupingBy(d -> d.key(), TreeMap::new, Collectors.counting()));
    }

    /**
     * A new directory in the OS temp directory for a run's broker and state, which the command deletes when it ends
     * (Kafka Streams' warning that such a state.dir could be cleared by the OS is dropped for it).
     */
    static Path scratchDirectory(final String prefix) throws IOException {
        final Path dir = Files.createTempDirectory(prefix);
        KafkaNoiseFilter.scratchStateUnder(dir);
        return dir;
    }

    /** Removes a temporary run directory and everything in it. */
    static void deleteRecursively(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (final Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
