package georisk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code georisk} run from the packaged jar ({@code target/georisk.jar}, built in {@code package}, before
 * failsafe runs) in a JVM of its own, its stdout and stderr in a file, so that a test can kill it the hard
 * way ({@code kill -9}), give it a small heap, or watch its output.
 */
public final class GeoriskProcess implements AutoCloseable {
    /** The jar Maven's {@code package} phase builds. */
    public static final Path JAR = Path.of("target", "georisk.jar");

    private final Process process;
    private final Path output;
    private final long startedNanos = System.nanoTime();

    private GeoriskProcess(final Process process, final Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code java <jvmOptions> -jar target/georisk.jar <args>}.
     *
     * @param output where stdout and stderr go (appended)
     */
    public static GeoriskProcess start(final List<String> jvmOptions, final List<String> args, final Path output) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs with 'mvn verify', which packages"
                    + " the jar first");
        }
        final String java = ProcessHandle.current().info().command().orElse("java");
        final List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(args);
        try {
            final Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            return new GeoriskProcess(p, output);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Everything it printed so far (and what earlier processes appended to the same file). */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Time since it was started. */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no clean close, no leaving the group. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for it to exit; its exit code. */
    public int waitFor(final Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("georisk did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM and wait (a clean stop through the shutdown hook). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}
