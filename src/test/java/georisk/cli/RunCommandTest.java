package georisk.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest {
    @Test
    void shouldWarnOnlyWhenAnOutputTopicWouldKeepGeoriskCompressedBatches() {
        assertThat(RunCommand.outputCompressionWarning("risk-scores", "producer", "lz4")).hasValueSatisfying(w ->
                assertThat(w).startsWith("risk-scores has compression.type=producer")
                        .contains("--entity-name risk-scores --add-config compression.type=uncompressed")
                        .contains("producer.compression.type=none"));
        assertThat(RunCommand.outputCompressionWarning("risk-scores", "uncompressed", "lz4")).isEmpty();
        assertThat(RunCommand.outputCompressionWarning("risk-scores", "gzip", "lz4")).isEmpty();  // the broker recompresses
        assertThat(RunCommand.outputCompressionWarning("risk-scores", "producer", "none")).isEmpty();
        assertThat(RunCommand.outputCompressionWarning("risk-scores", null, "lz4")).isEmpty();
    }
}
