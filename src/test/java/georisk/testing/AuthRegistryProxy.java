package georisk.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small authenticating reverse proxy in front of the real schema registry, as a secured registry is
 * deployed: every request needs {@code Authorization: Basic <user:password>} or {@code Bearer <token>},
 * else 401 with Confluent's error body; an accepted request is forwarded to the registry and its answer
 * relayed. Over plain HTTP or, given an {@link SSLContext}, HTTPS. Requests under {@code /moved} are answered
 * 307 to the same path without that prefix (a same-origin redirect). It records the {@code Authorization}
 * header of every request it saw, so a test can tell where credentials went. Ephemeral port on 127.0.0.1.
 */
public final class AuthRegistryProxy implements AutoCloseable {
    private final HttpServer server;
    private final String upstream;
    private final Set<String> accepted;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private AuthRegistryProxy(final HttpServer server, final String upstream, final Set<String> accepted) {
        this.server = server;
        this.upstream = upstream;
        this.accepted = accepted;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** A plain-HTTP proxy in front of {@code upstream} accepting one user and password, and one bearer token. */
    public static AuthRegistryProxy http(final String upstream, final String user, final String password,
                                         final String token) throws IOException {
        return new AuthRegistryProxy(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                upstream, accepted(user, password, token));
    }

    /** An HTTPS proxy, its certificate from {@code tls}. */
    public static AuthRegistryProxy https(final String upstream, final SSLContext tls, final String user,
                                          final String password, final String token) throws IOException {
        final HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new AuthRegistryProxy(server, upstream, accepted(user, password, token));
    }

    /** A server on another port that redirects every request (307) to {@code target} + the same path. */
    public static HttpServer redirector(final String target) throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", target + exchange.getRequestURI().getRawPath());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static Set<String> accepted(final String user, final String password, final String token) {
        return Set.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)), "Bearer " + token);
    }

    /** {@code http(s)://127.0.0.1:PORT}, without a path: the registry's API is at the root. */
    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The {@code Authorization} header of each request seen, in order ({@code "-"} when there was none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            final String path = exchange.getRequestURI().getRawPath();
            final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "-" : authorization);
            if (path.startsWith("/moved/")) {
                exchange.getResponseHeaders().add("Location", url() + path.substring("/moved".length()));
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            if (authorization == null || !accepted.contains(authorization)) {
                respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
                return;
            }
            final String query = exchange.getRequestURI().getRawQuery();
            final HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream + path
                            + (query == null ? "" : "?" + query)))
                    .timeout(Duration.ofSeconds(15))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            final String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                forward.header("Content-Type", contentType);
            }
            final HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(final HttpExchange exchange, final int status, final String json) throws IOException {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdownNow();
        }
    }
}
