package georisk.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import georisk.query.AlertView;
import georisk.query.FeedListener;
import georisk.query.RiskQueries;
import georisk.query.ScoreView;
import io.javalin.http.sse.SseClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.eclipse.jetty.ee10.servlet.ServletChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients of {@code GET /api/stream}, bounded everywhere so that no number or kind of client can take the
 * server down:
 * <ul>
 *   <li>at most {@link Limits#maxStreams()} streams at once, and {@link Limits#maxStreamsPerClient()} per client
 *       address; beyond that a client is refused with 503 before its stream opens ({@link #reserve});</li>
 *   <li>the fanout subscribes to the feed once; each update is serialized once, to a frame that every stream
 *       shares, and new streams start from the cached latest frame of every dyad;</li>
 *   <li>each stream has a bounded queue; a client that falls {@link Limits#maxQueuedFrames()} frames behind
 *       (it stopped reading) is cut off and counted, and its {@code EventSource} reconnects to fresh scores;</li>
 *   <li>frames are written with the servlet container's non-blocking output by a small fixed pool of writer
 *       threads: a write that cannot go out now waits for the container's callback, never on a thread, so
 *       clients that never read cost queue memory, not threads.</li>
 * </ul>
 * A comment line every keep-alive period keeps proxies from closing idle streams.
 */
final class SseFanout implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SseFanout.class);

    /**
     * How many event streams are served.
     *
     * @param maxStreams          streams open at once, in all
     * @param maxStreamsPerClient streams open at once from one client address (behind a reverse proxy every
     *                            client has the proxy's address: raise it there)
     * @param maxQueuedFrames     frames waiting for one client before it is cut off as too slow
     */
    record Limits(int maxStreams, int maxStreamsPerClient, int maxQueuedFrames) {
        /** 1,000 streams, 32 per client address, 1,024 frames behind. */
        static final Limits DEFAULTS =
                new Limits(ApiServer.DEFAULT_MAX_STREAMS, ApiServer.DEFAULT_MAX_STREAMS_PER_CLIENT, 1024);

        Limits {
            if (maxStreams < 1 || maxStreamsPerClient < 1 || maxQueuedFrames < 1) {
                throw new IllegalArgumentException("SSE limits must be at least 1, were " + maxStreams + " streams, "
                        + maxStreamsPerClient + " per client, " + maxQueuedFrames + " queued frames");
            }
        }
    }

    private static final byte[] OPENING = comment("georisk live feed: event score and event alert");
    private static final byte[] KEEP_ALIVE = comment("keep-alive");

    private final ObjectMapper json;
    private final Limits limits;
    private final RiskQueries queries;
    private final ExecutorService writers;
    private final ScheduledExecutorService keepAlive;
    private final Counter refusedTotal;
    private final Counter refusedPerClient;
    private final Counter dropped;

    /** Guards the streams, the reservations, the latest frames and the feed subscription. */
    private final Object lock = new Object();
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perClient = new HashMap<>();
    private int reserved;
    /** The latest score frame of every dyad, what a new stream starts with. */
    private final Map<String, byte[]> latest = new TreeMap<>();
    private RiskQueries.Subscription subscription;
    private boolean closed;

    SseFanout(final ObjectMapper json, final RiskQueries queries, final Duration keepAlivePeriod, final Limits limits,
              final MeterRegistry meters) {
        this.json = json;
        this.queries = queries;
        this.limits = limits;
        final AtomicInteger n = new AtomicInteger();
        // non-blocking writes: a few threads serve every stream
        this.writers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                r -> daemon(r, "georisk-sse-" + n.incrementAndGet()));
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "georisk-sse-keep-alive"));
        final long period = keepAlivePeriod.toMillis();
        keepAlive.scheduleAtFixedRate(() -> streams.forEach(s -> s.offer(KEEP_ALIVE)), period, period,
                TimeUnit.MILLISECONDS);
        Gauge.builder("georisk.sse.streams", streams, Set::size).description("Open event streams (GET /api/stream)")
                .register(meters);
        this.refusedTotal = Counter.builder("georisk.sse.refused").tag("limit", "total")
                .description("Event streams refused with 503 because of a limit").register(meters);
        this.refusedPerClient = Counter.builder("georisk.sse.refused").tag("limit", "per-client")
                .description("Event streams refused with 503 because of a limit").register(meters);
        this.dropped = Counter.builder("georisk.sse.dropped")
                .description("Event streams cut off because their client fell too far behind").register(meters);
    }

    /**
     * Takes a place for a new stream from {@code address}, or says why there is none: what the route asks
     * before the stream opens, so that a refusal is a plain 503. A place taken is given back when its stream
     * closes ({@link #connect}) or with {@link #release}.
     *
     * @return null when a place was taken, else the reason for the 503
     */
    String reserve(final String address) {
        synchronized (lock) {
            if (closed) {
                return "the server is stopping";
            }
            if (reserved >= limits.maxStreams()) {
                refusedTotal.increment();
                return "the server serves at most " + limits.maxStreams() + " event streams at once; retry later";
            }
            final int fromClient = perClient.getOrDefault(address, 0);
            if (fromClient >= limits.maxStreamsPerClient()) {
                refusedPerClient.increment();
                return "at most " + limits.maxStreamsPerClient() + " event streams per client address (" + address
                        + " has " + fromClient + "); close one or retry later";
            }
            reserved++;
            perClient.put(address, fromClient + 1);
            return null;
        }
    }

    /** Gives back a place taken by {@link #reserve} for a stream that did not open. */
    void release(final String address) {
        synchronized (lock) {
            reserved--;
            perClient.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
        }
    }

    /**
     * Serves one client until it goes away: what the SSE route does.
     *
     * @param reserved whether {@link #reserve} took its place already (else it is taken now, or the stream ends)
     */
    void connect(final SseClient client, final String address, final boolean reserved) {
        if (!reserved && reserve(address) != null) {
            client.close();
            return;
        }
        final Stream stream = new Stream(client, address);
        client.keepAlive();
        client.onClose(stream::closed);
        final ServletOutputStream out;
        try {
            out = client.ctx().res().getOutputStream();
        } catch (final IOException | RuntimeException e) {
            stream.closed();
            return;
        }
        stream.out = out;
        synchronized (lock) {
            if (closed) {
                stream.closed();
                return;
            }
            if (subscription == null) {
                // one subscription for every stream: each update is serialized once
                subscription = queries.subscribe(new Broadcast());
            }
            // a comment first, so that the client sees the stream open, then every dyad's latest score
            stream.offer(OPENING);
            latest.values().forEach(stream::offer);
            streams.add(stream);
        }
        // from here on the container tells when the stream can take more (onWritePossible)
        try {
            out.setWriteListener(stream);
        } catch (final RuntimeException e) {
            // the request is no longer asynchronous: the client went away meanwhile
            log.debug("SSE client at {} gone before its stream started: {}", address, e.toString());
            stream.closed();
            client.close();
        }
    }

    /** How many clients are connected. */
    int clients() {
        return streams.size();
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
        }
        keepAlive.shutdownNow();
        streams.forEach(s -> {
            s.client.close();
            s.closed();
        });
        writers.shutdown();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writers.shutdownNow();
    }

    private byte[] event(final String event, final Object value) {
        final String data;
        try {
            data = json.writeValueAsString(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
        // compact JSON has no line breaks: one data line
        return ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] comment(final String text) {
        return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Thread daemon(final Runnable r, final String name) {
        final Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The one subscriber to the feed: serializes an update once and queues the same frame for every stream. */
    private final class Broadcast implements FeedListener {
        @Override
        public void score(final ScoreView score) {
            final byte[] frame = event("score", score);
            synchronized (lock) {
                latest.put(score.dyad(), frame);
                streams.forEach(s -> s.offer(frame));
            }
        }

        @Override
        public void alert(final AlertView alert) {
            final byte[] frame = event("alert", alert);
            synchronized (lock) {
                streams.forEach(s -> s.offer(frame));
            }
        }
    }

    /**
     * One connected client: its bounded queue of frames, written without blocking. Only one drain runs at a
     * time ({@link #draining}); a drain stops when the output cannot take more, and the container's
     * {@link #onWritePossible()} starts the next one.
     */
    private final class Stream implements WriteListener {
        private final SseClient client;
        private final String address;
        private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile ServletOutputStream out;
        private volatile boolean listening;
        /** Written since the last flush; touched only by the one running drain. */
        private boolean unflushed;

        Stream(final SseClient client, final String address) {
            this.client = client;
            this.address = address;
        }

        void offer(final byte[] frame) {
            if (closed.get()) {
                return;
            }
            if (queued.incrementAndGet() > limits.maxQueuedFrames()) {
                dropped.increment();
                log.warn("An SSE client at {} fell {} frames behind; cutting it off", address, limits.maxQueuedFrames());
                abort();
                return;
            }
            queue.add(frame);
            drainLater();
        }

        @Override
        public void onWritePossible() {
            listening = true;
            drainLater();
        }

        @Override
        public void onError(final Throwable failure) {
            log.debug("SSE client at {} failed: {}", address, failure.toString());
            closed();
            client.close();
        }

        private void drainLater() {
            if (listening && !closed.get() && draining.compareAndSet(false, true)) {
                try {
                    writers.execute(this::drain);
                } catch (final RejectedExecutionException shuttingDown) {
                    draining.set(false);
                }
            }
        }

        private void drain() {
            boolean more = false;
            try {
                // isReady() false arms the container's onWritePossible(): stop and wait for it
                while (!closed.get() && out.isReady()) {
                    final byte[] frame = queue.poll();
                    if (frame == null) {
                        if (!unflushed) {
                            break;
                        }
                        unflushed = false;
                        out.flush();
                        continue;
                    }
                    queued.decrementAndGet();
                    out.write(frame);
                    unflushed = true;
                }
            } catch (final IOException | RuntimeException e) {
                log.debug("SSE client at {} write failed: {}", address, e.toString());
                closed();
                client.close();
            } finally {
                draining.set(false);
                more = !closed.get() && (!queue.isEmpty() || unflushed);
            }
            // a frame queued after the loop ended and before draining was reset would otherwise wait
            if (more && out.isReady()) {
                drainLater();
            }
        }

        /**
         * Cuts the connection off at once: a client that does not read would hold a graceful close open. The
         * request is finished first ({@code client.close()} runs Javalin's end of the request, its request log
         * included) and its connection aborted after: once aborted, Jetty recycles the request on its own thread,
         * and Javalin would then be finishing a request that is gone.
         */
        private void abort() {
            closed();
            ServletChannel channel = null;
            try {
                channel = ServletContextRequest.getServletContextRequest(client.ctx().req()).getServletChannel();
            } catch (final RuntimeException e) {
                log.debug("Could not find an SSE connection to abort: {}", e.toString());
            }
            client.close();
            if (channel != null) {
                try {
                    channel.abort(new IOException("SSE client too slow"));
                } catch (final RuntimeException e) {
                    log.debug("Could not abort an SSE connection: {}", e.toString());
                }
            }
        }

        /** The stream is over: its queue dropped, its place given back (once). */
        void closed() {
            if (closed.compareAndSet(false, true)) {
                queue.clear();
                streams.remove(this);
                release(address);
            }
        }
    }
}
