package georisk.alerting;

import georisk.config.AlertWebhook;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Posts alerts to one webhook, from a bounded queue, on a thread of its own: {@link #offer} never blocks, so a
 * webhook that is down or slow delays nothing but its own queue; when that queue is full, the alert is dropped
 * for this webhook (counted, logged) rather than held up.
 *
 * <p>Each alert is posted until the webhook answers 2xx, with the {@link RetryPolicy}'s capped exponential
 * backoff between attempts on no answer, a 5xx, 408 or 429; any other status is a refusal that retrying cannot
 * change, so the alert is given up at once. The alert's version key ({@link AlertMessage#deliveryKey()}: its id
 * and the level reached) goes in an {@code Idempotency-Key} header, the same on every attempt. Keys already delivered by this sender (the last {@value #REMEMBERED_IDS}) are not posted
 * again. Redirects are not followed: a webhook's URL carries its secret, which must not travel to another host.
 */
final class WebhookSender implements AutoCloseable {
    /** How many delivered alert ids each sender remembers, to drop duplicates. */
    static final int REMEMBERED_IDS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    /** One alert for this webhook; {@code done} runs once when the sender is finished with it, however it ended. */
    record Delivery(AlertMessage alert, Runnable done) {
        Delivery {
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(done, "done");
        }
    }

    private final AlertWebhook webhook;
    private final String name;
    private final RetryPolicy policy;
    private final HttpClient http;
    private final BlockingQueue<Delivery> queue;
    private final DeliveryMetrics metrics;
    private final String userAgent;
    /** Only touched by the sender's thread. */
    private final Map<String, Boolean> delivered = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;

    /**
     * @param name     how logs and metrics name this webhook ({@code 1-slack}): never its URL
     * @param capacity alerts that may wait for this webhook
     */
    WebhookSender(final AlertWebhook webhook, final String name, final RetryPolicy policy, final int capacity,
                  final MeterRegistry registry, final String userAgent) {
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.userAgent = userAgent;
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.http = HttpClient.newBuilder().connectTimeout(policy.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.metrics = new DeliveryMetrics(registry, name, webhook.url().getHost());
        Gauge.builder("georisk.webhook.queue.size", queue, BlockingQueue::size).tag("webhook", name)
                .tag("host", webhook.url().getHost()).description("Alerts waiting for this webhook")
                .register(registry);
        this.thread = new Thread(this::run, "georisk-webhook-" + name);
        thread.setDaemon(true);
    }

    /** Starts the sender's thread. */
    void start() {
        thread.start();
    }

    /**
     * Queues an alert for this webhook without waiting: false (and the alert counted as dropped for this webhook,
     * its {@code done} run) when the queue is full.
     */
    boolean offer(final Delivery delivery) {
        if (queue.offer(delivery)) {
            return true;
        }
        metrics.result(DeliveryMetrics.Result.DROPPED);
        log.warn("Webhook {} ({}): {} alerts are waiting already; alert {} is dropped for it", name,
                webhook.masked(), queue.size(), delivery.alert().id());
        delivery.done().run();
        return false;
    }

    DeliveryMetrics metrics() {
        return metrics;
    }

    String name() {
        return name;
    }

    private void run() {
        try {
            while (closing.getCount() > 0) {
                final Delivery next = queue.poll(200, TimeUnit.MILLISECONDS);
                if (next != null && deliver(next.alert())) {
                    next.done().run();
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Posts one alert until it is delivered or given up. False only when the sender closes meanwhile: then the
     * alert is not done, its offset is not committed, and the next start delivers it.
     */
    private boolean deliver(final AlertMessage alert) throws InterruptedException {
        if (delivered.containsKey(alert.deliveryKey())) {
            metrics.result(DeliveryMetrics.Result.DUPLICATE);
            return true;
        }
        final HttpRequest request = HttpRequest.newBuilder(webhook.url()).timeout(policy.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", userAgent)
                .header("Idempotency-Key", alert.deliveryKey())
                .POST(HttpRequest.BodyPublishers.ofString(WebhookBodies.body(webhook.format(), alert),
                        StandardCharsets.UTF_8)).build();
        for (int attempt = 1; ; attempt++) {
            final String failure = attempt(request);
            if (failure == null) {
                delivered.put(alert.deliveryKey(), Boolean.TRUE);
                metrics.result(DeliveryMetrics.Result.DELIVERED);
                log.debug("Webhook {}: alert {} delivered (attempt {})", name, alert.id(), attempt);
                return true;
            }
            final boolean retryable = !failure.startsWith("refused");
            if (!retryable || attempt >= policy.maxAttempts()) {
                metrics.result(DeliveryMetrics.Result.FAILED);
                log.warn("Webhook {} ({}): alert {} given up after {} attempt(s): {}", name, webhook.masked(),
                        alert.id(), attempt, failure);
                return true;
            }
            final Duration wait = policy.backoff(attempt);
            log.info("Webhook {} ({}): alert {} attempt {} failed ({}); next in {} ms", name, webhook.masked(),
                    alert.id(), attempt, failure, wait.toMillis());
            if (closing.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
    }

    /** One POST: null when the webhook took it (2xx), else why not; "refused ..." when retrying cannot help. */
    private String attempt(final HttpRequest request) throws InterruptedException {
        final HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (final IOException e) {
            metrics.attempt(DeliveryMetrics.Outcome.IO_ERROR);
            // the exception's class says what happened (refused, timed out); its message may quote the address
            return "no answer: " + e.getClass().getSimpleName();
        }
        final int status = response.statusCode();
        if (status >= 200 && status < 300) {
            metrics.attempt(DeliveryMetrics.Outcome.OK);
            return null;
        }
        metrics.attempt(DeliveryMetrics.Outcome.HTTP_ERROR);
        final boolean transientStatus = status >= 500 || status == 408 || status == 429;
        return (transientStatus ? "HTTP " : "refused with HTTP ") + status;
    }

    /** Stops the thread; an alert in the middle of its retries stays undone (and uncommitted). */
    @Override
    public void close() {
        closing.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5) + policy.requestTimeout().toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
