package georisk.serde;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link SchemaRegistryClient} that waits out a registry outage for a bounded time. A transient failure
 * ({@link SchemaRegistryException#isTransient()}: no answer, a timeout, HTTP 5xx such as Apicurio's storage
 * lock timeout when two stream threads register at once) is retried with capped exponential backoff until
 * {@code budget} has passed; then the last failure is thrown, still transient, for the caller to handle
 * (the stream app lets Kafka Streams replace the thread and re-process from the last commit). Any answer,
 * including a refusal, is passed on at once. Every outcome updates a {@link RegistryHealth}.
 *
 * <p>Why bounded: a stream thread that blocks is not polling, and with exactly-once its open transaction is
 * aborted by the broker after {@code transaction.timeout.ms} (10 s in Kafka Streams). The budget stays well
 * below both, so waiting here never turns an outage into a fenced producer or a thread kicked out of the group.
 */
public final class RetryingSchemaRegistryClient implements SchemaRegistryClient {
    /** The default time a call waits for the registry: half of Streams' exactly-once transaction timeout. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);
    private static final long FIRST_PAUSE_MS = 100;
    private static final long MAX_PAUSE_MS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(RetryingSchemaRegistryClient.class);

    private final SchemaRegistryClient delegate;
    private final RegistryHealth health;
    private final Duration budget;

    /**
     * @param delegate the client that talks to the registry
     * @param health   where outages and answers are reported
     * @param budget   how long one call may wait for the registry in total
     */
    public RetryingSchemaRegistryClient(final SchemaRegistryClient delegate, final RegistryHealth health,
                                        final Duration budget) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.health = Objects.requireNonNull(health, "health");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return call(() -> delegate.register(subject, schema));
    }

    @Override
    public Schema schemaById(final int id) {
        return call(() -> delegate.schemaById(id));
    }

    /** The registry's health as seen by this client. */
    public RegistryHealth health() {
        return health;
    }

    @Override
    public String toString() {
        return "Retrying[" + delegate + ", " + budget + "]";
    }

    private <T> T call(final Supplier<T> request) {
        final long deadline = System.nanoTime() + budget.toNanos();
        long pause = FIRST_PAUSE_MS;
        while (true) {
            try {
                final T answer = request.get();
                health.answered();
                return answer;
            } catch (final SchemaRegistryException e) {
                if (!e.isTransient()) {
                    health.answered();
                    throw e;
                }
                health.unavailable(e);
                final long left = deadline - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                log.warn("Schema registry unavailable, retrying in {} ms: {}", pause, e.getMessage());
                sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
                pause = Math.min(pause * 2, MAX_PAUSE_MS);
            }
        }
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
