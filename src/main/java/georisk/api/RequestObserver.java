package georisk.api;

/**
 * Told of every HTTP request the API has answered: what {@code /metrics} counts per route and status. Called on
 * Jetty's threads: return quickly, do not throw.
 */
@FunctionalInterface
public interface RequestObserver {
    /** The route of a request that matched none: an unknown path. */
    String UNMATCHED = "unmatched";
    /** The route of the dashboard's files and the libraries it loads. */
    String STATIC = "static";

    /**
     * @param method  {@code GET}, {@code POST}, ...
     * @param route   the route's template ({@code /api/dyads/{dyad}/score}), {@value #STATIC} or {@value #UNMATCHED}:
     *                never the path as sent, so that the number of series stays bounded
     * @param status  the response status
     * @param seconds how long the answer took (for {@code /api/stream}: how long the stream was open)
     */
    void observe(String method, String route, int status, double seconds);
}
