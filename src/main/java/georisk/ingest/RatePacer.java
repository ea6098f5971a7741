package georisk.ingest;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces a sender at a target rate against a monotonic clock, in small batches: {@link #acquire()} sleeps
 * until a batch of about {@value #BATCH_MILLIS} ms worth of events is due, then grants it. No busy-spinning
 * and no sleep per event; the schedule is absolute (event {@code n} is due at {@code start + n / rate}), so
 * a sleep that overshoots or a slow send is caught up by the next grants instead of lowering the rate.
 */
public final class RatePacer {
    /** Events are granted in batches of this many milliseconds' worth. */
    static final int BATCH_MILLIS = 5;
    /** A sender that fell behind catches up by at most this many batches per grant. */
    static final int MAX_BATCHES_PER_GRANT = 20;
    /** Highest rate; keeps the schedule's integer arithmetic far from overflow. */
    public static final long MAX_RATE = 1_000_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Sleeps; {@link #SYSTEM} in production, a fake that advances a fake clock in tests. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper SYSTEM = TimeUnit.NANOSECONDS::sleep;

        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long perSecond;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final long batch;
    private final long startNanos;
    private long granted;

    /**
     * Starts the schedule now.
     *
     * @param perSecond target events per second, 1 … {@value #MAX_RATE}
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param sleeper   how to wait
     */
    public RatePacer(final long perSecond, final LongSupplier nanoClock, final Sleeper sleeper) {
        if (perSecond < 1 || perSecond > MAX_RATE) {
            throw new IllegalArgumentException("rate must be between 1 and " + MAX_RATE + " events per second, was "
                    + perSecond);
        }
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.batch = Math.max(1, perSecond * BATCH_MILLIS / 1000);
        this.startNanos = nanoClock.getAsLong();
    }

    /** Events per grant when on schedule. */
    public long batchSize() {
        return batch;
    }

    /** Events granted so far. */
    public long granted() {
        return granted;
    }

    /**
     * Waits until a batch is due and grants it.
     *
     * @return how many events to send now, at least 1
     */
    public int acquire() throws InterruptedException {
        while (true) {
            final long now = nanoClock.getAsLong();
            final long owed = due(now) - granted;
            if (owed >= batch) {
                final long grant = Math.min(owed, batch * MAX_BATCHES_PER_GRANT);
                granted += grant;
                return (int) Math.min(grant, Integer.MAX_VALUE);
            }
            sleeper.sleepNanos(Math.max(1, startNanos + offsetOf(granted + batch) - now));
        }
    }

    /**
     * Events due by {@code now}: floor(elapsed × rate / 1 s), in exact integer arithmetic (floating point
     * would leave the n-th event due a nanosecond after the time computed for it, and cost an extra sleep).
     */
    private long due(final long now) {
        final long elapsed = now - startNanos;
        return elapsed / NANOS_PER_SECOND * perSecond + elapsed % NANOS_PER_SECOND * perSecond / NANOS_PER_SECOND;
    }

    /** The earliest time, after the start, at which {@code n} events are due: ceil(n × 1 s / rate). */
    private long offsetOf(final long n) {
        final long seconds = n / perSecond;
        final long rest = n % perSecond;
        return seconds * NANOS_PER_SECOND + (rest * NANOS_PER_SECOND + perSecond - 1) / perSecond;
    }
}
