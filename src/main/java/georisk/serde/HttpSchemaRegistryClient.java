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
 * which becomes HTTP basic authentication ({@code https://user:secret@host}). Answers are cached in both
 * directions, so each subject and schema costs one request per client. Thread-safe; share one instance.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    /** Retries of a registration answered 409, in case the conflict was a registry-side race. */
    private static final int CONFLICT_RETRIES = 2;


    /** Time allowed to open a connection, unless given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Time allowed for one request's answer, unless given. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String displayUrl;
    private final Optional<String> authorization;
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
        this.authorization = Optional.ofNullable(baseUrl.getRawUserInfo()).map(HttpSchemaRegistryClient::basicAuth);
        this.http = HttpClient.newBuilder()
                // HTTP/1.1: an h2c upgrade on a POST is what some registries and proxies get wrong
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
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
            throw SchemaRegistryException.registerFailed(displayUrl, subject, response.statusCode(), error.code(),
                    error.message());
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
            throw SchemaRegistryException.fetchFailed(displayUrl, id, response.statusCode(), error.code(),
                    error.message());
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
        return "HttpSchemaRegistryClient[" + displayUrl + "]";
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request, String operation) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw SchemaRegistryException.timedOut(displayUrl, operation + " (connecting)",
                    http.connectTimeout().orElse(DEFAULT_CONNECT_TIMEOUT), e);
        } catch (HttpTimeoutException e) {
            throw SchemaRegistryException.timedOut(displayUrl, operation, requestTimeout, e);
        } catch (ConnectException e) {
            throw SchemaRegistryException.connectionRefused(displayUrl, e);
        } catch (IOException e) {
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
