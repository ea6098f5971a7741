package georisk.alerting;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port (the JDK's), standing in for a webhook: it records every
 * request and answers with the status {@code statuses} gives for the request's number (1 for the first).
 */
public final class WebhookServer implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(final String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    private WebhookServer(final IntUnaryOperator statuses) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            final int status = statuses.applyAsInt(count.incrementAndGet());
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers every request with 200. */
    public static WebhookServer ok() {
        return new WebhookServer(n -> 200);
    }

    /** Answers with {@code statuses.applyAsInt(n)} to the n-th request. */
    public static WebhookServer answering(final IntUnaryOperator statuses) {
        return new WebhookServer(statuses);
    }

    /** The URL of this server with a secret-looking path, as Slack's are. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0/B0/s3cr3t-token");
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** An http:// URL where nothing listens: the port was free a moment ago and is closed again. */
    public static URI down() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/hooks/s3cr3t-token");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
