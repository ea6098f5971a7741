package georisk.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Sends event files through the one producer path, {@link EventPublisher}: what {@code georisk produce}
 * does. Each record is read and validated ({@link EventFiles}); a valid one is published, keyed by its id;
 * a bad one, depending on the {@link Mode}, is dead-lettered and counted, or stops the run. Everything is
 * counted in the {@link IngestReport}, and {@link #run} returns once the broker has acknowledged every
 * record sent, so that the report is complete.
 */
public final class FileIngest {
    /** What to do with a bad record. */
    public enum Mode {
        /** Send the good records; send each bad one, untouched, to {@code geo-events-dlq}, and count it. */
        DEAD_LETTER,
        /** Check every file first; at the first bad record stop, and send nothing at all. */
        STRICT,
        /** Check every record and count; send nothing. */
        DRY_RUN
    }

    /**
     * One file to read.
     *
     * @param path   the file
     * @param format its format
     * @param name   the name in messages, dead-letter keys and headers: the path as given, or {@code -} for
     *               standard input (which the command line copies to {@code path} first)
     */
    public record Source(Path path, EventFileFormat format, String name) {
        public Source {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(name, "name");
        }

        /** A file named by its path as given. */
        public Source(final Path path, final EventFileFormat format) {
            this(path, format, String.valueOf(path));
        }
    }

    /** Follows a run, e.g. to draw progress and print rejections as they happen. Called on the caller's thread. */
    public interface Listener {
        /**
         * A file is about to be read.
         *
         * @param checkOnly true for the checking pass of {@link Mode#STRICT}, which sends nothing
         */
        default void started(Source source, long sizeBytes, boolean checkOnly) {
        }

        /** After each record: bytes of the file read so far and records read. */
        default void progress(Source source, long bytesRead, long records) {
        }

        /** A record was rejected, or a file could not be read further. */
        default void rejected(IngestReport.Rejection rejection) {
        }

        /** A file was read to its end (or as far as it could be). */
        default void finished(Source source, long records) {
        }
    }

    private final Mode mode;
    private final EventPublisher publisher;
    private final IngestReport report;
    private final Instant now;
    private final Listener listener;

    private FileIngest(final Mode mode, final EventPublisher publisher, final IngestReport report, final Instant now,
                       final Listener listener) {
        this.mode = mode;
        this.publisher = publisher;
        this.report = report;
        this.now = Objects.requireNonNull(now, "now");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Sends files through {@code publisher}, counting in its {@link EventPublisher#report()}.
     *
     * @param strict {@link Mode#STRICT} if true, else {@link Mode#DEAD_LETTER}
     * @param now    the reference time of validation
     */
    public static FileIngest sending(final EventPublisher publisher, final boolean strict, final Instant now,
                                     final Listener listener) {
        return new FileIngest(strict ? Mode.STRICT : Mode.DEAD_LETTER, publisher, publisher.report(), now, listener);
    }

    /** Checks files and counts in {@code report} (see {@link IngestReport#dryRun()}); sends nothing. */
    public static FileIngest dryRun(final IngestReport report, final Instant now, final Listener listener) {
        return new FileIngest(Mode.DRY_RUN, null, report, now, listener);
    }

    public Mode mode() {
        return mode;
    }

    public IngestReport report() {
        return report;
    }

    /**
     * Reads every source in order and sends (or checks) its records, then waits for every
     * acknowledgement and stops the report's clock.
     *
     * @return {@code false} when {@link Mode#STRICT} stopped at a bad record or an unreadable file (nothing was
     *         sent), else {@code true}; {@link IngestReport#exitCode()} says whether anything was rejected
     * @throws IOException if a file cannot be opened or read (other than for bad text, which is reported)
     */
    public boolean run(final List<Source> sources) throws IOException {
        try {
            if (mode == Mode.STRICT) {
                long checked = 0;
                for (final Source source : sources) {
                    final Pass pass = read(source, true);
                    checked += pass.records;
                    if (pass.failure != null) {
                        // nothing is sent: the report shows what was checked up to the first bad record
                        report.recordRead(checked);
                        count(pass.failure, pass.unread);
                        return false;
                    }
                }
            }
            for (final Source source : sources) {
                final Pass pass = read(source, false);
                if (mode == Mode.STRICT && pass.failure != null) {
                    return false;
                }
            }
            return true;
        } finally {
            if (publisher != null) {
                publisher.flush();
            }
            report.stop();
        }
    }

    /** What one pass over a file met. */
    private static final class Pass {
        long records;
        IngestReport.Rejection failure;
        boolean unread;
    }

    private Pass read(final Source source, final boolean checkOnly) throws IOException {
        final Pass pass = new Pass();
        final String name = source.name();
        listener.started(source, Files.size(source.path()), checkOnly);
        final long[] lastLine = {0};
        try (CountingInputStream bytes = new CountingInputStream(Files.newInputStream(source.path()));
             // newDecoder() reports malformed input instead of replacing it with U+FFFD
             BufferedReader in = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()))) {
            EventFiles.read(name, in, source.format(), now, line -> {
                pass.records++;
                lastLine[0] = line.line();
                final boolean more = checkOnly ? check(line, pass) : handle(line, pass);
                listener.progress(source, bytes.count(), pass.records);
                return more;
            });
        } catch (final EventFormatException e) {
            pass.failure = new IngestReport.Rejection(name, e.line(), IngestReport.RECORD, e.problem());
            pass.unread = true;
        } catch (final CharacterCodingException e) {
            pass.failure = new IngestReport.Rejection(name, lastLine[0] + 1, IngestReport.RECORD,
                    "not UTF-8 text (after line " + lastLine[0] + "); save the file as UTF-8");
            pass.unread = true;
        }
        if (pass.unread && !checkOnly) {
            count(pass.failure, true);
        }
        listener.finished(source, pass.records);
        return pass;
    }

    private boolean check(final EventLine line, final Pass pass) {
        if (line.isValid()) {
            return true;
        }
        pass.failure = line.rejection();
        return false;
    }

    private boolean handle(final EventLine line, final Pass pass) {
        report.recordRead();
        if (line.isValid()) {
            if (mode == Mode.DRY_RUN) {
                report.recordAccepted(line.event().getType());
                return true;
            }
            try {
                publisher.publish(line.event(), line.source(), line.line());
                return true;
            } catch (final EventFormatException e) {
                // valid when read, invalid a moment later: only the "not a year ahead of now" rule can do that
                return rejected(EventFiles.rejected(line.source(), line.line(), line.raw(), e), pass);
            }
        }
        return rejected(line, pass);
    }

    private boolean rejected(final EventLine line, final Pass pass) {
        final IngestReport.Rejection rejection = line.rejection();
        listener.rejected(rejection);
        switch (mode) {
            case DEAD_LETTER -> publisher.deadLetter(line.source(), line.line(), line.rawBytes(),
                    rejection.reasonClass(), rejection.reason());
            case DRY_RUN -> report.recordRejected(line.source(), line.line(), rejection.reasonClass(), rejection.reason());
            case STRICT -> {
                report.recordRejected(line.source(), line.line(), rejection.reasonClass(), rejection.reason());
                pass.failure = rejection;
                return false;
            }
        }
        return true;
    }

    private void count(final IngestReport.Rejection failure, final boolean unread) {
        listener.rejected(failure);
        if (unread) {
            report.recordUnreadSource(failure.source(), failure.line(), failure.reason());
        } else {
            report.recordRejected(failure.source(), failure.line(), failure.reasonClass(), failure.reason());
        }
    }
}
