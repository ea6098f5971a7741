package georisk.query;

import java.util.Objects;

/**
 * The answer to a query about one dyad, which only the instance that holds the dyad's state can give.
 *
 * @param <T> what was asked for
 */
public sealed interface Answer<T> permits Answer.Found, Answer.Missing, Answer.Elsewhere, Answer.Unavailable {

    /**
     * Answered from this instance's stores.
     *
     * @param value    the answer
     * @param servedBy the instance that answered ({@code host:port} of {@code application.server})
     */
    record Found<T>(T value, String servedBy) implements Answer<T> {
        public Found {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(servedBy, "servedBy");
        }
    }

    /**
     * This instance holds the dyad, and there is nothing for it (e.g. no score yet).
     *
     * @param reason   one line saying why, e.g. "no score for CAN-MEX yet"
     * @param servedBy the instance that answered
     */
    record Missing<T>(String reason, String servedBy) implements Answer<T> {
        public Missing {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(servedBy, "servedBy");
        }
    }

    /**
     * Another instance holds the dyad: ask it the same question.
     *
     * @param host the other instance's host, from its {@code application.server}
     * @param port its HTTP port
     */
    record Elsewhere<T>(String host, int port) implements Answer<T> {
        public Elsewhere {
            Objects.requireNonNull(host, "host");
        }

        /** {@code host:port}. */
        public String address() {
            return host + ":" + port;
        }
    }

    /**
     * No instance can answer now, e.g. while Kafka Streams is rebalancing or restoring the store.
     *
     * @param reason one line saying why, for a 503
     */
    record Unavailable<T>(String reason) implements Answer<T> {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
