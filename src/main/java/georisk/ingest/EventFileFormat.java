package georisk.ingest;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats {@code georisk produce} reads; {@code docs/ingest.md} documents both. */
public enum EventFileFormat {
    /** JSON Lines: one JSON object per line, the format of {@code docs/scenario-format.md}. */
    JSONL,
    /** CSV with a header row of event field names, RFC 4180 quoting. */
    CSV;

    /** The format a file name's extension says: {@code .jsonl}, {@code .ndjson}, {@code .json}, {@code .csv}. */
    public static Optional<EventFileFormat> ofFileName(final Path file) {
        final Path name = file.getFileName();
        return name == null ? Optional.empty() : parse(extension(name.toString()));
    }

    /** A format by name or extension, case-insensitive: {@code jsonl}, {@code ndjson}, {@code json}, {@code csv}. */
    public static Optional<EventFileFormat> parse(final String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "jsonl", "ndjson", "json" -> Optional.of(JSONL);
            case "csv" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }

    private static String extension(final String fileName) {
        final int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1);
    }
}
