package georisk.cli;

import georisk.config.WatchSettings;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Which dyads are watched. */
final class WatchOptions {
    static final String DEFAULT_COUNTERPARTIES = "USA,CHN";

    @Option(names = "--home", paramLabel = "CODE[,CODE...]", defaultValue = "${env:GEORISK_HOME:-CAN}",
            description = "Home country (alpha-3) whose exposure is monitored, or * to score every country pair "
                    + "(keyed by its two codes in alphabetical order, e.g. CAN-USA; --counterparties is then * too) "
                    + "(env GEORISK_HOME; default ${DEFAULT-VALUE}).")
    String homes;

    /** Unset: {@value #DEFAULT_COUNTERPARTIES}, or every country with {@code --home '*'}. */
    @Option(names = "--counterparties", paramLabel = "CODE[,CODE...]|*",
            description = "Watched counterparties (alpha-3), or * for every country "
                    + "(env GEORISK_COUNTERPARTIES; default " + DEFAULT_COUNTERPARTIES + ", or * with --home '*').")
    String counterparties;

    @Option(names = "--dedupe-horizon", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:GEORISK_DEDUPE_HORIZON:-3650d}",
            description = "How far behind the newest event, in event time, duplicate ids are still caught; "
                    + "older events are dropped as too late (env GEORISK_DEDUPE_HORIZON; default ${DEFAULT-VALUE}).")
    Duration dedupeHorizon;

    WatchSettings settings() {
        final boolean everyPair = "*".equals(homes.strip());
        final String listed = counterparties != null ? counterparties : everyPair ? "*" : DEFAULT_COUNTERPARTIES;
        final Set<String> watched = "*".equals(listed.strip()) ? Set.of() : codes(listed);
        final Set<String> home = everyPair ? Set.of() : codes(homes);
        return new WatchSettings(home, watched, dedupeHorizon);
    }

    private static Set<String> codes(final String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
