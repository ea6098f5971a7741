package georisk.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import georisk.query.AlertView;
import georisk.query.FeedListener;
import georisk.query.RiskQueries;
import georisk.query.ScoreView;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients of {@code GET /api/stream}. Each one subscribes to the {@link RiskQueries} feed on its own (so it
 * starts with every dyad's latest score), and its frames are queued and written by a thread of a shared pool,
 * one frame at a time per client: a slow client never holds up the feed or the other clients. A client whose
 * queue grows past a limit is disconnected (its {@code EventSource} reconnects and starts again from the latest
 * scores). A comment line every keep-alive period keeps proxies from closing idle streams.
 */
final class SseFanout implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SseFanout.class);

    private final ObjectMapper json;
    private final int maxQueued;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;
    private final ScheduledExecutorService keepAlive;

    SseFanout(final ObjectMapper json, final Duration keepAlivePeriod, final int maxQueued) {
        this.json = json;
        this.maxQueued = maxQueued;
        final AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newCachedThreadPool(r -> daemon(r, "georisk-sse-" + n.incrementAndGet()));
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "georisk-sse-keep-alive"));
        final long period = keepAlivePeriod.toMillis();
        keepAlive.scheduleAtFixedRate(() -> streams.forEach(s -> s.enqueue(Frame.comment("keep-alive"))),
                period, period, TimeUnit.MILLISECONDS);
    }

    /** Serves one client until it goes away: what the SSE route does. */
    void connect(final SseClient client, final RiskQueries queries) {
        final Stream stream = new Stream(client);
        client.keepAlive();
        client.onClose(stream::closed);
        streams.add(stream);
        // a comment first, so that the client sees the stream open before any update
        stream.enqueue(Frame.comment("georisk live feed: event score and event alert"));
        stream.subscription = queries.subscribe(stream);
        if (stream.closed.get() || client.terminated()) {
            // gone while subscribing: closed() may have missed the subscription
            stream.subscription.close();
            stream.closed();
        }
    }

    /** How many clients are connected. */
    int clients() {
        return streams.size();
    }

    @Override
    public void close() {
        keepAlive.shutdownNow();
        streams.forEach(s -> s.client.close());
        writers.shutdown();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writers.shutdownNow();
    }

    private String toJson(final Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static Thread daemon(final Runnable r, final String name) {
        final Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One line of the stream: an event with JSON data, or a comment. */
    private record Frame(String event, String data) {
        static Frame comment(final String text) {
            return new Frame(null, text);
        }
    }

    /** One connected client: its queue of frames and whether a writer is draining it. */
    private final class Stream implements FeedListener {
        private final SseClient client;
        private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile RiskQueries.Subscription subscription;

        Stream(final SseClient client) {
            this.client = client;
        }

        @Override
        public void score(final ScoreView score) {
            enqueue(new Frame("score", toJson(score)));
        }

        @Override
        public void alert(final AlertView alert) {
            enqueue(new Frame("alert", toJson(alert)));
        }

        void enqueue(final Frame frame) {
            if (closed.get()) {
                return;
            }
            if (queued.incrementAndGet() > maxQueued) {
                log.warn("An SSE client fell {} updates behind; disconnecting it", maxQueued);
                client.close();
                closed();
                return;
            }
            queue.add(frame);
            drainLater();
        }

        private void drainLater() {
            if (draining.compareAndSet(false, true)) {
                try {
                    writers.execute(this::drain);
                } catch (final java.util.concurrent.RejectedExecutionException shuttingDown) {
                    draining.set(false);
                }
            }
        }

        private void drain() {
            try {
                Frame frame;
                while ((frame = queue.poll()) != null) {
                    queued.decrementAndGet();
                    if (closed.get() || client.terminated()) {
                        queue.clear();
                        break;
                    }
                    if (frame.event() == null) {
                        client.sendComment(frame.data());
                    } else {
                        client.sendEvent(frame.event(), frame.data());
                    }
                }
            } catch (final RuntimeException e) {
                log.debug("SSE client write failed: {}", e.toString());
                client.close();
                closed();
            } finally {
                draining.set(false);
            }
            // a frame queued after the loop ended and before draining was reset would otherwise wait
            if (!queue.isEmpty() && !closed.get()) {
                drainLater();
            }
        }

        void closed() {
            if (closed.compareAndSet(false, true)) {
                streams.remove(this);
                final RiskQueries.Subscription s = subscription;
                if (s != null) {
                    s.close();
                }
            }
        }
    }
}
