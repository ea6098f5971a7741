package georisk.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pacing against an injected clock: the sleeper advances the clock instead of waiting. */
class RatePacerTest {
    private static final long SECOND = 1_000_000_000L;

    /** A fake monotonic clock; sleeping advances it by the time asked, times an overshoot factor. */
    private static final class FakeTime {
        long now = 5 * SECOND; // not zero: the pacer must not assume a clock that starts at 0
        long sleeps;
        double overshoot = 1.0;

        void sleep(final long nanos) {
            assertThat(nanos).isPositive();
            sleeps++;
            now += (long) (nanos * overshoot);
        }
    }

    private final FakeTime time = new FakeTime();

    private long start;

    private RatePacer pacer(final long rate) {
        start = time.now;
        return new RatePacer(rate, () -> time.now, time::sleep);
    }

    /** Acquires until the fake clock reaches {@code seconds}; returns events granted. */
    private long runFor(final RatePacer pacer, final double seconds) throws InterruptedException {
        final long end = time.now + (long) (seconds * SECOND);
        long granted = 0;
        while (time.now < end) {
            granted += pacer.acquire();
        }
        return granted;
    }

    /** Events due at the fake clock's present, as a rate-perfect sender would have sent. */
    private long dueNow(final long rate) {
        return (time.now - start) * rate / SECOND;
    }

    @Test
    void shouldGrantTheRateInBatchesNotEventByEvent() throws InterruptedException {
        final RatePacer pacer = pacer(5000);
        assertThat(pacer.batchSize()).isEqualTo(25);

        final long granted = runFor(pacer, 30);

        assertThat(granted).isEqualTo(150_000L);
        // one sleep per batch of 5 ms, not one per event
        assertThat(time.sleeps).isEqualTo(150_000L / 25);
    }

    @Test
    void shouldNeverGrantAheadOfSchedule() throws InterruptedException {
        final RatePacer pacer = pacer(1000);
        for (int i = 0; i < 2000; i++) {
            pacer.acquire();
            assertThat(pacer.granted()).isLessThanOrEqualTo(dueNow(1000));
        }
    }

    @Test
    void shouldCatchUpWhenSleepsOvershoot() throws InterruptedException {
        time.overshoot = 3.0; // a busy machine: every sleep lasts three times longer than asked
        final RatePacer pacer = pacer(2000);
        final long granted = runFor(pacer, 10);
        // larger grants make up for it: the rate holds over the run, a batch behind at most
        assertThat(granted).isBetween(dueNow(2000) - pacer.batchSize(), dueNow(2000));
        assertThat(time.sleeps).isLessThan(granted / pacer.batchSize());
    }

    @Test
    void shouldCatchUpAfterASlowSendInBoundedBursts() throws InterruptedException {
        final RatePacer pacer = pacer(1000);
        pacer.acquire();
        time.now += SECOND; // the sender stalled for a second: 1,000 events are owed
        final int burst = pacer.acquire();
        assertThat(burst).isEqualTo(5 * RatePacer.MAX_BATCHES_PER_GRANT);
        assertThat(time.sleeps).isEqualTo(1); // the first batch only; the debt is granted without sleeping
        runFor(pacer, 1);
        assertThat(pacer.granted()).isEqualTo(dueNow(1000));
    }

    @Test
    void shouldPaceLowRatesOneEventAtATime() throws InterruptedException {
        final RatePacer pacer = pacer(10);
        assertThat(pacer.batchSize()).isEqualTo(1);
        assertThat(runFor(pacer, 3)).isEqualTo(30);
        assertThat(time.sleeps).isEqualTo(30);
    }

    @Test
    void shouldRejectANonPositiveRate() {
        assertThatThrownBy(() -> pacer(0)).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> pacer(-5)).hasMessageContaining("between 1 and");
    }
}
