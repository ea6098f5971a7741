package georisk.serde;

import com.sun.net.httpserver.HttpServer;
import georisk.events.GeoEvent;
import georisk.testing.AuthRegistryProxy;
import georisk.testing.TestCa;
import georisk.testing.TestRegistry;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The registry client against a registry deployed as secured ones are: the real Apicurio behind an
 * authenticating proxy (basic auth or a bearer token), over plain HTTP and over TLS with a CA made at test
 * time. Wrong or missing credentials and an untrusted certificate fail with a message that says what to
 * set; the right ones give a serde round trip; credentials never reach another origin on a redirect.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecuredRegistryIT {
    private static final String USER = "georisk";
    private static final String PASSWORD = "s3cret-" + UUID.randomUUID();
    private static final String TOKEN = "t0ken-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private static AuthRegistryProxy plain;
    private static AuthRegistryProxy tls;
    private static TestCa ca;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        plain = AuthRegistryProxy.http(TestRegistry.url(), USER, PASSWORD, TOKEN);
        ca = TestCa.create(dir);
        tls = AuthRegistryProxy.https(TestRegistry.url(), ca.serverContext(), USER, PASSWORD, TOKEN);
    }

    @AfterAll
    static void stop() {
        if (plain != null) {
            plain.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    @Test
    void shouldRefuseWithoutCredentialsSayingWhatToSet() {
        final SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> SchemaRegistryClients.forUrl(plain.url()).register(subject(), GeoEvent.getClassSchema()));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("HTTP 401", "no credentials were sent", "basic.auth.user.info",
                "GEORISK_BASIC_AUTH_USER_INFO");
    }

    @Test
    void shouldRefuseWrongCredentialsWithoutRepeatingThem() {
        final SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(plain.url(), Map.of("basic.auth.credentials.source", "USER_INFO",
                        "basic.auth.user.info", USER + ":wrong-password-42")).register(subject(), GeoEvent.getClassSchema()));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("were rejected").doesNotContain("wrong-password-42");
    }

    @Test
    void shouldRoundTripWithUserInfoProperty() {
        roundTrip(() -> client(plain.url(), Map.of("basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", USER + ":" + PASSWORD)));
    }

    @Test
    void shouldRoundTripWithUserInfoInTheUrlAndNeverShowIt() {
        final String url = plain.url().replace("http://", "http://" + USER + ":" + PASSWORD + "@");

        roundTrip(() -> SchemaRegistryClients.create(url, Map.of("basic.auth.credentials.source", "URL")));
        assertThat(SchemaRegistryClients.create(url, Map.of()).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void shouldRoundTripWithStaticBearerToken() {
        roundTrip(() -> client(plain.url(), Map.of("bearer.auth.credentials.source", "STATIC_TOKEN",
                "bearer.auth.token", TOKEN)));
    }

    @Test
    void shouldKeepCredentialsOnSameOriginRedirectAndDropThemForAnotherOrigin() throws Exception {
        final Map<String, String> auth = Map.of("basic.auth.user.info", USER + ":" + PASSWORD);
        roundTrip(() -> client(plain.url() + "/moved", auth));

        final HttpServer elsewhere = AuthRegistryProxy.redirector(plain.url());
        try {
            final int seenBefore = plain.authorizations().size();
            final SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                    () -> client("http://localhost:" + elsewhere.getAddress().getPort(), auth)
                            .register(subject(), GeoEvent.getClassSchema()));

            assertThat(e.status()).as("the proxy got no credentials after the cross-origin redirect").isEqualTo(401);
            assertThat(plain.authorizations().subList(seenBefore, plain.authorizations().size())).containsOnly("-");
        } finally {
            elsewhere.stop(0);
        }
    }

    @Test
    void shouldRoundTripOverTlsTrustingTheCaFromTruststoreProperties() {
        roundTrip(() -> client(tls.url(), Map.of(
                "basic.auth.user.info", USER + ":" + PASSWORD,
                "schema.registry.ssl.truststore.location", ca.trustStore().toString(),
                "schema.registry.ssl.truststore.password", TestCa.PASSWORD,
                "schema.registry.ssl.truststore.type", "PKCS12")));
    }

    @Test
    void shouldFailClearlyWhenTheCertificateIsNotTrusted() {
        final SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(tls.url(), Map.of("basic.auth.user.info", USER + ":" + PASSWORD))
                        .register(subject(), GeoEvent.getClassSchema()));

        assertThat(e.getMessage()).contains("TLS with the schema registry at " + tls.url(),
                "schema.registry.ssl.truststore.location");
    }

    @Test
    void shouldOnlyLookUpWhenAutoRegistrationIsOff() throws Exception {
        final Map<String, String> auth = Map.of("basic.auth.user.info", USER + ":" + PASSWORD);
        final Map<String, String> lookUpOnly = Map.of("basic.auth.user.info", USER + ":" + PASSWORD,
                "auto.register.schemas", "false", "use.latest.version", "true");
        final String subject = subject();

        final SchemaRegistryException missing = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(plain.url(), lookUpOnly).register(subject, GeoEvent.getClassSchema()));
        assertThat(missing.getMessage()).contains("is not registered", "auto.register.schemas=false");

        final int registered = client(plain.url(), auth).register(subject, GeoEvent.getClassSchema());
        assertThat(client(plain.url(), lookUpOnly).register(subject, GeoEvent.getClassSchema())).isEqualTo(registered);

        // a newer, different latest version: georisk's own schema is still found, never the latest's id
        compatibilityNone(subject);
        final Schema other = SchemaBuilder.record("GeoEvent").namespace("georisk.events").fields()
                .requiredString("id").optionalString("extra").endRecord();
        final int otherId = client(plain.url(), auth).register(subject, other);
        assertThat(otherId).isNotEqualTo(registered);
        assertThat(client(plain.url(), lookUpOnly).register(subject, GeoEvent.getClassSchema())).isEqualTo(registered);
    }

    private static SchemaRegistryClient client(final String url, final Map<String, String> properties) {
        return SchemaRegistryClients.create(url, properties);
    }

    /** Writes with one client and reads with another, so both the registration and the fetch cross the proxy. */
    private void roundTrip(final java.util.function.Supplier<SchemaRegistryClient> clients) {
        final GeoEvent event = Samples.fullGeoEvent();
        final String topic = "secured-" + run;
        final byte[] bytes = new AvroSerializer<GeoEvent>(clients.get(), false).serialize(topic, event);
        final GeoEvent read = new AvroDeserializer<>(clients.get(), GeoEvent.class).deserialize(topic, bytes);
        assertThat(read).isEqualTo(event);
    }

    private static void compatibilityNone(final String subject) throws Exception {
        final java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(TestRegistry.url() + "/config/" + subject))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"NONE\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private String subject() {
        return "secured-" + run + "-" + UUID.randomUUID().toString().substring(0, 6) + "-value";
    }
}
