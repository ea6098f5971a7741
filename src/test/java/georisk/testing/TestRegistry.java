package georisk.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real Confluent-compatible schema registry that integration tests use, chosen in this order:
 * <ol>
 *   <li>{@value #URL_ENV} when set (a registry someone already runs);</li>
 *   <li>Apicurio Registry at {@value #DEFAULT_URL} when it answers there (CI's {@code .ci/run} starts it);</li>
 *   <li>else Apicurio Registry built and started here by {@value #START_SCRIPT} (about a minute the first
 *       time, from Maven Central), and stopped when the test JVM exits.</li>
 * </ol>
 * No mock stands in for it: the ITs fail if none of these works.
 */
public final class TestRegistry {
    /** Environment variable naming the registry's base URL. */
    public static final String URL_ENV = "GEORISK_TEST_SCHEMA_REGISTRY_URL";
    /** Apicurio Registry's Confluent-compatible API on its default port. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8081/apis/ccompat/v7";
    /** The script that builds and starts Apicurio Registry, relative to the project directory. */
    public static final String START_SCRIPT = ".ci/registry/start-registry.sh";

    private static final Logger log = LoggerFactory.getLogger(TestRegistry.class);
    private static String url;

    private TestRegistry() {
    }

    /** The registry's base URL, without a trailing slash; starts Apicurio on first use if nothing answers. */
    public static synchronized String url() {
        if (url == null) {
            url = locate();
        }
        return url;
    }

    private static String locate() {
        final String fromEnv = System.getenv(URL_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return trimSlash(fromEnv.trim());
        }
        if (!answers(DEFAULT_URL)) {
            start();
        }
        return DEFAULT_URL;
    }

    private static void start() {
        final Path script = Path.of(START_SCRIPT);
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("No schema registry answers at " + DEFAULT_URL + " and " + script.toAbsolutePath()
                    + " is missing; set " + URL_ENV + " to a Confluent-compatible registry");
        }
        log.info("No schema registry at {}: building and starting Apicurio Registry with {}", DEFAULT_URL, script);
        run(script, "start", Duration.ofMinutes(6));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run(script, "stop", Duration.ofSeconds(30)),
                "stop-test-registry"));
    }

    private static void run(final Path script, final String action, final Duration timeout) {
        try {
            final Process p = new ProcessBuilder("bash", script.toString(), action)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(script + " " + action + " did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(script + " " + action + " failed with exit code " + p.exitValue());
            }
        } catch (final IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    private static boolean answers(final String base) {
        try {
            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            final HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/subjects"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String trimSlash(final String u) {
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
