package georisk.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Decides where a key's query goes, from the Streams client's state and the key's metadata: the
 * routing rules on their own, without a running Kafka Streams, so that they can be tested.
 */
final class QueryRouter {
    private QueryRouter() {
    }

    /**
     * @param state    this instance's Kafka Streams state
     * @param metadata {@code queryMetadataForKey(store, key, ...)}: the active instance and the partition
     * @param self     this instance's {@code application.server}
     * @param store    the store asked (for the reason)
     * @param key      the key asked (for the reason)
     */
    static Route route(final KafkaStreams.State state, final KeyQueryMetadata metadata, final HostInfo self,
                       final String store, final String key) {
        // Only RUNNING promises that the assignment is settled and this instance's stores are restored;
        // while REBALANCING a store may be handed over under the query (InvalidStateStoreException).
        if (state != KafkaStreams.State.RUNNING) {
            return new Route.Unavailable("Kafka Streams is " + state + " on " + address(self)
                    + ": the state of " + key + " may be restoring or moving; retry shortly");
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || HostInfo.unavailable().equals(metadata.activeHost())) {
            return new Route.Unavailable("no instance holds " + store + " for " + key
                    + " yet (the group is rebalancing); retry shortly");
        }
        if (metadata.activeHost().equals(self)) {
            return new Route.Local(metadata.partition());
        }
        return new Route.Remote(metadata.activeHost());
    }

    static String address(final HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
