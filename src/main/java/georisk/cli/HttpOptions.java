package georisk.cli;

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
}
