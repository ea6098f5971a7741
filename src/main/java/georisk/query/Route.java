package georisk.query;

import org.apache.kafka.streams.state.HostInfo;

import java.util.Objects;

/** Where a query for one key goes: this instance's store partition, another instance, or nowhere now. */
sealed interface Route permits Route.Local, Route.Remote, Route.Unavailable {

    /** This instance holds the key, in store partition {@code partition}. */
    record Local(int partition) implements Route {
    }

    /** Another instance holds the key. */
    record Remote(HostInfo host) implements Route {
        public Remote {
            Objects.requireNonNull(host, "host");
        }
    }

    /** No instance can answer now; {@code reason} says why in one line. */
    record Unavailable(String reason) implements Route {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
