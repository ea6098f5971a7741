package georisk.serde;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the schema registry answered the last time georisk needed it: a small signal that the
 * retrying client ({@link RetryingSchemaRegistryClient}) keeps and that readiness ({@code GET /ready})
 * reads. It says "unreachable since …, because …" from the first transient failure until the next
 * answer; a registry that nobody needed to ask stays healthy. Thread-safe.
 */
public final class RegistryHealth {
    /** Why the registry is unhealthy and since when. */
    public record Outage(Instant since, String reason) {
    }

    private final Clock clock;
    private final AtomicReference<Outage> outage = new AtomicReference<>();

    public RegistryHealth() {
        this(Clock.systemUTC());
    }

    RegistryHealth(final Clock clock) {
        this.clock = clock;
    }

    /** The current outage, or empty when the registry answered the last request. */
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage.get());
    }

    /** The registry answered (whatever it said). */
    void answered() {
        outage.set(null);
    }

    /** A request got no usable answer (transient failure); keeps the start of an ongoing outage. */
    void unavailable(final SchemaRegistryException e) {
        final String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        outage.getAndUpdate(o -> new Outage(o == null ? clock.instant() : o.since(), reason));
    }
}
