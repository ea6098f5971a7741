package georisk.topology;

import georisk.events.DeadLetterHeaders;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The headers of a dead letter: why it was set aside, by which stage, where it was read and when. One
 * place, shared by the validate stages and the Kafka Streams exception handlers ({@link PoisonRecordHandlers}),
 * so that every record on {@code geo-events-dlq} says the same things the same way.
 */
public final class DeadLetters {
    private DeadLetters() {
    }

    /**
     * Sets the dead-letter headers on {@code headers} (replacing any of the same name).
     *
     * @param partition the source partition, or a negative number when unknown
     * @param offset    the source offset, or a negative number when unknown
     */
    public static Headers stamp(final Headers headers, final String reason, final String stage, final String topic,
                                final int partition, final long offset, final Instant failedAt) {
        put(headers, DeadLetterHeaders.REASON, DeadLetterHeaders.reason(reason == null ? "unknown" : reason));
        put(headers, DeadLetterHeaders.STAGE, stage);
        if (topic != null) {
            put(headers, DeadLetterHeaders.SOURCE_TOPIC, topic);
        }
        if (partition >= 0) {
            put(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(partition));
        }
        if (offset >= 0) {
            put(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(offset));
        }
        put(headers, DeadLetterHeaders.FAILED_AT, failedAt.toString());
        return headers;
    }

    private static void put(final Headers headers, final String key, final String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
