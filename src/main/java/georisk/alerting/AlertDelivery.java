package georisk.alerting;

import georisk.config.AlertWebhook;
import georisk.events.RiskAlert;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers every alert on {@code risk-alerts} to the configured webhooks.
 *
 * <p>Its consumer is its own: a consumer group of its own (so instances of one application share the alerts by
 * partition, and a restart resumes where the group left off), {@code read_committed} (alerts are written in Kafka
 * Streams' transactions; an aborted one is never delivered), polled on its own thread. Each record goes to every
 * webhook's {@link WebhookSender} queue without waiting. An offset is committed once every webhook is done with its
 * alert and with every alert before it on the partition — delivered, given up after its retries, or dropped — so
 * what holds is:
 * <ul>
 *   <li>an alert is posted once per webhook in the normal course (retries of one delivery carry the same
 *       {@code Idempotency-Key}, and each sender skips alert ids it already delivered);</li>
 *   <li>after a restart, delivery resumes after the last committed offset: alerts handled and committed are not
 *       posted again; an alert posted but not yet committed when the process died (a commit follows every poll,
 *       so within about a second) is posted again, with the same id;</li>
 *   <li>when a group's partitions move between instances, alerts still queued on the old owner may be posted by
 *       both.</li>
 * </ul>
 * A group that has never committed starts where {@code auto.offset.reset} says (the caller's choice: {@code latest}
 * for a deployment that must not replay a year of alerts into a chat, {@code earliest} for the demo) and commits
 * that position at once, so that alerts raised while it is down are delivered when it is back.
 */
public final class AlertDelivery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Deserializer<RiskAlert> alerts;
    private final List<WebhookSender> senders = new ArrayList<>();
    /** Per partition: offset → webhooks not yet done with that record. Written by the poll thread and the senders. */
    private final Map<TopicPartition, ConcurrentNavigableMap<Long, AtomicInteger>> pending = new ConcurrentHashMap<>();
    /** The last offset committed per partition: only a change is committed again. Poll thread only. */
    private final Map<TopicPartition, Long> committedOffsets = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean started;

    /**
     * @param consumer      a consumer with a group id, {@code read_committed}, {@code enable.auto.commit=false};
     *                      this delivery owns and closes it
     * @param topic         the alerts topic
     * @param alerts        deserializer of its values
     * @param webhooks      where to deliver, at least one
     * @param policy        retries and timeouts of every webhook
     * @param queueCapacity alerts that may wait for each webhook
     * @param registry      where the webhooks' counters go
     * @param userAgent     the {@code User-Agent} of every request, e.g. {@code georisk/0.1.0}
     */
    public AlertDelivery(final Consumer<byte[], byte[]> consumer, final String topic,
                         final Deserializer<RiskAlert> alerts, final List<AlertWebhook> webhooks,
                         final RetryPolicy policy, final int queueCapacity, final MeterRegistry registry,
                         final String userAgent) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        if (webhooks.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook is needed");
        }
        for (int i = 0; i < webhooks.size(); i++) {
            final AlertWebhook w = webhooks.get(i);
            senders.add(new WebhookSender(w, (i + 1) + "-" + w.format().name().toLowerCase(java.util.Locale.ROOT),
                    policy, queueCapacity, registry, userAgent));
        }
        this.thread = new Thread(this::pollUntilClosed, "georisk-alert-delivery");
        thread.setDaemon(true);
    }

    /** Subscribes to the alerts topic and starts the poll thread and every webhook's thread. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("alert delivery is already started");
        }
        started = true;
        senders.forEach(WebhookSender::start);
        thread.start();
    }

    private void pollUntilClosed() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (!closed) {
                try {
                    final ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    records.forEach(this::dispatch);
                    commitDone();
                } catch (final WakeupException e) {
                    throw e;
                } catch (final RuntimeException e) {
                    // the broker or the group is unavailable: Kafka's client retries too; wait and go on
                    log.warn("Alert delivery: {}; trying again in {} s", e.toString(), PAUSE_AFTER_ERROR.toSeconds());
                    pause();
                }
            }
        } catch (final WakeupException e) {
            // close() woke the consumer up
        } finally {
            try {
                commitDone();
            } catch (final RuntimeException e) {
                log.debug("Alert delivery: last commit failed: {}", e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Hands one record to every webhook; its offset is done when all of them are. */
    private void dispatch(final ConsumerRecord<byte[], byte[]> r) {
        final TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        final AtomicInteger remaining = new AtomicInteger(senders.size());
        pending.computeIfAbsent(tp, k -> new ConcurrentSkipListMap<>()).put(r.offset(), remaining);
        final AlertMessage alert;
        try {
            alert = r.value() == null ? null : AlertMessage.of(alerts.deserialize(r.topic(), r.headers(), r.value()));
        } catch (final RuntimeException e) {
            // the topology writes every alert: a record that does not decode is not an alert to deliver
            log.warn("Alert delivery: skipping {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            remaining.set(0);
            return;
        }
        if (alert == null) {
            remaining.set(0);
            return;
        }
        for (final WebhookSender sender : senders) {
            sender.offer(new WebhookSender.Delivery(alert, remaining::decrementAndGet));
        }
    }

    /** Commits, per partition, the offset after the last record that every webhook is done with (and all before). */
    private void commitDone() {
        final Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (final TopicPartition tp : consumer.assignment()) {
            final ConcurrentNavigableMap<Long, AtomicInteger> offsets = pending.get(tp);
            Long next = null;
            while (offsets != null && !offsets.isEmpty() && offsets.firstEntry().getValue().get() <= 0) {
                next = offsets.pollFirstEntry().getKey() + 1;
            }
            if (offsets == null || offsets.isEmpty()) {
                // nothing in flight: everything read so far is done (the position also skips transaction markers)
                next = consumer.position(tp);
            }
            if (next != null && !next.equals(committedOffsets.get(tp))) {
                commits.put(tp, new OffsetAndMetadata(next));
            }
        }
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
            commits.forEach((tp, o) -> committedOffsets.put(tp, o.offset()));
        }
    }

    /** Commits what is done before partitions go; starts a never-committed partition where the reset policy says. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
            try {
                commitDone();
            } catch (final RuntimeException e) {
                log.warn("Alert delivery: commit before a rebalance failed: {}", e.toString());
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(final Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(final Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> {
                pending.remove(tp);
                committedOffsets.remove(tp);
            });
        }

        @Override
        public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            final Set<TopicPartition> assigned = new HashSet<>(partitions);
            final Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
            final Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (final TopicPartition tp : assigned) {
                if (committed.get(tp) == null) {
                    start.put(tp, new OffsetAndMetadata(consumer.position(tp)));
                }
            }
            if (!start.isEmpty()) {
                consumer.commitSync(start);
                start.forEach((tp, o) -> committedOffsets.put(tp, o.offset()));
                log.info("Alert delivery starts on {} at {}", start.keySet(), start.values());
            }
        }
    }

    private void pause() {
        final long until = System.nanoTime() + PAUSE_AFTER_ERROR.toNanos();
        while (!closed && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The senders, for tests of this package. */
    List<WebhookSender> senders() {
        return List.copyOf(senders);
    }

    /** Stops polling and every webhook's thread, commits what is done and closes the consumer. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        senders.forEach(WebhookSender::close);
        if (started) {
            consumer.wakeup();
            try {
                thread.join(15_000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
