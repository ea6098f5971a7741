package georisk.ingest.gdelt;

import georisk.ingest.CountingInputStream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Streams the rows of GDELT event exports: plain files ({@code .csv}, {@code .tsv}, {@code .txt}, any
 * case, tab-separated as GDELT writes them) and {@code .zip} archives (every such entry in them),
 * named one by one or found in directories (recursively, in sorted path order, which is time order
 * for GDELT's file names). One line is in memory at a time, so file size does not matter.
 *
 * <p>The layout is detected per file (per zip entry) from its first row with 61 (GDELT 2.0), 58 or 57
 * (GDELT 1.0) columns; every row of the file must then have that count. Each row is either handed
 * on parsed, or rejected with file, line and reason — never dropped. Blank lines and a header line
 * (first column {@code GLOBALEVENTID}) are skipped and not counted as rows.
 */
public final class GdeltReader {
    /** Longest row read (GDELT rows are well under 2 KiB); longer lines are rejected. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /**
     * Most bytes a zip entry may inflate to: GDELT's largest files (the yearly 1.0 archives) inflate to a few
     * GB. An entry beyond it is read that far, reported as failed, and the rest of its archive skipped.
     */
    public static final long MAX_ENTRY_BYTES = 16L * 1024 * 1024 * 1024;
    /**
     * Most bytes an entry may inflate to per byte of the archive it came from: GDELT's tab-separated text
     * compresses about 5 to 10 times; a zip bomb, thousands of times. Checked once {@value #RATIO_GRACE_BYTES}
     * bytes have been inflated, so that small entries with high ratios (a run of blank lines) pass.
     */
    public static final int MAX_INFLATION_RATIO = 100;
    /** Inflated bytes of an entry before its ratio is checked. */
    static final long RATIO_GRACE_BYTES = 1024 * 1024;

    private static final List<String> PLAIN = List.of(".csv", ".tsv", ".txt");
    private static final String ZIP = ".zip";

    /** What the reader finds, in file order. */
    public interface Listener {
        /** A row that parsed; {@code raw} is its bytes as read, for the dead-letter path. */
        void row(GdeltRow row, byte[] raw);

        /** A row that did not parse. */
        void rejected(RejectedRow rejected);

        /** A file (or zip entry) is about to be read. */
        default void fileStarted(final String source) {
        }

        /**
         * A file (or zip entry) was read to its end.
         *
         * @param format its layout, empty when no row had a GDELT column count
         * @param rows   the rows it had (parsed or rejected)
         */
        default void fileFinished(final String source, final Optional<GdeltFormat> format, final long rows) {
        }

        /** A file or zip entry that could not be read to its end (I/O error, not a zip archive). */
        default void fileFailed(final String source, final String reason) {
        }

        /** A file or zip entry that is not read, and why. */
        default void skipped(final String source, final String reason) {
        }
    }

    private final int maxLineBytes;
    private final long maxEntryBytes;

    public GdeltReader() {
        this(MAX_LINE_BYTES);
    }

    GdeltReader(final int maxLineBytes) {
        this(maxLineBytes, MAX_ENTRY_BYTES);
    }

    GdeltReader(final int maxLineBytes, final long maxEntryBytes) {
        this.maxLineBytes = maxLineBytes;
        this.maxEntryBytes = maxEntryBytes;
    }

    /**
     * The files that {@link #read(List, Listener)} reads for these paths: files as given, directories
     * walked recursively with their GDELT files in sorted order.
     *
     * @throws IllegalArgumentException if a path does not exist or names a file that is not a GDELT export
     * @throws IOException              if a directory cannot be walked
     */
    public static List<Path> inputs(final List<Path> paths) throws IOException {
        final List<Path> files = new ArrayList<>();
        for (final Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(GdeltReader::isExport).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                if (!isExport(path)) {
                    throw new IllegalArgumentException(path + " is not a GDELT export: expected a .csv, .tsv, .txt or .zip "
                            + "file, or a directory of them");
                }
                files.add(path);
            } else {
                throw new IllegalArgumentException(path + " does not exist");
            }
        }
        return files;
    }

    /** Whether the file name ends in {@code .csv}, {@code .tsv}, {@code .txt} or {@code .zip}, in any case. */
    public static boolean isExport(final Path path) {
        final String name = lowerName(path.getFileName().toString());
        return name.endsWith(ZIP) || PLAIN.stream().anyMatch(name::endsWith);
    }

    /** Reads every file of {@link #inputs(List)}, in order. */
    public void read(final List<Path> paths, final Listener listener) throws IOException {
        for (final Path file : inputs(paths)) {
            readFile(file, listener);
        }
    }

    /** Reads one plain or zipped file; I/O errors are reported to the listener, not thrown. */
    public void readFile(final Path file, final Listener listener) {
        final String source = file.toString();
        final boolean zip = lowerName(source).endsWith(ZIP);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            if (zip) {
                readZip(source, in, listener);
            } else {
                readStream(source, in, listener);
            }
        } catch (final IOException e) {
            listener.fileFailed(source, "cannot read: " + e.getMessage());
        }
    }

    private void readZip(final String source, final InputStream in, final Listener listener) throws IOException {
        in.mark(4);
        final byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K') {
            listener.fileFailed(source, "not a zip archive");
            return;
        }
        final int entries;
        final CountingInputStream compressed = new CountingInputStream(in);
        // closing the archive ends its inflater now rather than at garbage collection
        try (ZipInputStream zip = new ZipInputStream(compressed, StandardCharsets.UTF_8)) {
            entries = readEntries(source, zip, compressed, listener);
        }
        if (entries == 0) {
            listener.skipped(source, "the archive has no files");
        }
    }

    /** Reads the entries of an archive; returns how many files it has. */
    private int readEntries(final String source, final ZipInputStream zip, final CountingInputStream compressed,
                            final Listener listener) throws IOException {
        int entries = 0;
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            final String name = source + "!" + entry.getName();
            if (entry.isDirectory()) {
                continue;
            }
            entries++;
            final String lower = lowerName(entry.getName());
            if (PLAIN.stream().noneMatch(lower::endsWith)) {
                listener.skipped(name, "not a .csv, .tsv or .txt entry");
                continue;
            }
            try {
                readStream(name, new BoundedEntry(zip, compressed, maxEntryBytes), listener);
            } catch (final EntryTooLargeException e) {
                listener.fileFailed(name, e.getMessage() + "; the rest of the archive is not read");
                return entries;
            } catch (final IOException e) {
                listener.fileFailed(name, "cannot read: " + e.getMessage());
                return entries;
            }
        }
        return entries;
    }

    /** Reads the rows of one file or zip entry from {@code in} (not closed). */
    void readStream(final String source, final InputStream in, final Listener listener) throws IOException {
        listener.fileStarted(source);
        final LineReader lines = new LineReader(in, maxLineBytes);
        GdeltFormat format = null;
        long rows = 0;
        while (lines.next()) {
            final byte[] raw = lines.bytes();
            if (lines.tooLong()) {
                rows++;
                listener.rejected(new RejectedRow(source, lines.number(), raw, "line too long",
                        "more than " + maxLineBytes + " bytes"));
                continue;
            }
            final String text = new String(raw, StandardCharsets.UTF_8);
            if (text.isBlank() || (rows == 0 && isHeader(text))) {
                continue;
            }
            rows++;
            final String[] columns = text.split("\t", -1);
            if (format == null) {
                format = GdeltFormat.ofColumns(columns.length).orElse(null);
            }
            if (format == null) {
                listener.rejected(new RejectedRow(source, lines.number(), raw, "wrong number of columns",
                        columns.length + ", GDELT rows have 61 (2.0), 58 or 57 (1.0)"));
                continue;
            }
            try {
                listener.row(GdeltRow.parse(format, columns, source, lines.number()), raw);
            } catch (final GdeltRowException e) {
                listener.rejected(new RejectedRow(source, lines.number(), raw, e.reason(), e.detail()));
            }
        }
        listener.fileFinished(source, Optional.ofNullable(format), rows);
    }

    /** An entry that inflates beyond a bound: read no further. */
    static final class EntryTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        EntryTooLargeException(final String message) {
            super(message);
        }
    }

    /**
     * One entry's inflated bytes, stopped with {@link EntryTooLargeException} past {@code maxBytes} or past
     * {@link #MAX_INFLATION_RATIO} times the archive bytes read for it: a zip bomb costs time and disk
     * reads bounded by its own size, never an endless read. Does not close the archive.
     */
    private static final class BoundedEntry extends FilterInputStream {
        private final CountingInputStream compressed;
        private final long compressedAtStart;
        private final long maxBytes;
        private long inflated;

        BoundedEntry(final ZipInputStream zip, final CountingInputStream compressed, final long maxBytes) {
            super(zip);
            this.compressed = compressed;
            this.compressedAtStart = compressed.count();
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            final byte[] one = new byte[1];
            final int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException {
            final int n = super.read(buffer, offset, length);
            if (n > 0) {
                inflated += n;
                check();
            }
            return n;
        }

        private void check() throws EntryTooLargeException {
            if (inflated > maxBytes) {
                throw new EntryTooLargeException("inflates to more than " + maxBytes + " bytes");
            }
            final long packed = Math.max(1, compressed.count() - compressedAtStart);
            if (inflated > RATIO_GRACE_BYTES && inflated / packed > MAX_INFLATION_RATIO) {
                throw new EntryTooLargeException("inflates more than " + MAX_INFLATION_RATIO + " times ("
                        + inflated + " bytes from " + packed + "), a zip bomb rather than a GDELT export");
            }
        }

        @Override
        public void close() {
            // the entry's stream belongs to its archive
        }
    }

    private static boolean isHeader(final String text) {
        return text.regionMatches(true, 0, "GLOBALEVENTID\t", 0, "GLOBALEVENTID\t".length());
    }

    private static String lowerName(final String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
