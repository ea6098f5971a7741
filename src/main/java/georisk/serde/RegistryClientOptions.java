package georisk.serde;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How an {@link HttpSchemaRegistryClient} authenticates, trusts and registers, read from the property names
 * of Confluent's serializers so that a deployment's existing client properties work unchanged:
 * <ul>
 *   <li>{@code basic.auth.credentials.source} {@code URL} (the URL's user-info; the default when the URL has
 *       one) or {@code USER_INFO} (with {@code basic.auth.user.info=user:secret}; the default when that is
 *       set);</li>
 *   <li>{@code bearer.auth.credentials.source=STATIC_TOKEN} with {@code bearer.auth.token};</li>
 *   <li>{@code schema.registry.ssl.truststore.location|password|type} and
 *       {@code schema.registry.ssl.keystore.location|password|type}, {@code schema.registry.ssl.key.password}
 *       for TLS (types JKS or PKCS12, default JKS as Kafka's);</li>
 *   <li>{@code auto.register.schemas} (default {@code true}) and {@code use.latest.version} (default
 *       {@code false}): with auto-registration off, georisk only looks its schemas up.</li>
 * </ul>
 * A property georisk does not know, or a value it does not support, is refused with a message naming the
 * property (never a secret's value). {@link #toString()} never shows credentials.
 */
public final class RegistryClientOptions {
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SSL = "schema.registry.ssl.";
    public static final String TRUSTSTORE_LOCATION = SSL + "truststore.location";
    public static final String TRUSTSTORE_PASSWORD = SSL + "truststore.password";
    public static final String TRUSTSTORE_TYPE = SSL + "truststore.type";
    public static final String KEYSTORE_LOCATION = SSL + "keystore.location";
    public static final String KEYSTORE_PASSWORD = SSL + "keystore.password";
    public static final String KEYSTORE_TYPE = SSL + "keystore.type";
    public static final String KEY_PASSWORD = SSL + "key.password";

    /** Every property name this class reads. */
    public static final Set<String> KNOWN = Set.of(BASIC_AUTH_SOURCE, BASIC_AUTH_USER_INFO, BEARER_AUTH_SOURCE,
            BEARER_AUTH_TOKEN, AUTO_REGISTER, USE_LATEST_VERSION, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD,
            TRUSTSTORE_TYPE, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE, KEY_PASSWORD);

    private static final RegistryClientOptions NONE = new RegistryClientOptions(null, null, true, false, "none");

    private final String authorization;
    private final SSLContext sslContext;
    private final boolean autoRegister;
    private final boolean useLatestVersion;
    private final String description;

    private RegistryClientOptions(final String authorization, final SSLContext sslContext, final boolean autoRegister,
                                  final boolean useLatestVersion, final String description) {
        this.authorization = authorization;
        this.sslContext = sslContext;
        this.autoRegister = autoRegister;
        this.useLatestVersion = useLatestVersion;
        this.description = description;
    }

    /** No credentials, the JDK's trust store, auto-registration on: the URL's user-info still applies. */
    public static RegistryClientOptions defaults() {
        return NONE;
    }

    /**
     * Reads the properties above for a registry at {@code url}.
     *
     * @param url        the registry URL (its user-info is the credential of source {@code URL})
     * @param properties Confluent-named properties; {@code schema.registry.url} is ignored here
     * @throws IllegalArgumentException naming the property when one is unknown, unsupported or inconsistent
     */
    public static RegistryClientOptions of(final URI url, final Map<String, String> properties) {
        final Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(KNOWN);
        unknown.remove("schema.registry.url");
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown schema registry propert" + (unknown.size() == 1 ? "y " : "ies ")
                    + String.join(", ", unknown) + "; known: " + String.join(", ", new TreeSet<>(KNOWN)));
        }
        final String userInfoInUrl = url.getRawUserInfo();
        final String basicSource = upper(properties.get(BASIC_AUTH_SOURCE));
        final String userInfo = blankToNull(properties.get(BASIC_AUTH_USER_INFO));
        final String bearerSource = upper(properties.get(BEARER_AUTH_SOURCE));
        final String token = blankToNull(properties.get(BEARER_AUTH_TOKEN));

        String basic = null;
        String how = "none";
        final String source = basicSource != null ? basicSource : userInfo != null ? "USER_INFO" : "URL";
        switch (source) {
            case "URL" -> {
                if (userInfoInUrl != null) {
                    basic = URLDecoder.decode(userInfoInUrl.replace("+", "%2B"), StandardCharsets.UTF_8);
                    how = "basic (URL user-info)";
                } else if (basicSource != null) {
                    throw new IllegalArgumentException(BASIC_AUTH_SOURCE + "=URL but the schema registry URL has no "
                            + "user-info (https://user:secret@host/...)");
                }
            }
            case "USER_INFO" -> {
                if (userInfo == null || !userInfo.contains(":")) {
                    throw new IllegalArgumentException(BASIC_AUTH_SOURCE + "=USER_INFO needs " + BASIC_AUTH_USER_INFO
                            + " as user:secret");
                }
                basic = userInfo;
                how = "basic (" + BASIC_AUTH_USER_INFO + ")";
            }
            default -> throw new IllegalArgumentException(BASIC_AUTH_SOURCE + " '" + properties.get(BASIC_AUTH_SOURCE)
                    + "' is not supported: use URL or USER_INFO (SASL_INHERIT is not supported)");
        }
        String bearer = null;
        if (bearerSource != null || token != null) {
            if (bearerSource != null && !"STATIC_TOKEN".equals(bearerSource)) {
                throw new IllegalArgumentException(BEARER_AUTH_SOURCE + " '" + properties.get(BEARER_AUTH_SOURCE)
                        + "' is not supported: use STATIC_TOKEN with " + BEARER_AUTH_TOKEN);
            }
            if (token == null) {
                throw new IllegalArgumentException(BEARER_AUTH_SOURCE + "=STATIC_TOKEN needs " + BEARER_AUTH_TOKEN);
            }
            if (basic != null) {
                throw new IllegalArgumentException("both basic authentication (" + how + ") and a bearer token are "
                        + "configured for the schema registry: choose one");
            }
            bearer = token;
            how = "bearer (" + BEARER_AUTH_TOKEN + ")";
        }
        final String authorization = bearer != null ? "Bearer " + bearer
                : basic != null ? "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8))
                : null;
        final SSLContext ssl = sslContext(properties);
        final boolean autoRegister = bool(properties, AUTO_REGISTER, true);
        final boolean useLatest = bool(properties, USE_LATEST_VERSION, false);
        return new RegistryClientOptions(authorization, ssl, autoRegister, useLatest, "auth " + how
                + (ssl != null ? ", TLS from " + SSL + "*" : "") + ", " + AUTO_REGISTER + "=" + autoRegister + ", "
                + USE_LATEST_VERSION + "=" + useLatest);
    }

    /** The {@code Authorization} header value, if any credentials are configured. */
    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** The TLS context built from the trust and key stores, if any were given. */
    Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /** Whether georisk registers its schemas ({@code auto.register.schemas}). */
    public boolean autoRegister() {
        return autoRegister;
    }

    /** Whether a lookup takes the subject's latest version first ({@code use.latest.version}). */
    public boolean useLatestVersion() {
        return useLatestVersion;
    }

    /** What is configured, without any secret, e.g. {@code auth basic (basic.auth.user.info), ...}. */
    @Override
    public String toString() {
        return description;
    }

    private static SSLContext sslContext(final Map<String, String> p) {
        final String trustLocation = blankToNull(p.get(TRUSTSTORE_LOCATION));
        final String keyLocation = blankToNull(p.get(KEYSTORE_LOCATION));
        if (trustLocation == null && keyLocation == null) {
            return null;
        }
        try {
            TrustManagerFactory tmf = null;
            if (trustLocation != null) {
                final KeyStore trust = load(TRUSTSTORE_LOCATION, trustLocation, p.get(TRUSTSTORE_TYPE),
                        p.get(TRUSTSTORE_PASSWORD));
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (keyLocation != null) {
                final String storePassword = p.get(KEYSTORE_PASSWORD);
                final KeyStore keys = load(KEYSTORE_LOCATION, keyLocation, p.get(KEYSTORE_TYPE), storePassword);
                final String keyPassword = p.getOrDefault(KEY_PASSWORD, storePassword);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, keyPassword == null ? new char[0] : keyPassword.toCharArray());
            }
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (final GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot set up TLS for the schema registry from " + SSL + "*: " + e);
        }
    }

    private static KeyStore load(final String property, final String location, final String type,
                                 final String password) {
        final String storeType = type == null || type.isBlank() ? "JKS" : type.strip().toUpperCase(Locale.ROOT);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            final KeyStore store = KeyStore.getInstance(storeType);
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (final IOException e) {
            // a wrong password surfaces as an IOException whose cause is an UnrecoverableKeyException
            throw new IllegalArgumentException(property + " '" + location + "' cannot be read as a " + storeType
                    + " store: " + (e.getCause() != null ? e.getCause().getMessage() : e.toString())
                    + " (check the file, its type and its password)");
        } catch (final GeneralSecurityException e) {
            throw new IllegalArgumentException(property + " '" + location + "': " + e.getMessage());
        }
    }

    private static boolean bool(final Map<String, String> p, final String key, final boolean fallback) {
        final String value = blankToNull(p.get(key));
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " '" + value + "' is not true or false");
        };
    }

    private static String upper(final String value) {
        final String v = blankToNull(value);
        return v == null ? null : v.toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
