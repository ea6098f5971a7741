package georisk.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QueryRouterTest {
    private static final HostInfo SELF = new HostInfo("georisk-1", 8080);
    private static final HostInfo OTHER = new HostInfo("georisk-2", 8080);
    private static final String STORE = "latest-scores";

    private static Route route(final KafkaStreams.State state, final KeyQueryMetadata metadata) {
        return QueryRouter.route(state, metadata, SELF, STORE, "CAN-USA");
    }

    @Test
    void shouldAnswerLocallyFromThePartitionThisInstanceHolds() {
        assertThat(route(KafkaStreams.State.RUNNING, new KeyQueryMetadata(SELF, Set.of(OTHER), 2)))
                .isEqualTo(new Route.Local(2));
    }

    @Test
    void shouldSendToTheActiveInstanceEvenWhenThisOneHasAStandby() {
        assertThat(route(KafkaStreams.State.RUNNING, new KeyQueryMetadata(OTHER, Set.of(SELF), 1)))
                .isEqualTo(new Route.Remote(OTHER));
    }

    @Test
    void shouldBeUnavailableWhileStreamsIsNotRunning() {
        for (final KafkaStreams.State state : new KafkaStreams.State[] {KafkaStreams.State.CREATED,
                KafkaStreams.State.REBALANCING, KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.ERROR}) {
            final Route route = route(state, new KeyQueryMetadata(SELF, Set.of(), 0));
            assertThat(route).isInstanceOf(Route.Unavailable.class);
            assertThat(((Route.Unavailable) route).reason())
                    .isEqualTo("Kafka Streams is " + state + " on georisk-1:8080: the state of CAN-USA may be "
                            + "restoring or moving; retry shortly");
        }
    }

    @Test
    void shouldBeUnavailableWhenNoInstanceHoldsTheKeyYet() {
        assertThat(route(KafkaStreams.State.RUNNING, KeyQueryMetadata.NOT_AVAILABLE))
                .isEqualTo(new Route.Unavailable("no instance holds latest-scores for CAN-USA yet (the group is "
                        + "rebalancing); retry shortly"));
        assertThat(route(KafkaStreams.State.RUNNING, new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), -1)))
                .isInstanceOf(Route.Unavailable.class);
    }
}
