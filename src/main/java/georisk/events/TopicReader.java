package georisk.events;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads a whole topic as it stands: what a command that lists a topic, or a test that counts one, needs. */
public final class TopicReader {
    private TopicReader() {
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer} and hands each record, from the beginning up to
     * the end offsets the topic has now, to {@code each} (partitions interleaved, each in its order).
     *
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public static <K, V> void readToEnd(final Consumer<K, V> consumer, final String topic, final Duration timeout,
                                        final java.util.function.Consumer<ConsumerRecord<K, V>> each) {
        final List<TopicPartition> partitions = assignFromStart(consumer, topic);
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " not read to its end within " + timeout.toSeconds() + " s");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(each);
        }
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer} (no group, so nothing rebalances) and seeks each
     * to its beginning.
     *
     * @return the partitions assigned
     */
    public static List<TopicPartition> assignFromStart(final Consumer<?, ?> consumer, final String topic) {
        final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }
}
