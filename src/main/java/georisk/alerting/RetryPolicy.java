package georisk.alerting;

import java.time.Duration;
import java.util.Objects;

/**
 * How a webhook delivery is retried: exponential backoff from {@code initialBackoff}, doubling after every failed
 * attempt up to {@code maxBackoff}, at most {@code maxAttempts} attempts in all; each attempt may take
 * {@code requestTimeout}. A delivery that is still failing after its last attempt is given up (and counted).
 *
 * @param initialBackoff wait after the first failed attempt
 * @param maxBackoff     the cap of the wait between attempts
 * @param maxAttempts    attempts per alert and webhook, the first included
 * @param requestTimeout connect plus response time of one attempt
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts, Duration requestTimeout) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and at most the cap: " + initialBackoff
                    + " .. " + maxBackoff);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
    }

    /**
     * 1 s, 2 s, 4 s ... capped at 60 s, 10 attempts, 10 s per attempt: a webhook that is down is tried for about
     * 5 minutes (4 min of waits plus the attempts) before the alert is given up for it.
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 10, Duration.ofSeconds(10));
    }

    /** The wait after {@code failedAttempts} failed attempts (1 for the first failure). */
    public Duration backoff(final int failedAttempts) {
        final int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        final long millis = initialBackoff.toMillis() << doublings;
        return millis <= 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }
}
