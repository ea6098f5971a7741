package georisk.ingest.gdelt;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The hand-written GDELT exports under {@code src/test/resources/georisk/gdelt/} (see its README.md
 * for what each line is for) and ways to lay them out as a user would: zipped, in directories.
 */
public final class GdeltTestFiles {
    /** GDELT 2.0, 61 columns, 38 rows. */
    public static final String V2 = "v2/20250304151500.export.CSV";
    /** GDELT 1.0, 58 columns, 10 rows. */
    public static final String V1 = "v1/20130402.export.CSV";
    /** GDELT 1.0 back file, 57 columns, 7 rows. */
    public static final String V1_NO_URL = "v1/20130315.export.CSV";

    private GdeltTestFiles() {
    }

    /** A test export on disk (in target/test-classes). */
    public static Path resource(final String name) {
        final URL url = GdeltTestFiles.class.getResource("/georisk/gdelt/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource georisk/gdelt/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines of a test export, without line ends. */
    public static List<String> lines(final String name) {
        try {
            return Files.readAllLines(resource(name), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a zip archive with the given entries (name → content), in order. */
    public static Path zip(final Path archive, final Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(archive.getParent());
        try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (final Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return archive;
    }

    /**
     * Lays the three exports out as a download directory:
     * <pre>
     * dir/2013/20130315.export.CSV.zip   (the 57-column file, zipped)
     * dir/2013/20130402.export.CSV       (58 columns)
     * dir/2025/03/20250304151500.export.CSV
     * dir/README.md                      (not an export: not read)
     * </pre>
     */
    public static Path downloadDirectory(final Path dir) throws IOException {
        Files.createDirectories(dir.resolve("2013"));
        Files.createDirectories(dir.resolve("2025/03"));
        zip(dir.resolve("2013/20130315.export.CSV.zip"),
                Map.of("20130315.export.CSV", Files.readAllBytes(resource(V1_NO_URL))));
        Files.copy(resource(V1), dir.resolve("2013/20130402.export.CSV"));
        Files.copy(resource(V2), dir.resolve("2025/03/20250304151500.export.CSV"));
        Files.writeString(dir.resolve("README.md"), "downloaded GDELT exports\n");
        return dir;
    }
}
