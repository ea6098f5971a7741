package georisk.serde;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaRegistryClientsTest {

    @Test
    void shouldBuildInMemoryRegistryForMockUrl() {
        SchemaRegistryClient client = SchemaRegistryClients.forUrl("mock://clients-test");

        assertThat(client).isInstanceOfSatisfying(InMemorySchemaRegistry.class,
                registry -> assertThat(registry.scope()).isEqualTo("clients-test"));
        InMemorySchemaRegistry.dropScope("clients-test");
    }

    @Test
    void shouldBuildHttpClientForHttpAndHttpsUrlsKeepingThePath() {
        assertThat(SchemaRegistryClients.forUrl("http://127.0.0.1:8081/apis/ccompat/v7/"))
                .isInstanceOfSatisfying(HttpSchemaRegistryClient.class,
                        c -> assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:8081/apis/ccompat/v7"));
        assertThat(SchemaRegistryClients.forUrl("https://user:secret@registry.example:443"))
                .isInstanceOfSatisfying(HttpSchemaRegistryClient.class,
                        c -> assertThat(c.baseUrl()).isEqualTo("https://registry.example:443"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8081", "ftp://registry:21", "kafka://broker:9092", "mock://", "http://",
            "http://a:1,http://b:2"})
    void shouldRejectUnsupportedUrlNamingItAndTheAcceptedForms(String url) {
        assertThatThrownBy(() -> SchemaRegistryClients.forUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + url + "'")
                .hasMessageContaining("mock://<scope>")
                .hasMessageContaining("http://host:port")
                .hasMessageContaining("https://host:port");
    }

    @Test
    void shouldRejectMissingUrl() {
        assertThatThrownBy(() -> SchemaRegistryClients.forUrl(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No schema registry URL")
                .hasMessageContaining("mock://<scope>");
    }

    @Test
    void shouldNotRepeatPasswordsInErrors() {
        assertThatThrownBy(() -> SchemaRegistryClients.forUrl("ftp://user:hunter2@registry"))
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("ftp://***@registry");
    }
}
