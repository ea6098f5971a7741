package georisk.cli;

import georisk.config.SettingException;
import georisk.runtime.HttpApi;
import picocli.CommandLine.Option;

/** Where the HTTP API listens, how other instances reach it, and who may post events to it. */
final class HttpOptions {
    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "${env:GEORISK_HTTP_HOST:-0.0.0.0}",
            description = "Address the HTTP API binds (env GEORISK_HTTP_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:GEORISK_HTTP_PORT:-8080}",
            description = "Port of the HTTP API (REST under /api, /openapi.json, /metrics, /health, /ready); "
                    + "0 picks a free one (env GEORISK_HTTP_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--advertised-host", paramLabel = "HOST", defaultValue = "${env:GEORISK_ADVERTISED_HOST}",
            description = "Host name other instances reach this one's HTTP API at, to forward questions about the "
                    + "dyads it holds (Kafka Streams' application.server, with --http-port). Default: --http-host, "
                    + "or this machine's host name when that is 0.0.0.0 (env GEORISK_ADVERTISED_HOST).")
    String advertisedHost;

    @Option(names = "--api-token", paramLabel = "TOKEN", defaultValue = "${env:GEORISK_API_TOKEN}",
            description = "Bearer token that POST /api/events requires; without one, posting events is disabled "
                    + "(env GEORISK_API_TOKEN, which keeps it out of the process list).")
    String apiToken;

    @Option(names = "--sse-max-streams", paramLabel = "N", defaultValue = "${env:GEORISK_SSE_MAX_STREAMS:-1000}",
            description = "Live event streams (GET /api/stream) served at once; beyond it the route answers 503 "
                    + "(env GEORISK_SSE_MAX_STREAMS; default ${DEFAULT-VALUE}).")
    int sseMaxStreams;

    @Option(names = "--sse-max-streams-per-client", paramLabel = "N",
            defaultValue = "${env:GEORISK_SSE_MAX_STREAMS_PER_CLIENT:-32}",
            description = "Live event streams served at once to one client address; raise it behind a reverse "
                    + "proxy, whose address every client shares (env GEORISK_SSE_MAX_STREAMS_PER_CLIENT; "
                    + "default ${DEFAULT-VALUE}).")
    int sseMaxStreamsPerClient;

    /** The stream limits, checked: a limit below 1 stops start-up naming its option. */
    HttpApi.StreamLimits streamLimits() {
        if (sseMaxStreams < 1) {
            throw new SettingException("sse-max-streams", sseMaxStreams, "must be at least 1");
        }
        if (sseMaxStreamsPerClient < 1) {
            throw new SettingException("sse-max-streams-per-client", sseMaxStreamsPerClient, "must be at least 1");
        }
        return new HttpApi.StreamLimits(sseMaxStreams, sseMaxStreamsPerClient);
    }
}
