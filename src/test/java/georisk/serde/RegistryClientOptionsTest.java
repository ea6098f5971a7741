package georisk.serde;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryClientOptionsTest {
    private static final URI PLAIN = URI.create("https://registry:8081");

    private static String basic(final String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void shouldTakeUserInfoPropertyAsBasicAuthWithoutSayingTheSecret() {
        final RegistryClientOptions options = RegistryClientOptions.of(PLAIN,
                Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "app:s3cret"));

        assertThat(options.authorization()).contains(basic("app:s3cret"));
        assertThat(options.toString()).contains("basic.auth.user.info").doesNotContain("s3cret");
    }

    @Test
    void shouldTakeTheUrlsUserInfoWhenTheSourceIsUrlOrUnset() {
        final URI withUser = URI.create("https://app:p%40ss@registry:8081");

        assertThat(RegistryClientOptions.of(withUser, Map.of()).authorization()).contains(basic("app:p@ss"));
        assertThat(RegistryClientOptions.of(withUser, Map.of("basic.auth.credentials.source", "url")).authorization())
                .contains(basic("app:p@ss"));
        assertThat(RegistryClientOptions.of(PLAIN, Map.of()).authorization()).isEmpty();
    }

    @Test
    void shouldSendAStaticBearerToken() {
        assertThat(RegistryClientOptions.of(PLAIN, Map.of("bearer.auth.credentials.source", "STATIC_TOKEN",
                "bearer.auth.token", "tok")).authorization()).contains("Bearer tok");
    }

    @Test
    void shouldRefuseWhatItCannotHonourNamingTheProperty() {
        assertThatThrownBy(() -> RegistryClientOptions.of(PLAIN, Map.of("basic.auth.credentials.source", "USER_INFO")))
                .hasMessageContaining("basic.auth.credentials.source=USER_INFO needs basic.auth.user.info");
        assertThatThrownBy(() -> RegistryClientOptions.of(PLAIN, Map.of("basic.auth.credentials.source", "URL")))
                .hasMessageContaining("has no user-info");
        assertThatThrownBy(() -> RegistryClientOptions.of(PLAIN, Map.of("bearer.auth.credentials.source", "OAUTHBEARER",
                "bearer.auth.token", "tok"))).hasMessageContaining("use STATIC_TOKEN");
        assertThatThrownBy(() -> RegistryClientOptions.of(PLAIN, Map.of("basic.auth.user.info", "a:b",
                "bearer.auth.token", "tok"))).hasMessageContaining("choose one");
        assertThatThrownBy(() -> RegistryClientOptions.of(PLAIN, Map.of("schema.registry.ssl.trustore.location", "x")))
                .hasMessageContaining("Unknown schema registry property schema.registry.ssl.trustore.location");
        assertThatThrownBy(() -> RegistryClientOptions.of(PLAIN, Map.of("auto.register.schemas", "no")))
                .hasMessageContaining("auto.register.schemas 'no' is not true or false");
        assertThatThrownBy(() -> RegistryClientOptions.of(PLAIN, Map.of(
                "schema.registry.ssl.truststore.location", "/nonexistent/truststore.p12",
                "schema.registry.ssl.truststore.password", "hunter2")))
                .hasMessageContaining("schema.registry.ssl.truststore.location '/nonexistent/truststore.p12' cannot be read")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldRegisterByDefaultAndOnlyLookUpWhenTold() {
        assertThat(RegistryClientOptions.of(PLAIN, Map.of()).autoRegister()).isTrue();
        final RegistryClientOptions lookUp = RegistryClientOptions.of(PLAIN,
                Map.of("auto.register.schemas", "false", "use.latest.version", "TRUE"));
        assertThat(lookUp.autoRegister()).isFalse();
        assertThat(lookUp.useLatestVersion()).isTrue();
    }
}
