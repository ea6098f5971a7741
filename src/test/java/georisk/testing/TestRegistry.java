package georisk.testing;

/**
 * The Confluent-compatible schema registry that integration tests use: {@value #URL_ENV} when set,
 * else a local Apicurio Registry ({@code ../shared/tools/apicurio/start-registry.sh} builds and starts
 * it) through its Confluent-compatible API. Nothing here starts or checks it.
 */
public final class TestRegistry {
    /** Environment variable naming the registry's base URL. */
    public static final String URL_ENV = "GEORISK_TEST_SCHEMA_REGISTRY_URL";
    /** Apicurio Registry's Confluent-compatible API on its default port. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8081/apis/ccompat/v7";

    private TestRegistry() {
    }

    /** The registry's base URL, without a trailing slash. */
    public static String url() {
        final String fromEnv = System.getenv(URL_ENV);
        final String url = fromEnv == null || fromEnv.isBlank() ? DEFAULT_URL : fromEnv.trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
