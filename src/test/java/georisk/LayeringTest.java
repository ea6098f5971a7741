package georisk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package layering of DESIGN.md ("Packages", column "may depend on"), held against the {@code import georisk.X}
 * lines of every main source file. A package may use the packages the table gives it and, since those are layers
 * below it, whatever they may use: {@code api} may use {@code query}, hence {@code topology}'s names and the
 * {@code events} records {@code query} answers from. A package importing one that is not below it, a layer above
 * or a sibling, fails this test, and so does a package the table does not know (add it, and to README's code map).
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src", "main", "java");

    /**
     * What each package may import directly. DESIGN.md's table, plus the two packages it does not list yet:
     * {@code alerting} (webhook delivery of alerts: the alert records and its typed webhook settings) and
     * {@code runtime} (the wiring that builds and runs the Streams app, the API server, the output feed and alert
     * delivery from typed settings: everything but {@code cli} and the embedded broker). {@code cli} is the top:
     * the only package that reads flags and the environment.
     */
    static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
            entry("events", Set.of()),
            entry("config", Set.of()),
            entry("local", Set.of()),
            entry("scoring", Set.of("events")),
            entry("serde", Set.of("events")),
            entry("topology", Set.of("scoring", "serde", "events")),
            entry("ingest", Set.of("serde", "events")),
            entry("query", Set.of("topology")),
            entry("api", Set.of("query")),
            entry("alerting", Set.of("events", "config")),
            entry("runtime", Set.of("api", "query", "topology", "ingest", "alerting", "serde", "scoring", "events",
                    "config")),
            entry("cli", Set.of("runtime", "local", "api", "query", "topology", "ingest", "alerting", "serde",
                    "scoring", "events", "config")));

    private static final Pattern PACKAGE = Pattern.compile("^package georisk(?:\\.(\\w+))?[\\w.]*;", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^import\\s+(?:static\\s+)?georisk\\.(\\w+)[\\w.*]*\\s*;", Pattern.MULTILINE);

    @Test
    void shouldImportOnlyPackagesBelowEachPackage() {
        final Map<String, String> sources = mainSources();
        assertThat(sources).as("main sources under %s", MAIN.toAbsolutePath()).hasSizeGreaterThan(100);
        assertThat(violations(sources)).isEmpty();
    }

    @Test
    void shouldReportAnImportOfALayerAbove() {
        // the check itself: a scoring class that reached up into the topology, a topology stage that read a flag
        // from cli, and a package nobody put in the table
        final Map<String, String> sources = Map.of(
                "georisk/scoring/Bad.java", "package georisk.scoring;\n\nimport georisk.events.GeoEvent;\n"
                        + "import georisk.topology.Names;\nclass Bad {}\n",
                "georisk/topology/Worse.java", "package georisk.topology;\n\nimport static georisk.cli.Flags.*;\n"
                        + "import georisk.scoring.Dyad;\nclass Worse {}\n",
                "georisk/ingest/gdelt/Fine.java", "package georisk.ingest.gdelt;\n\nimport georisk.serde.SerdeFactory;\n"
                        + "import georisk.ingest.EventJson;\nclass Fine {}\n",
                "georisk/misc/New.java", "package georisk.misc;\n\nclass New {}\n");
        assertThat(violations(sources)).containsExactly(
                "georisk/misc/New.java: package 'misc' is not in the layering table",
                "georisk/scoring/Bad.java: scoring imports topology (may import: events)",
                "georisk/topology/Worse.java: topology imports cli (may import: events, scoring, serde)");
    }

    @Test
    void shouldReadFlagsAndTheEnvironmentOnlyInCli() {
        final List<String> offenders = new ArrayList<>();
        mainSources().forEach((file, text) -> {
            if (!"cli".equals(packageOf(text)) && (text.contains("System.getenv(") || text.contains("import picocli"))) {
                offenders.add(file);
            }
        });
        assertThat(offenders).as("only cli reads flags (picocli) and environment variables").isEmpty();
    }

    @Test
    void shouldKeepScoringFreeOfKafka() {
        final List<String> offenders = new ArrayList<>();
        mainSources().forEach((file, text) -> {
            if ("scoring".equals(packageOf(text)) && text.contains("import org.apache.kafka")) {
                offenders.add(file);
            }
        });
        assertThat(offenders).as("scoring is pure Java: no Kafka imports").isEmpty();
    }

    /** One line per forbidden import, sorted: {@code file: a imports b (may import: ...)}. */
    static List<String> violations(final Map<String, String> sources) {
        final Map<String, Set<String>> below = closure();
        final Set<String> found = new TreeSet<>();
        sources.forEach((file, text) -> {
            final String from = packageOf(text);
            if (!below.containsKey(from)) {
                found.add(file + ": package '" + from + "' is not in the layering table");
                return;
            }
            final Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                final String to = m.group(1);
                if (!to.equals(from) && !below.get(from).contains(to)) {
                    found.add(file + ": " + from + " imports " + to + " (may import: "
                            + String.join(", ", new TreeSet<>(below.get(from))) + ")");
                }
            }
        });
        return List.copyOf(found);
    }

    /** Each package with every package below it: the table's entries, theirs, and so on. */
    private static Map<String, Set<String>> closure() {
        final Map<String, Set<String>> below = new TreeMap<>();
        MAY_IMPORT.forEach((pkg, direct) -> {
            final Set<String> all = new TreeSet<>();
            final Deque<String> todo = new ArrayDeque<>(direct);
            while (!todo.isEmpty()) {
                final String next = todo.pop();
                if (all.add(next)) {
                    todo.addAll(MAY_IMPORT.getOrDefault(next, Set.of()));
                }
            }
            assertThat(all).as("the table has no cycle through %s", pkg).doesNotContain(pkg);
            below.put(pkg, all);
        });
        return below;
    }

    /** {@code scoring} for {@code package georisk.scoring;}, {@code ingest} for {@code georisk.ingest.gdelt}. */
    private static String packageOf(final String text) {
        final Matcher m = PACKAGE.matcher(text);
        return m.find() ? String.valueOf(m.group(1)) : "(none)";
    }

    /** Every main source file (generated Avro classes live under target/ and are not read), by path. */
    private static Map<String, String> mainSources() {
        final Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve("georisk"))) {
            for (final Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(MAIN.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
