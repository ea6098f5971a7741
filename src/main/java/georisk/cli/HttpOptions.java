package georisk.cli;

import picocli.CommandLine.Option;

/** Where the HTTP API (health, readiness) listens. */
final class HttpOptions {
    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "${env:GEORISK_HTTP_HOST:-0.0.0.0}",
            description = "Address the HTTP API binds (env GEORISK_HTTP_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:GEORISK_HTTP_PORT:-8080}",
            description = "Port of the HTTP API: GET /health, GET /ready; 0 picks a free one "
                    + "(env GEORISK_HTTP_PORT; default ${DEFAULT-VALUE}).")
    int port;
}
