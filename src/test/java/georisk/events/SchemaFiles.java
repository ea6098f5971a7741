package georisk.events;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a folder of {@code .avsc} files the way the build does: each file parsed with the named
 * types of the files it references already known, so files may come in any order. Unlike the
 * plugin, it remembers which names each file defines, so a test can hold "one named type per file".
 */
final class SchemaFiles {

    /**
     * One parsed file.
     *
     * @param path    the file
     * @param schema  its top-level schema, with referenced types resolved
     * @param defined full names of the named types this file itself defines (not the ones it references)
     */
    record SchemaFile(Path path, Schema schema, Set<String> defined) {
        /** The file name without {@code .avsc}. */
        String baseName() {
            final String file = path.getFileName().toString();
            return file.substring(0, file.length() - ".avsc".length());
        }
    }

    private SchemaFiles() {
    }

    /**
     * Parses every {@code .avsc} file of {@code dir}, in dependency order. A file that references a
     * type not yet known is retried after the others; when no file makes progress, the remaining
     * files' errors are reported together (an undefined name, a cycle, a syntax error, a bad default).
     *
     * @return the files in the order they were parsed, dependencies first
     */
    static List<SchemaFile> parseDirectory(Path dir) {
        final List<Path> pending = avscFiles(dir);
        final List<SchemaFile> parsed = new ArrayList<>();
        final List<Schema> known = new ArrayList<>();
        while (!pending.isEmpty()) {
            final int pendingBefore = pending.size();
            final Map<Path, String> errors = new LinkedHashMap<>();
            for (final Path file : List.copyOf(pending)) {
                final Schema.Parser parser = new Schema.Parser().addTypes(known);
                final Set<String> alreadyKnown = new HashSet<>(parser.getTypes().keySet());
                final Schema schema;
                try {
                    schema = parser.parse(file.toFile());
                } catch (AvroRuntimeException e) {
                    errors.put(file, e.getMessage());
                    continue;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
                final Map<String, Schema> defined = new LinkedHashMap<>(parser.getTypes());
                defined.keySet().removeAll(alreadyKnown);
                known.addAll(defined.values());
                parsed.add(new SchemaFile(file, schema, Set.copyOf(defined.keySet())));
                pending.remove(file);
            }
            if (pending.size() == pendingBefore) { // no file parsed in this pass
                throw new AssertionError("schemas in " + dir + " do not parse:\n" + errors.entrySet().stream()
                        .map(e -> "  " + e.getKey().getFileName() + ": " + e.getValue())
                        .collect(Collectors.joining("\n")));
            }
        }
        return List.copyOf(parsed);
    }

    /** The {@code .avsc} files of {@code dir}, sorted by name. */
    static List<Path> avscFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("no schema folder at " + dir.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".avsc")).sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
