package georisk.serde;

import georisk.events.GeoEvent;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import georisk.testing.TestRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The HTTP client and the Avro serdes against a real Confluent-compatible registry: Apicurio Registry's
 * {@code /apis/ccompat/v7}, or whatever {@code GEORISK_TEST_SCHEMA_REGISTRY_URL} names (see {@link TestRegistry}). Fails, never
 * skips, when the registry is not there. Every test uses its own subjects.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpSchemaRegistryClientIT {
    private static final String URL = TestRegistry.url();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    private final String run = UUID.randomUUID().toString();

    @BeforeAll
    static void registryIsUp() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(URL + "/subjects"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s/subjects answered %s", URL, response.body()).isEqualTo(200);
        } catch (IOException e) {
            fail("No schema registry answers at " + URL + " (" + e + "). Start the Apicurio registry with"
                    + " `.ci/registry/start-registry.sh start` (from the repository root; .ci/run does"
                    + " it in CI), or point GEORISK_TEST_SCHEMA_REGISTRY_URL at a Confluent-compatible registry.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted while checking the schema registry at " + URL);
        }
    }

    @Test
    void shouldRegisterAndGetTheSameIdAgainFromAnyClient() {
        String subject = subject("register");

        int id = SchemaRegistryClients.forUrl(URL).register(subject, GeoEvent.getClassSchema());
        int again = SchemaRegistryClients.forUrl(URL).register(subject, GeoEvent.getClassSchema());

        assertThat(id).isPositive();
        assertThat(again).isEqualTo(id);
    }

    @Test
    void shouldFetchAnEqualSchemaById() {
        int id = SchemaRegistryClients.forUrl(URL).register(subject("fetch"), GeoEvent.getClassSchema());

        Schema fetched = SchemaRegistryClients.forUrl(URL).schemaById(id);

        assertThat(fetched).isEqualTo(GeoEvent.getClassSchema());
        assertThat(fetched.toString()).isEqualTo(GeoEvent.getClassSchema().toString());
    }

    @Test
    void shouldReportMissingIdAs40403() {
        assertThatThrownBy(() -> SchemaRegistryClients.forUrl(URL).schemaById(2_000_000_000))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                })
                .hasMessageContaining("Schema id 2000000000 was not found")
                .hasMessageContaining(URL);
    }

    @Test
    void shouldRefuseIncompatibleChangeUnderBackwardCompatibility() throws Exception {
        String subject = subject("compat");
        SchemaRegistryClient client = SchemaRegistryClients.forUrl(URL);
        int v1 = client.register(subject, probe(SchemaBuilder.record("Probe").namespace("georisk.it").fields()
                .requiredString("name")
                .endRecord()));
        setCompatibility(subject, "BACKWARD");

        Schema typeChanged = probe(SchemaBuilder.record("Probe").namespace("georisk.it").fields()
                .requiredInt("name")
                .endRecord());
        Schema fieldAddedWithDefault = probe(SchemaBuilder.record("Probe").namespace("georisk.it").fields()
                .requiredString("name")
                .name("weight").type().doubleType().doubleDefault(1.0)
                .endRecord());

        assertThatThrownBy(() -> client.register(subject, typeChanged))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.status()).isEqualTo(409);
                })
                .hasMessageContaining("subject '" + subject + "'")
                .hasMessageContaining("incompatible");
        assertThat(client.register(subject, fieldAddedWithDefault)).isNotEqualTo(v1);
    }

    @Test
    void shouldReadWhatAnotherHttpBackedSerializerWrote() {
        String topic = "georisk-it-" + run + "-geo-events";
        AvroSerializer<GeoEvent> serializer = new AvroSerializer<>(SchemaRegistryClients.forUrl(URL), false);
        AvroDeserializer<GeoEvent> deserializer =
                new AvroDeserializer<>(SchemaRegistryClients.forUrl(URL), GeoEvent.class);

        byte[] framed = serializer.serialize(topic, Samples.fullGeoEvent());
        GeoEvent read = deserializer.deserialize(topic, framed);

        assertThat(read).isEqualTo(Samples.fullGeoEvent());
        assertThat(WireFormat.schemaId(framed))
                .isEqualTo(SchemaRegistryClients.forUrl(URL).register(topic + "-value", GeoEvent.getClassSchema()));
    }

    private String subject(String test) {
        return "georisk-it-" + test + "-" + run + "-value";
    }

    /** A schema unique to this run, so that ids and compatibility checks start from nothing. */
    private Schema probe(Schema schema) {
        schema.addProp("georisk.it.run", run);
        return schema;
    }

    private static void setCompatibility(String subject, String level) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(URL + "/config/"
                        + HttpSchemaRegistryClient.encodePathSegment(subject)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        HttpResponse<String> response = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT /config/%s answered %s", subject, response.body()).isEqualTo(200);
    }
}
