package georisk.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSettingsTest {
    private final StreamsSettings streams = new StreamsSettings("georisk", Path.of("state"), 2, 1,
            StreamsSettings.DEFAULT_COMMIT_INTERVAL);

    @Test
    void shouldCommitOftenAndNotHoldOutputBatchesUntilTheCommit() {
        final Properties p = new KafkaSettings("localhost:9092", "mock://x", Map.of()).streamsProperties(streams);
        assertThat(p).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("commit.interval.ms", "50")
                .containsEntry("producer.linger.ms", "5")
                .containsEntry("producer.compression.type", "lz4");
    }

    @Test
    void shouldLetTheUsersOwnClientPropertiesWin() {
        final Properties p = new KafkaSettings("localhost:9092", "mock://x",
                Map.of("producer.linger.ms", "20", "producer.compression.type", "zstd")).streamsProperties(streams);
        assertThat(p).containsEntry("producer.linger.ms", "20").containsEntry("producer.compression.type", "zstd");
    }

    @Test
    void shouldRefuseAStreamsPropertyThatAnOptionSetsNamingTheOption() {
        assertThatThrownBy(() -> new KafkaSettings("localhost:9092", "mock://x", Map.of("commit.interval.ms", "1000")))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining("commit.interval.ms")
                .hasMessageContaining("--commit-interval, GEORISK_COMMIT_INTERVAL or georisk.commit.interval");
        for (final String key : KafkaSettings.STREAMS_PROPERTIES_OF_OPTIONS.keySet()) {
            assertThatThrownBy(() -> new KafkaSettings("localhost:9092", "mock://x", Map.of(key, "1")))
                    .as(key).isInstanceOf(SettingException.class).hasMessageContaining(key);
        }
    }
}
