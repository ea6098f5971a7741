package georisk.api;

import static georisk.api.ApiServerTest.get;
import static georisk.api.ApiServerTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import georisk.query.Answer;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two API servers, each over its own fake queries, standing for two instances: a question about a dyad that
 * the other instance holds is forwarded there, answered from its state, and relayed unchanged.
 */
class ApiForwardingTest {
    private final List<ApiServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ApiServer::close);
    }

    private int start(final FakeRiskQueries queries) {
        final ApiServer server = ApiServer.builder("127.0.0.1", 0).queries(queries).build();
        servers.add(server);
        return server.start();
    }

    @Test
    void shouldForwardToTheInstanceThatHoldsTheDyadAndRelayItsAnswerUnchanged() throws Exception {
        final FakeRiskQueries holder = new FakeRiskQueries("holder");
        holder.scores.put("CAN-USA", new Answer.Found<>(FakeRiskQueries.score("CAN-USA", 80.1), "holder"));
        final int holderPort = start(holder);
        final FakeRiskQueries other = new FakeRiskQueries("other");
        other.scores.put("CAN-USA", new Answer.Elsewhere<>("127.0.0.1", holderPort));
        other.history = dyad -> new Answer.Elsewhere<>("127.0.0.1", holderPort);
        final int otherPort = start(other);

        final HttpResponse<String> direct = get(holderPort, "/api/dyads/CAN-USA/score");
        final HttpResponse<String> forwarded = get(otherPort, "/api/dyads/CAN-USA/score");

        assertThat(forwarded.statusCode()).isEqualTo(200);
        assertThat(forwarded.body()).isEqualTo(direct.body());
        assertThat(forwarded.headers().firstValue(ApiServer.SERVED_BY)).hasValue("holder");
        assertThat(forwarded.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));

        // the query string travels too, and the holder answers the history from its own state
        final HttpResponse<String> history = get(otherPort, "/api/dyads/CAN-USA/history?window=30d&from=2025-01-01");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(holder.historyAsked).singleElement().asString().startsWith("CAN-USA 30d 2025-01-01T00:00:00Z");
        assertThat(other.historyAsked).hasSize(1);
    }

    @Test
    void shouldRelayTheHoldersErrorAsIs() throws Exception {
        final int holderPort = start(new FakeRiskQueries("holder"));
        final FakeRiskQueries other = new FakeRiskQueries("other");
        other.scores.put("CAN-MEX", new Answer.Elsewhere<>("127.0.0.1", holderPort));
        final int otherPort = start(other);

        final HttpResponse<String> forwarded = get(otherPort, "/api/dyads/CAN-MEX/score");

        assertThat(forwarded.statusCode()).isEqualTo(404);
        assertThat(message(forwarded)).isEqualTo("no score for CAN-MEX yet");
        assertThat(forwarded.headers().firstValue(ApiServer.SERVED_BY)).hasValue("holder");
    }

    @Test
    void shouldNotForwardAForwardedRequestAgainWhileInstancesDisagree() throws Exception {
        final FakeRiskQueries a = new FakeRiskQueries("a");
        final FakeRiskQueries b = new FakeRiskQueries("b");
        final int aPort = start(a);
        final int bPort = start(b);
        // mid-rebalance: each thinks the other holds the dyad
        a.scores.put("CAN-USA", new Answer.Elsewhere<>("127.0.0.1", bPort));
        b.scores.put("CAN-USA", new Answer.Elsewhere<>("127.0.0.1", aPort));

        final HttpResponse<String> response = get(aPort, "/api/dyads/CAN-USA/score");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(message(response)).startsWith("CAN-USA is moving between instances (a sent the request to b");
    }

    @Test
    void shouldAnswer503NamingTheHolderWhenItCannotBeReached() throws Exception {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        final FakeRiskQueries other = new FakeRiskQueries("other");
        other.scores.put("CAN-USA", new Answer.Elsewhere<>("127.0.0.1", closedPort));
        final int otherPort = start(other);

        final HttpResponse<String> response = get(otherPort, "/api/dyads/CAN-USA/score");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(message(response)).startsWith("instance 127.0.0.1:" + closedPort + ", which holds CAN-USA, cannot be reached");
    }
}
