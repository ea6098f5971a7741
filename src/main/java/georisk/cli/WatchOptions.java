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
    @Option(names = "--home", paramLabel = "CODE[,CODE...]", defaultValue = "${env:GEORISK_HOME:-CAN}",
            description = "Home country (alpha-3) whose exposure is monitored, or * to score every country pair "
                    + "(keyed by its two codes in alphabetical order, e.g. CAN-USA; needs --counterparties '*') "
                    + "(env GEORISK_HOME; default ${DEFAULT-VALUE}).")
    String homes;

    @Option(names = "--counterparties", paramLabel = "CODE[,CODE...]|*",
            defaultValue = "${env:GEORISK_COUNTERPARTIES:-USA,CHN}",
            description = "Watched counterparties (alpha-3), or * for every country "
                    + "(env GEORISK_COUNTERPARTIES; default ${DEFAULT-VALUE}).")
    String counterparties;

    @Option(names = "--dedupe-horizon", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:GEORISK_DEDUPE_HORIZON:-3650d}",
            description = "How far behind the newest event, in event time, duplicate ids are still caught; "
                    + "older events are dropped as too late (env GEORISK_DEDUPE_HORIZON; default ${DEFAULT-VALUE}).")
    Duration dedupeHorizon;

    WatchSettings settings() {
        final Set<String> watched = "*".equals(counterparties.strip()) ? Set.of() : codes(counterparties);
        final Set<String> home = "*".equals(homes.strip()) ? Set.of() : codes(homes);
        return new WatchSettings(home, watched, dedupeHorizon);
    }

    private static Set<String> codes(final String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
