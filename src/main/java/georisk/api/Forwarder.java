package georisk.api;

import io.javalin.http.Context;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Asks the instance that holds a dyad the same GET and relays its answer as is: status, body and the headers
 * that matter ({@value ApiServer#SERVED_BY}, {@code Retry-After}). The forwarded request carries
 * {@value ApiServer#FORWARDED_BY}, so that the other instance answers from its own stores or fails, and never
 * forwards again: no loop, even while two instances disagree about who holds the dyad during a rebalance.
 */
final class Forwarder {
    private static final List<String> RELAYED = List.of("Content-Type", ApiServer.SERVED_BY, "Retry-After");

    private final HttpClient http;
    private final Duration timeout;

    Forwarder(final Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * @param address {@code host:port} of the instance that holds the dyad
     * @param self    this instance, for the {@value ApiServer#FORWARDED_BY} header
     * @param what    the dyad, for the error message
     */
    void forward(final Context ctx, final String address, final String self, final String what) {
        final String query = ctx.queryString();
        final URI uri = URI.create("http://" + address + ctx.path() + (query == null ? "" : "?" + query));
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header(ApiServer.FORWARDED_BY, self).header("Accept", "application/json").GET().build();
        final HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (final HttpTimeoutException e) {
            throw ApiError.unavailable("instance " + address + ", which holds " + what + ", did not answer within "
                    + timeout.toMillis() + " ms; retry shortly");
        } catch (final IOException e) {
            throw ApiError.unavailable("instance " + address + ", which holds " + what + ", cannot be reached ("
                    + e.getClass().getSimpleName() + "); retry shortly");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted while asking instance " + address + " about " + what);
        }
        ctx.status(response.statusCode());
        for (final String header : RELAYED) {
            response.headers().firstValue(header).ifPresent(v -> ctx.header(header, v));
        }
        ctx.result(response.body());
    }
}
