package georisk.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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

    @Test
    void shouldEnableTheHandlerForGlobalStateWithoutKafkaStreamsWarningItIsOff(@TempDir final Path dir) {
        final Properties p = new KafkaSettings("localhost:1", "mock://x", Map.of())
                .streamsProperties(new StreamsSettings("georisk-test", dir, 2, 1, StreamsSettings.DEFAULT_COMMIT_INTERVAL));
        assertThat(p).containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("source"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
        final ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        final Logger logger = (Logger) LoggerFactory.getLogger(StreamsConfig.class);
        logger.addAppender(logs);
        try {
            // constructing KafkaStreams creates each stream thread's consumer and its partition assignor, which
            // builds a StreamsConfig of its own from the consumer's settings; nothing connects before start()
            new KafkaStreams(builder.build(p), p).close();
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("not enabled for the GlobalThread"));
    }
}
