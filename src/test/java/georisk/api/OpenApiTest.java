package georisk.api;

import static georisk.api.ApiServerTest.get;
import static georisk.api.ApiServerTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document describes exactly the routes the server registers. */
class OpenApiTest {

    @Test
    void shouldDescribeEveryRouteAndNoOther() throws Exception {
        try (ApiServer server = ApiServer.builder("127.0.0.1", 0).queries(new FakeRiskQueries("x")).build()) {
            final int port = server.start();
            final HttpResponse<String> response = get(port, "/openapi.json");
            assertThat(response.statusCode()).isEqualTo(200);
            final JsonNode document = json(response);

            assertThat(document.get("openapi").textValue()).startsWith("3.");
            assertThat(documented(document)).containsExactlyInAnyOrderElementsOf(server.routes());
            assertThat(server.routes()).contains("GET /api/dyads", "GET /api/dyads/{dyad}/score",
                    "GET /api/dyads/{dyad}/history", "GET /api/model", "GET /api/alerts", "GET /api/stream", "POST /api/events",
                    "GET /openapi.json", "GET /metrics", "GET /health", "GET /ready");
        }
    }

    @Test
    void shouldResolveEveryReferenceInTheDocument() throws Exception {
        final JsonNode document = json(OpenApi.DOCUMENT);
        final List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
        });
    }

    private static List<String> documented(final JsonNode document) {
        final List<String> routes = new ArrayList<>();
        for (final Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            final Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method ->
                    routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        return routes;
    }

    private static void collectRefs(final JsonNode node, final List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().textValue());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }
}
