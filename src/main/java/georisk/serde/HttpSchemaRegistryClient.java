package georisk.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SchemaRegistryClient} speaking the Confluent Schema Registry REST API over HTTP(S), as
 * served by Confluent Schema Registry, Karapace and Apicurio's {@code /apis/ccompat/v7}:
 * <ul>
 *   <li>{@code POST {base}/subjects/{subject}/versions} with {@code {"schema":"…"}} → {@code {"id":N}}</li>
 *   <li>{@code GET {base}/schemas/ids/{id}} → {@code {"schema":"…"}}</li>
 * </ul>
 * The base URL may carry a path (Apicurio: {@code http://host:8081/apis/ccompat/v7}) and user-info,
 * which becomes HTTP basic authentication ({@code https://user:secret@host}); {@link RegistryClientOptions}
 * adds Confluent's {@code basic.auth.*}, {@code bearer.auth.*}, {@code schema.registry.ssl.*},
 * {@code auto.register.schemas} and {@code use.latest.version}. Credentials are sent only to the registry's
 * own origin: a redirect to another host, port or scheme is followed without them. Answers are cached in
 * both directions, so each subject and schema costs one request per client. Thread-safe; share one instance.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    /** Retries of a registration answered 409, in case the conflict was a registry-side race. */
    private static final int CONFLICT_RETRIES = 2;
    /** Redirects followed per request. */
    private static final int MAX_REDIRECTS = 5;


    /** Time allowed to open a connection, unless given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Time allowed for one request's answer, unless given. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final URI origin;
    private final String displayUrl;
    private final Optional<String> authorization;
    private final RegistryClientOptions options;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /**
     * A client with {@link #DEFAULT_CONNECT_TIMEOUT} and {@link #DEFAULT_REQUEST_TIMEOUT}.
     *
     * @param baseUrl the registry's base URL, {@code http} or {@code https}, optionally with a path and
     *                user-info
     */
    public HttpSchemaRegistryClient(URI baseUrl) {
        this(baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * @param baseUrl        the registry's base URL, {@code http} or {@code https}, optionally with a path
     *                       and user-info
     * @param connectTimeout time allowed to open a connection
     * @param requestTimeout time allowed for each request's answer
     */
    public HttpSchemaRegistryClient(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {
        this(baseUrl, RegistryClientOptions.defaults(), connectTimeout, requestTimeout);
    }

    /**
     * A client with credentials, TLS and registration settings from Confluent-named properties.
     *
     * @param baseUrl the registry's base URL, {@code http} or {@code https}, optionally with a path and user-info
     * @param options read by {@link RegistryClientOptions#of} from the same URL
     */
    public HttpSchemaRegistryClient(URI baseUrl, RegistryClientOptions options) {
        this(baseUrl, options, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * @param baseUrl        the registry's base URL, {@code http} or {@code https}, optionally with a path
     *                       and user-info
     * @param options        credentials, TLS and registration settings
     * @param connectTimeout time allowed to open a connection
     * @param requestTimeout time allowed for each request's answer
     */
    public HttpSchemaRegistryClient(URI baseUrl, RegistryClientOptions options, Duration connectTimeout,
                                    Duration requestTimeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("Not an http(s) schema registry URL: '" + withoutUserInfo(baseUrl)
                    + "'. Expected http://host:port[/path] or https://host:port[/path].");
        }
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        URI plain = withoutUserInfo(baseUrl);
        String text = plain.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        this.base = text;
        this.displayUrl = text;
        this.origin = origin(plain);
        this.options = Objects.requireNonNull(options, "options");
        this.authorization = options == RegistryClientOptions.defaults()
                ? Optional.ofNullable(baseUrl.getRawUserInfo()).map(HttpSchemaRegistryClient::basicAuth)
                : options.authorization();
        HttpClient.Builder builder = HttpClient.newBuilder()
                // HTTP/1.1: an h2c upgrade on a POST is what some registries and proxies get wrong
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                // redirects are followed here (send), so that credentials never go to another origin
                .followRedirects(HttpClient.Redirect.NEVER);
        options.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering a schema", e);
        }
    }

    /** The base URL requests go to, without credentials. */
    public String baseUrl() {
        return displayUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        String canonical = schema.toString();
        SubjectSchema key = new SubjectSchema(subject, canonical);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        if (!options.autoRegister()) {
            int schemaId = lookUp(subject, schema, canonical);
            idsBySubjectSchema.putIfAbsent(key, schemaId);
            schemasById.putIfAbsent(schemaId, schema);
            return schemaId;
        }
        String operation = "registering a schema under subject '" + subject + "'";
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("schema", canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the registration body as JSON", e);
        }
        HttpRequest request = request("/subjects/" + encodePathSegment(subject) + "/versions")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", CONTENT_TYPE)
                .build();
        HttpResponse<String> response = send(request, operation);
        // Apicurio's in-memory storage answers 409 "artifact ... already exists" when two new subjects are
        // created at the same moment (a storage race, not a compatibility verdict); a retry succeeds. A truly
        // incompatible schema keeps failing with 409 and is reported below.
        for (int retry = 1; response.statusCode() == 409 && retry <= CONFLICT_RETRIES; retry++) {
            pause(retry * 100L);
            response = send(request, operation);
        }
        if (response.statusCode() / 100 != 2) {
            ErrorBody error = ErrorBody.parse(response.body());
            HttpResponse<String> failed = response;
            throw refusedOr(failed, error, () -> SchemaRegistryException.registerFailed(displayUrl, subject,
                    failed.statusCode(), error.code(), error.message()), operation);
        }
        JsonNode id = readJson(response, operation).get("id");
        if (id == null || !id.canConvertToInt()) {
            throw unexpected(operation, response, "no integer \"id\"");
        }
        int schemaId = id.intValue();
        idsBySubjectSchema.putIfAbsent(key, schemaId);
        schemasById.putIfAbsent(schemaId, schema);
        return schemaId;
    }

    /**
     * With {@code auto.register.schemas=false}: the id of a schema someone else registered. With
     * {@code use.latest.version=true} the subject's latest version is taken when it is this very schema;
     * otherwise (or when it is not) the registry is asked for this schema under the subject. Never writes
     * with an id whose schema differs from the writer's: that would make every record unreadable.
     */
    private int lookUp(String subject, Schema schema, String canonical) {
        if (options.useLatestVersion()) {
            String operation = "reading the latest version of subject '" + subject + "'";
            HttpResponse<String> response = send(request("/subjects/" + encodePathSegment(subject)
                    + "/versions/latest").GET().build(), operation);
            if (response.statusCode() / 100 == 2) {
                JsonNode answer = readJson(response, operation);
                JsonNode id = answer.get("id");
                JsonNode text = answer.get("schema");
                if (id != null && id.canConvertToInt() && text != null && text.isTextual()
                        && sameSchema(schema, text.asText())) {
                    return id.intValue();
                }
            } else if (response.statusCode() != 404) {
                ErrorBody error = ErrorBody.parse(response.body());
                throw refusedOr(response, error, () -> SchemaRegistryException.registerFailed(displayUrl, subject,
                        response.statusCode(), error.code(), error.message()), operation);
            }
        }
        String operation = "looking up georisk's schema under subject '" + subject + "'";
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("schema", canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the lookup body as JSON", e);
        }
        HttpResponse<String> response = send(request("/subjects/" + encodePathSegment(subject))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", CONTENT_TYPE)
                .build(), operation);
        if (response.statusCode() == 404) {
            throw new SchemaRegistryException("The schema georisk writes to subject '" + subject + "' is not registered"
                    + " in the schema registry at " + displayUrl + ", and " + RegistryClientOptions.AUTO_REGISTER
                    + "=false forbids registering it" + (options.useLatestVersion() ? " (the subject's latest version,"
                    + " if any, is a different schema)" : "") + ". Register schemas/" + schema.getName()
                    + ".avsc under that subject, or let georisk register it.", 404,
                    ErrorBody.parse(response.body()).code(), null);
        }
        if (response.statusCode() / 100 != 2) {
            ErrorBody error = ErrorBody.parse(response.body());
            throw refusedOr(response, error, () -> SchemaRegistryException.registerFailed(displayUrl, subject,
                    response.statusCode(), error.code(), error.message()), operation);
        }
        JsonNode id = readJson(response, operation).get("id");
        if (id == null || !id.canConvertToInt()) {
            throw unexpected(operation, response, "no integer \"id\"");
        }
        return id.intValue();
    }

    private static boolean sameSchema(Schema schema, String registered) {
        try {
            return new Schema.Parser().parse(registered).equals(schema);
        } catch (SchemaParseException e) {
            return false;
        }
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String operation = "fetching schema id " + id;
        HttpRequest request = request("/schemas/ids/" + id).GET().build();
        HttpResponse<String> response = send(request, operation);
        if (response.statusCode() / 100 != 2) {
            ErrorBody error = ErrorBody.parse(response.body());
            throw refusedOr(response, error, () -> SchemaRegistryException.fetchFailed(displayUrl, id,
                    response.statusCode(), error.code(), error.message()), operation);
        }
        JsonNode answer = readJson(response, operation);
        JsonNode type = answer.get("schemaType");
        if (type != null && type.isTextual() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw new SchemaRegistryException("Schema id " + id + " in the schema registry at " + displayUrl + " is a "
                    + type.asText() + " schema, not Avro: the record was not written by an Avro serializer.",
                    response.statusCode(), SchemaRegistryException.NO_ERROR_CODE, null);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw unexpected(operation, response, "no \"schema\" string");
        }
        Schema schema;
        try {
            // a fresh parser each time: Schema.Parser is not thread-safe and remembers names
            schema = new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("Schema id " + id + " in the schema registry at " + displayUrl
                    + " is not a self-contained Avro schema (" + e.getMessage() + "). Schemas with references are"
                    + " not supported; register the schema with its named types inlined.", response.statusCode(),
                    SchemaRegistryException.NO_ERROR_CODE, e);
        }
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient[" + displayUrl
                + (options == RegistryClientOptions.defaults() ? "" : ", " + options) + "]";
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    /**
     * A 401 or 403 says what was sent and what to set; any other status is {@code otherwise}'s. The
     * credentials themselves are never part of the message.
     */
    private SchemaRegistryException refusedOr(HttpResponse<String> response, ErrorBody error,
                                              java.util.function.Supplier<SchemaRegistryException> otherwise,
                                              String operation) {
        int status = response.statusCode();
        if (status != 401 && status != 403) {
            return otherwise.get();
        }
        String sent = authorization.isEmpty() ? "no credentials were sent"
                : "the credentials sent (" + options + ") were " + (status == 401 ? "rejected" : "not allowed this");
        return new SchemaRegistryException("The schema registry at " + displayUrl + " answered HTTP " + status
                + (status == 401 ? " Unauthorized" : " Forbidden") + " while " + operation + ": " + sent + ". Set "
                + RegistryClientOptions.BASIC_AUTH_SOURCE + "=USER_INFO with " + RegistryClientOptions.BASIC_AUTH_USER_INFO
                + "=user:secret (environment GEORISK_BASIC_AUTH_USER_INFO), or " + RegistryClientOptions.BEARER_AUTH_TOKEN
                + " (GEORISK_BEARER_AUTH_TOKEN), in the --config file or the environment.", status, error.code(), null);
    }

    /**
     * Sends {@code request}, following up to {@value #MAX_REDIRECTS} redirects itself: the {@code Authorization}
     * header goes only to the registry's own origin (scheme, host and port), never to the host a redirect
     * names if that is another one.
     */
    private HttpResponse<String> send(HttpRequest request, String operation) {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            HttpResponse<String> response = sendOnce(current, operation);
            int status = response.statusCode();
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                return response;
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty() || hop >= MAX_REDIRECTS) {
                return response;
            }
            URI target = current.uri().resolve(location.get());
            boolean sameOrigin = origin.equals(origin(target));
            HttpRequest.Builder next = HttpRequest.newBuilder(current, (name, value) ->
                    sameOrigin || !"Authorization".equalsIgnoreCase(name)).uri(target);
            if (status == 303) {
                next.GET();
            }
            current = next.build();
        }
    }

    private SchemaRegistryException tlsFailed(String operation, javax.net.ssl.SSLException e) {
        return new SchemaRegistryException("TLS with the schema registry at " + displayUrl + " failed while "
                + operation + ": " + e.getMessage() + ". If its certificate is signed by your own CA, set "
                + RegistryClientOptions.TRUSTSTORE_LOCATION + " (and " + RegistryClientOptions.TRUSTSTORE_PASSWORD
                + ") to a trust store holding that CA.", SchemaRegistryException.NO_STATUS,
                SchemaRegistryException.NO_ERROR_CODE, e);
    }

    private static URI origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return URI.create(scheme + "://" + host + ":" + port);
    }

    private HttpResponse<String> sendOnce(HttpRequest request, String operation) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (javax.net.ssl.SSLException e) {
            throw tlsFailed(operation, e);
        } catch (HttpConnectTimeoutException e) {
            throw SchemaRegistryException.timedOut(displayUrl, operation + " (connecting)",
                    http.connectTimeout().orElse(DEFAULT_CONNECT_TIMEOUT), e);
        } catch (HttpTimeoutException e) {
            throw SchemaRegistryException.timedOut(displayUrl, operation, requestTimeout, e);
        } catch (ConnectException e) {
            throw SchemaRegistryException.connectionRefused(displayUrl, e);
        } catch (IOException e) {
            if (e.getCause() instanceof javax.net.ssl.SSLException tls) {
                throw tlsFailed(operation, tls);
            }
            throw SchemaRegistryException.ioFailed(displayUrl, operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while " + operation + " at " + displayUrl,
                    SchemaRegistryException.NO_STATUS, SchemaRegistryException.NO_ERROR_CODE, e);
        }
    }

    private JsonNode readJson(HttpResponse<String> response, String operation) {
        String body = response.body();
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new SchemaRegistryException("The schema registry at " + displayUrl + " answered " + operation
                        + " with something other than a JSON object: " + abbreviate(body) + ". Is the URL's path"
                        + " right (Apicurio: /apis/ccompat/v7)?", response.statusCode(), SchemaRegistryException.NO_ERROR_CODE, null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException("The schema registry at " + displayUrl + " answered " + operation
                    + " with a body that is not JSON: " + abbreviate(body) + ". Is the URL's path right (Apicurio:"
                    + " /apis/ccompat/v7)?", response.statusCode(), SchemaRegistryException.NO_ERROR_CODE, e);
        }
    }

    private SchemaRegistryException unexpected(String operation, HttpResponse<String> response, String what) {
        return new SchemaRegistryException("The schema registry at " + displayUrl + " answered " + operation
                + " with HTTP " + response.statusCode() + " but " + what + " in the body: " + abbreviate(response.body()),
                response.statusCode(), SchemaRegistryException.NO_ERROR_CODE, null);
    }

    static String encodePathSegment(String segment) {
        // URLEncoder is for forms: a space becomes '+', which a path does not decode back
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String basicAuth(String rawUserInfo) {
        String userInfo = URLDecoder.decode(rawUserInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Malformed schema registry URL", e);
        }
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= 300 ? "'" + text + "'" : "'" + text.substring(0, 300) + "…'";
    }

    private record SubjectSchema(String subject, String canonicalSchema) {
    }

    /** Confluent's error body, {@code {"error_code":40403,"message":"…"}}, or whatever the body was. */
    private record ErrorBody(int code, String message) {
        static ErrorBody parse(String body) {
            try {
                JsonNode node = JSON.readTree(body == null ? "" : body);
                if (node != null && node.isObject()) {
                    JsonNode code = node.get("error_code");
                    JsonNode message = node.get("message");
                    return new ErrorBody(code != null && code.canConvertToInt() ? code.intValue()
                            : SchemaRegistryException.NO_ERROR_CODE,
                            message != null && !message.isNull() ? message.asText() : null);
                }
            } catch (JsonProcessingException e) {
                // not JSON (a proxy's HTML page, plain text): show it as it is
            }
            return new ErrorBody(SchemaRegistryException.NO_ERROR_CODE,
                    body == null || body.isBlank() ? null : abbreviate(body));
        }
    }
}
