package georisk.cli;

import georisk.ingest.EventFileFormat;
import georisk.ingest.FileIngest;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The FILE arguments of {@code produce} and {@code exposures publish}: each with its format, from
 * {@code --format} or the extension; {@code -} is standard input (JSON Lines unless {@code --format} says
 * otherwise), copied to a temporary file first so that it can be read twice ({@code --strict}) and shown
 * as {@code -} in messages and dead-letter headers. Close to delete that copy.
 */
final class InputFiles implements AutoCloseable {
    /** The FILE that means standard input. */
    static final String STDIN = "-";

    private final List<FileIngest.Source> sources = new ArrayList<>();
    private Path stdinCopy;

    /**
     * @throws CommandLine.ParameterException (exit status 2) for a missing file, an unknown extension, or
     *                                        {@code -} given twice
     */
    InputFiles(final CommandSpec spec, final List<Path> files, final EventFileFormat format, final InputStream stdin) {
        for (final Path file : files) {
            if (STDIN.equals(file.toString())) {
                if (stdinCopy != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "'-' (standard input) given twice");
                }
                stdinCopy = copy(stdin);
                sources.add(new FileIngest.Source(stdinCopy, format != null ? format : EventFileFormat.JSONL, STDIN));
                continue;
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        file + ": " + (Files.exists(file) ? "not a readable file" : "no such file"));
            }
            final EventFileFormat fileFormat = format != null ? format : EventFileFormat.ofFileName(file)
                    .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), file
                            + ": cannot tell the format from the extension (.jsonl, .ndjson, .json or .csv); "
                            + "add --format jsonl or --format csv"));
            sources.add(new FileIngest.Source(file, fileFormat));
        }
    }

    List<FileIngest.Source> sources() {
        return sources;
    }

    private static Path copy(final InputStream stdin) {
        try {
            final Path copy = Files.createTempFile("georisk-stdin-", ".txt");
            copy.toFile().deleteOnExit();
            Files.copy(stdin, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (stdinCopy != null) {
            try {
                Files.deleteIfExists(stdinCopy);
            } catch (final IOException e) {
                // deleteOnExit is the fallback
            }
        }
    }
}
