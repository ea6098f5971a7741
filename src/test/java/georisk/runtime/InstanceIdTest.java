package georisk.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceIdTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepOneIdPerStateDirectoryAcrossRestarts() throws Exception {
        final String first = InstanceId.groupInstanceId("georisk-scoring", dir.resolve("a"));
        final String again = InstanceId.groupInstanceId("georisk-scoring", dir.resolve("a"));
        final String other = InstanceId.groupInstanceId("georisk-scoring", dir.resolve("b"));

        assertThat(first).startsWith("georisk-scoring-").isEqualTo(again).isNotEqualTo(other);
        assertThat(Files.readString(dir.resolve("a").resolve(InstanceId.FILE)).strip())
                .isEqualTo(first.substring("georisk-scoring-".length()));
    }
}
