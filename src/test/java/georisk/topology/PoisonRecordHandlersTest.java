package georisk.topology;

import georisk.serde.SchemaRegistryException;
import org.apache.avro.SystemLimitException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoisonRecordHandlersTest {
    private static SchemaRegistryException registry(final int status, final int code) {
        return new SchemaRegistryException("registry", status, code, null);
    }

    @Test
    void shouldBlameTheRecordOnlyForItsOwnFaults() {
        assertThat(PoisonRecordHandlers.isRecordFault(new SerializationException("garbage"))).isTrue();
        assertThat(PoisonRecordHandlers.isRecordFault(new SystemLimitException("length bomb"))).isTrue();
        assertThat(PoisonRecordHandlers.isRecordFault(new NullPointerException())).isTrue();
        assertThat(PoisonRecordHandlers.isRecordFault(new SerializationException("unknown id",
                registry(404, SchemaRegistryException.SCHEMA_NOT_FOUND)))).isTrue();

        assertThat(PoisonRecordHandlers.isRecordFault(new StreamsException(registry(-1, -1)))).isFalse();
        assertThat(PoisonRecordHandlers.isRecordFault(registry(503, -1))).isFalse();
        assertThat(PoisonRecordHandlers.isRecordFault(registry(401, -1))).as("refused: an operator must act").isFalse();
        assertThat(PoisonRecordHandlers.isRecordFault(new TimeoutException("broker"))).isFalse();
    }

    @Test
    void shouldReplaceThreadsOnlyForOutages() {
        assertThat(PoisonRecordHandlers.isTransient(new StreamsException(registry(-1, -1)))).isTrue();
        assertThat(PoisonRecordHandlers.isTransient(new StreamsException(new TimeoutException("broker")))).isTrue();
        assertThat(PoisonRecordHandlers.isTransient(registry(401, -1))).isFalse();
        assertThat(PoisonRecordHandlers.isTransient(new OutOfMemoryError())).isFalse();
        assertThat(PoisonRecordHandlers.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
