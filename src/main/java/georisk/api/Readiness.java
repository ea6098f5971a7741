package georisk.api;

import java.util.Objects;

/**
 * Whether this instance should receive traffic now, and why in one line.
 *
 * <p>The API answers {@code GET /ready} from a {@code Supplier<Readiness>} that {@code runtime} builds, e.g. from
 * {@code KafkaStreams.state()}: ready when {@code RUNNING}, otherwise
 * {@code Readiness.notReady("Kafka Streams is REBALANCING")}. The API itself knows nothing about Kafka.
 *
 * @param ready  true when the instance can serve its queries
 * @param reason one line a person can read; line breaks are folded to spaces, and a not-ready answer needs one
 */
public record Readiness(boolean ready, String reason) {

    /** Ready, with nothing more to say. */
    public static final Readiness READY = new Readiness(true, "ready");

    public Readiness {
        Objects.requireNonNull(reason, "reason");
        reason = reason.strip().replaceAll("\\s*\\R\\s*", " ");
        if (!ready && reason.isEmpty()) {
            throw new IllegalArgumentException("a not-ready answer needs a reason");
        }
    }

    /** Not ready, because of {@code reason} (one line, e.g. "Kafka Streams is REBALANCING"). */
    public static Readiness notReady(final String reason) {
        return new Readiness(false, reason);
    }
}
