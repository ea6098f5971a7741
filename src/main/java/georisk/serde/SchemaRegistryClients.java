package georisk.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link SchemaRegistryClient} a schema registry URL names:
 * <ul>
 *   <li>{@code mock://<scope>}: an {@link InMemorySchemaRegistry} shared by every client of the scope in
 *       this JVM (as Confluent's {@code MockSchemaRegistry});</li>
 *   <li>{@code http://…} and {@code https://…}: an {@link HttpSchemaRegistryClient} for a Confluent
 *       Schema Registry or a compatible one (Apicurio: {@code http://host:8081/apis/ccompat/v7}).</li>
 * </ul>
 */
public final class SchemaRegistryClients {
    private static final String ACCEPTED = "mock://<scope> (in-memory, e.g. mock://demo),"
            + " http://host:port[/path] or https://host:port[/path] (e.g. http://127.0.0.1:8081 for Confluent,"
            + " http://127.0.0.1:8081/apis/ccompat/v7 for Apicurio)";

    private SchemaRegistryClients() {
    }

    /**
     * @param url a schema registry URL
     * @return a new client for it
     * @throws IllegalArgumentException naming the URL and the accepted forms if the URL is none of them
     */
    public static SchemaRegistryClient forUrl(String url) {
        return create(url, Map.of());
    }

    /**
     * A client for {@code url} configured by Confluent-named properties ({@link RegistryClientOptions}:
     * {@code basic.auth.*}, {@code bearer.auth.*}, {@code schema.registry.ssl.*}, {@code auto.register.schemas},
     * {@code use.latest.version}); a {@code mock://} registry ignores them.
     *
     * @throws IllegalArgumentException naming the URL (masked) or the property that is wrong
     */
    public static SchemaRegistryClient create(String url, Map<String, String> properties) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("No schema registry URL given. Accepted: " + ACCEPTED + ".");
        }
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mock://")) {
            String scope = trimmed.substring("mock://".length());
            if (scope.isBlank() || scope.contains("/") || scope.contains(",")) {
                throw rejected(trimmed, "a mock URL needs one scope name");
            }
            return InMemorySchemaRegistry.forScope(scope);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            if (trimmed.contains(",")) {
                throw rejected(trimmed, "only one registry URL is supported");
            }
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                throw rejected(trimmed, e.getMessage());
            }
            if (uri.getHost() == null) {
                throw rejected(trimmed, "no host");
            }
            return properties.isEmpty() ? new HttpSchemaRegistryClient(uri)
                    : new HttpSchemaRegistryClient(uri, RegistryClientOptions.of(uri, properties));
        }
        throw rejected(trimmed, "unknown scheme");
    }

    private static IllegalArgumentException rejected(String url, String why) {
        return new IllegalArgumentException("Unsupported schema registry URL '" + masked(url) + "' (" + why
                + "). Accepted: " + ACCEPTED + ".");
    }

    /** The URL with any user-info replaced, so that passwords do not end up in logs. */
    public static String masked(String url) {
        return url.replaceFirst("//[^/@]*@", "//***@");
    }
}
