package georisk.serde;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryingSchemaRegistryClientTest {
    private static final Schema SCHEMA = Schema.create(Schema.Type.STRING);

    /** Fails {@code failures} times with {@code error}, then answers. */
    private static final class Flaky implements SchemaRegistryClient {
        private final AtomicInteger calls = new AtomicInteger();
        private final int failures;
        private final SchemaRegistryException error;

        Flaky(final int failures, final SchemaRegistryException error) {
            this.failures = failures;
            this.error = error;
        }

        @Override
        public int register(final String subject, final Schema schema) {
            if (calls.incrementAndGet() <= failures) {
                throw error;
            }
            return 7;
        }

        @Override
        public Schema schemaById(final int id) {
            if (calls.incrementAndGet() <= failures) {
                throw error;
            }
            return SCHEMA;
        }
    }

    private static SchemaRegistryException status(final int status) {
        return new SchemaRegistryException("HTTP " + status, status, SchemaRegistryException.NO_ERROR_CODE, null);
    }

    @Test
    void shouldClassifyFailuresByStatusAndCode() {
        assertThat(status(SchemaRegistryException.NO_STATUS).kind()).isEqualTo(SchemaRegistryException.Kind.UNAVAILABLE);
        assertThat(status(500).isTransient()).isTrue();
        assertThat(status(503).isTransient()).isTrue();
        assertThat(status(429).isTransient()).isTrue();
        assertThat(status(404).kind()).isEqualTo(SchemaRegistryException.Kind.NOT_FOUND);
        assertThat(new SchemaRegistryException("x", 404, SchemaRegistryException.SCHEMA_NOT_FOUND, null).isTransient())
                .isFalse();
        assertThat(status(200).kind()).isEqualTo(SchemaRegistryException.Kind.UNUSABLE_ANSWER);
        assertThat(status(401).kind()).isEqualTo(SchemaRegistryException.Kind.REFUSED);
        assertThat(status(409).kind()).isEqualTo(SchemaRegistryException.Kind.REFUSED);
        assertThat(SchemaRegistryException.connectionRefused("http://r", null).isTransient()).isTrue();
    }

    @Test
    void shouldWaitOutTransientFailuresAndReportTheOutageUntilAnAnswer() {
        final RegistryHealth health = new RegistryHealth();
        final Flaky apicurioLockTimeout = new Flaky(2, status(500));
        final RetryingSchemaRegistryClient client =
                new RetryingSchemaRegistryClient(apicurioLockTimeout, health, Duration.ofSeconds(5));

        assertThat(client.register("s-value", SCHEMA)).isEqualTo(7);
        assertThat(apicurioLockTimeout.calls).hasValue(3);
        assertThat(health.outage()).isEmpty();
    }

    @Test
    void shouldGiveUpAfterTheBudgetStillTransientAndReportWhy() {
        final RegistryHealth health = new RegistryHealth();
        final Flaky down = new Flaky(Integer.MAX_VALUE, SchemaRegistryException.connectionRefused("http://r", null));
        final RetryingSchemaRegistryClient client =
                new RetryingSchemaRegistryClient(down, health, Duration.ofMillis(400));

        assertThatThrownBy(() -> client.schemaById(3)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.isTransient()).isTrue());
        assertThat(down.calls.get()).isBetween(2, 10);
        assertThat(health.outage()).hasValueSatisfying(o -> assertThat(o.reason()).contains("connection refused"));
    }

    @Test
    void shouldPassARefusalOnAtOnce() {
        final RegistryHealth health = new RegistryHealth();
        final Flaky notFound = new Flaky(1, new SchemaRegistryException("no such id", 404,
                SchemaRegistryException.SCHEMA_NOT_FOUND, null));
        final RetryingSchemaRegistryClient client =
                new RetryingSchemaRegistryClient(notFound, health, Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.schemaById(3)).isInstanceOf(SchemaRegistryException.class);
        assertThat(notFound.calls).hasValue(1);
        assertThat(health.outage()).as("the registry answered").isEmpty();
    }
}
