package georisk.serde;

import georisk.events.GeoEvent;
import georisk.events.RiskAlert;
import georisk.events.TradeExposure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemorySchemaRegistryTest {
    private final String scope = "in-memory-test-" + UUID.randomUUID();
    private final String otherScope = scope + "-other";

    @AfterEach
    void dropScopes() {
        InMemorySchemaRegistry.dropScope(scope);
        InMemorySchemaRegistry.dropScope(otherScope);
    }

    @Test
    void shouldRegisterTheSameSchemaToTheSameIdUnderEverySubject() {
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);

        int first = registry.register("geo-events-value", GeoEvent.getClassSchema());
        int again = registry.register("geo-events-value", GeoEvent.getClassSchema());
        int elsewhere = registry.register("replay-value", GeoEvent.getClassSchema());
        int other = registry.register("trade-exposure-value", TradeExposure.getClassSchema());

        assertThat(first).isEqualTo(1);
        assertThat(again).isEqualTo(1);
        assertThat(elsewhere).isEqualTo(1);
        assertThat(other).isEqualTo(2);
        assertThat(registry.versions("geo-events-value")).containsExactly(1);
        assertThat(registry.subjects()).containsExactlyInAnyOrder("geo-events-value", "replay-value",
                "trade-exposure-value");
    }

    @Test
    void shouldShareIdsBetweenClientsOfOneScopeAndNotAcrossScopes() {
        InMemorySchemaRegistry producerSide = InMemorySchemaRegistry.forScope(scope);
        InMemorySchemaRegistry consumerSide = InMemorySchemaRegistry.forScope(scope);
        InMemorySchemaRegistry elsewhere = InMemorySchemaRegistry.forScope(otherScope);
        producerSide.register("a-value", TradeExposure.getClassSchema());
        int id = producerSide.register("risk-alerts-value", RiskAlert.getClassSchema());

        assertThat(consumerSide.schemaById(id)).isEqualTo(RiskAlert.getClassSchema());
        assertThat(elsewhere.register("risk-alerts-value", RiskAlert.getClassSchema())).isEqualTo(1);
        assertThat(id).isEqualTo(2);
    }

    @Test
    void shouldStartAgainFromIdOneAfterScopeIsDropped() {
        InMemorySchemaRegistry.forScope(scope).register("a-value", TradeExposure.getClassSchema());
        int id = InMemorySchemaRegistry.forScope(scope).register("b-value", GeoEvent.getClassSchema());

        InMemorySchemaRegistry.dropScope(scope);
        InMemorySchemaRegistry fresh = InMemorySchemaRegistry.forScope(scope);

        assertThat(id).isEqualTo(2);
        assertThatThrownBy(() -> fresh.schemaById(2)).isInstanceOf(SchemaRegistryException.class);
        assertThat(fresh.register("b-value", GeoEvent.getClassSchema())).isEqualTo(1);
    }

    @Test
    void shouldReport40403WithScopeForUnknownId() {
        assertThatThrownBy(() -> InMemorySchemaRegistry.forScope(scope).schemaById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessageContaining("Schema id 99 was not found")
                .hasMessageContaining("mock://" + scope);
    }

    @Test
    void shouldReport40401ForVersionsOfUnknownSubject() {
        assertThatThrownBy(() -> InMemorySchemaRegistry.forScope(scope).versions("nope-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.isSubjectNotFound()).isTrue())
                .hasMessageContaining("'nope-value'");
    }

    @Test
    void shouldAssignOneIdWhenManyThreadsRegisterTheSameSchemaAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = IntStream.range(0, 64)
                    .<Callable<Integer>>mapToObj(i -> () -> InMemorySchemaRegistry.forScope(scope)
                            .register("s" + (i % 4) + "-value", GeoEvent.getClassSchema()))
                    .toList();
            Set<Integer> ids = pool.invokeAll(tasks).stream().map(InMemorySchemaRegistryTest::get)
                    .collect(Collectors.toSet());

            assertThat(ids).containsExactly(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseBlankScope() {
        assertThatThrownBy(() -> InMemorySchemaRegistry.forScope(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mock://<scope>");
    }

    private static Integer get(Future<Integer> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
