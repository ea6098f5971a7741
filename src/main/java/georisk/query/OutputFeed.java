package georisk.query;

import georisk.events.DeadLetterHeaders;
import georisk.events.RiskAlert;
import georisk.events.RiskScore;
import georisk.events.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Reads what the topology publishes — {@code risk-scores}, {@code risk-alerts} and {@code geo-events-dlq} —
 * from the start of every partition, without a consumer group, in every instance: so every instance knows
 * every dyad's latest score and the same recent alerts, whichever partitions its Streams tasks hold.
 *
 * <p>Keeps the latest score per dyad, the most recent alerts (by event time, bounded), and hands each new
 * score, alert and dead letter to its {@link FeedListener}s (the SSE stream, the metrics). Reads committed
 * records only ({@code isolation.level=read_committed} in the consumer's properties): scores are written in
 * Streams' transactions. One thread polls; {@link #close()} stops it.
 *
 * <p>A failure of the poll (the broker unreachable past the client's own retries, a record the consumer
 * cannot read) does not stop the feed: it is logged, reported by {@link #failure()} (and so by
 * {@code GET /ready}), and polling resumes from where it was after a backoff that doubles from
 * {@value #MIN_BACKOFF_MS} ms up to {@value #MAX_BACKOFF_MS} ms.
 */
public final class OutputFeed implements AutoCloseable {
    /** The newest alert first; ties (same event time) in dyad and id order, so every instance agrees. */
    static final Comparator<AlertView> NEWEST_FIRST = Comparator.comparing(AlertView::time).reversed()
            .thenComparing(AlertView::dyad).thenComparing(AlertView::id);

    private static final Logger log = LoggerFactory.getLogger(OutputFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    static final long MIN_BACKOFF_MS = 500;
    static final long MAX_BACKOFF_MS = 30_000;

    private final Topics topics;
    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<RiskScore> scores;
    private final Deserializer<RiskAlert> alerts;
    private final int alertCapacity;
    private final NavigableMap<String, ScoreView> latest = new ConcurrentSkipListMap<>();
    /** Guarded by {@code this}, like every change of state and every call to a listener. */
    private final TreeSet<AlertView> recentAlerts = new TreeSet<>(NEWEST_FIRST);
    /** The version of each alert in {@link #recentAlerts}, by id: a day's burst alert is re-sent under its id. */
    private final Map<String, AlertView> recentAlertsById = new HashMap<>();
    private final List<FeedListener> listeners = new CopyOnWriteArrayList<>();
    private final List<DeadLetterListener> deadLetterListeners = new CopyOnWriteArrayList<>();
    /** Told once, when everything that was on the topics at start has been read. Guarded by {@code this}. */
    private final List<Runnable> caughtUpListeners = new ArrayList<>();
    /** The end offsets at start (read_committed: the last stable offsets); read by the polling thread only. */
    private Map<TopicPartition, Long> catchUpTo = Map.of();
    private volatile boolean caughtUp;

    private final long minBackoffMs;
    private final long maxBackoffMs;
    /** Guarded by {@code this}: {@link #close()} waits on it to cut a backoff short. */
    private Thread thread;
    private volatile boolean closed;
    /** Why the last poll failed, until one succeeds; null while healthy. */
    private volatile String failure;

    /**
     * @param consumer      a consumer without a group id, reading committed records; the feed owns and closes it
     * @param scores        deserializer of {@code risk-scores} values
     * @param alerts        deserializer of {@code risk-alerts} values
     * @param alertCapacity how many recent alerts to keep
     */
    public OutputFeed(final Consumer<byte[], byte[]> consumer, final Deserializer<RiskScore> scores,
                      final Deserializer<RiskAlert> alerts, final int alertCapacity) {
        this(consumer, scores, alerts, alertCapacity, Topics.DEFAULT);
    }

    /** As above, reading the output topics of {@code topics} (a prefixed catalog on a shared cluster). */
    public OutputFeed(final Consumer<byte[], byte[]> consumer, final Deserializer<RiskScore> scores,
                      final Deserializer<RiskAlert> alerts, final int alertCapacity, final Topics topics) {
        this(consumer, scores, alerts, alertCapacity, MIN_BACKOFF_MS, MAX_BACKOFF_MS, topics);
    }

    /** For tests: with another backoff after a failed poll. */
    OutputFeed(final Consumer<byte[], byte[]> consumer, final Deserializer<RiskScore> scores,
               final Deserializer<RiskAlert> alerts, final int alertCapacity, final long minBackoffMs,
               final long maxBackoffMs) {
        this(consumer, scores, alerts, alertCapacity, minBackoffMs, maxBackoffMs, Topics.DEFAULT);
    }

    private OutputFeed(final Consumer<byte[], byte[]> consumer, final Deserializer<RiskScore> scores,
                       final Deserializer<RiskAlert> alerts, final int alertCapacity, final long minBackoffMs,
                       final long maxBackoffMs, final Topics topics) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.minBackoffMs = minBackoffMs;
        this.maxBackoffMs = maxBackoffMs;
        if (alertCapacity < 1) {
            throw new IllegalArgumentException("alert capacity must be at least 1, was " + alertCapacity);
        }
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.scores = Objects.requireNonNull(scores, "scores");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.alertCapacity = alertCapacity;
    }

    /** Is told of every dead letter, with the stage that set it aside (header {@link DeadLetterHeaders#STAGE}). */
    public interface DeadLetterListener {
        void deadLetter(String stage);
    }

    /**
     * Assigns every partition of the three topics, from the beginning, and starts polling on a thread of its own.
     *
     * @throws IllegalStateException if a topic does not exist
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the output feed is already started");
        }
        final List<TopicPartition> partitions = Stream.of(topics.riskScores().name(), topics.riskAlerts().name(),
                        topics.deadLetters().name())
                .flatMap(topic -> partitionsOf(topic).stream()).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        catchUpTo = endOffsets(partitions);
        thread = new Thread(this::pollUntilClosed, "georisk-output-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Why the feed is not reading now, in one line, or empty while it is: what {@code GET /ready} adds to
     * the instance's readiness. Scores, alerts and metrics served meanwhile are those read before the failure.
     */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Every dyad's latest score, in dyad order. */
    public SortedMap<String, ScoreView> latest() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(latest));
    }

    /** The most recent alerts, newest first, at most {@code limit}. */
    public synchronized List<AlertView> alerts(final int limit) {
        return recentAlerts.stream().limit(Math.max(0, limit)).toList();
    }

    /** How many recent alerts are kept. */
    public int alertCapacity() {
        return alertCapacity;
    }

    /**
     * Registers a listener: it receives the latest score of every dyad now, then every update as it is read.
     * Snapshot and registration happen together, so that no update falls between them.
     */
    public synchronized RiskQueries.Subscription subscribe(final FeedListener listener) {
        Objects.requireNonNull(listener, "listener");
        latest.values().forEach(s -> safely(() -> listener.score(s)));
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Registers a listener of dead letters (from now on). */
    public void onDeadLetter(final DeadLetterListener listener) {
        deadLetterListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Runs {@code listener} once the feed has read everything that was on its topics when it started — at once if
     * it has. Counters fed from the topics start then, so that a restart does not show them climbing from zero
     * again while the feed re-reads the topics.
     */
    public void onCaughtUp(final Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (!caughtUp) {
                caughtUpListeners.add(listener);
                return;
            }
        }
        safely(listener);
    }

    /** Whether everything that was on the topics at start has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void checkCaughtUp() {
        if (caughtUp) {
            return;
        }
        for (final Map.Entry<TopicPartition, Long> end : catchUpTo.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return;
            }
        }
        final List<Runnable> toTell;
        synchronized (this) {
            caughtUp = true;
            toTell = List.copyOf(caughtUpListeners);
            caughtUpListeners.clear();
        }
        toTell.forEach(OutputFeed::safely);
    }

    private Map<TopicPartition, Long> endOffsets(final List<TopicPartition> partitions) {
        try {
            return Map.copyOf(consumer.endOffsets(partitions));
        } catch (final RuntimeException e) {
            log.warn("Cannot read the end offsets of the output topics ({}); counting from the first poll", e.toString());
            return Map.of();
        }
    }

    /** Handles one batch of records: what the polling thread does, callable from tests. */
    synchronized void accept(final ConsumerRecords<byte[], byte[]> records) {
        for (final ConsumerRecord<byte[], byte[]> r : records) {
            try {
                accept(r);
            } catch (final RuntimeException e) {
                log.warn("Skipping {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
            }
        }
    }

    private void accept(final ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return;
        }
        if (r.topic().equals(topics.riskScores().name())) {
            final ScoreView score = Views.score(scores.deserialize(r.topic(), r.headers(), r.value()));
            latest.put(score.dyad(), score);
            listeners.forEach(l -> safely(() -> l.score(score)));
        } else if (r.topic().equals(topics.riskAlerts().name())) {
            final AlertView alert = Views.alert(alerts.deserialize(r.topic(), r.headers(), r.value()));
            // one alert per id, its latest version: a further crossing the same day re-sends the day's alert
            final AlertView earlier = recentAlertsById.put(alert.id(), alert);
            if (earlier != null) {
                recentAlerts.remove(earlier);
            }
            recentAlerts.add(alert);
            while (recentAlerts.size() > alertCapacity) {
                final AlertView dropped = recentAlerts.pollLast();
                recentAlertsById.remove(dropped.id(), dropped);
            }
            listeners.forEach(l -> safely(() -> l.alert(alert)));
        } else if (r.topic().equals(topics.deadLetters().name())) {
            final Header stage = r.headers().lastHeader(DeadLetterHeaders.STAGE);
            final String name = stage == null ? "unknown" : new String(stage.value(), StandardCharsets.UTF_8);
            deadLetterListeners.forEach(l -> safely(() -> l.deadLetter(name)));
        }
    }

    private void pollUntilClosed() {
        long backoff = minBackoffMs;
        try {
            while (!closed) {
                try {
                    accept(consumer.poll(POLL));
                    checkCaughtUp();
                    if (failure != null) {
                        log.info("The output feed reads again");
                        failure = null;
                    }
                    backoff = minBackoffMs;
                } catch (final WakeupException e) {
                    // close() woke the consumer up; the loop ends if it was that
                } catch (final RuntimeException e) {
                    failure = "the output feed (scores, alerts, metrics) cannot read " + topics.riskScores().name()
                            + ": " + e + "; retrying in " + backoff + " ms";
                    log.warn("The output feed failed; it retries in {} ms, serving what it read so far", backoff, e);
                    pause(backoff);
                    backoff = Math.min(backoff * 2, maxBackoffMs);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits {@code millis}, or less if the feed is closed meanwhile. */
    private synchronized void pause(final long millis) {
        final long end = System.nanoTime() + millis * 1_000_000;
        try {
            for (long left = millis; !closed && left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                wait(left);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private List<TopicPartition> partitionsOf(final String topic) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; create the topics first "
                    + "(georisk topics create)");
        }
        final List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        return partitions;
    }

    private static void safely(final Runnable call) {
        try {
            call.run();
        } catch (final RuntimeException e) {
            log.warn("A feed listener failed: {}", e.toString());
        }
    }

    /** Stops polling and closes the consumer; safe to call more than once. */
    @Override
    public void close() {
        final Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
            notifyAll();
        }
        if (running == null) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            running.join(10_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
