package georisk.topology;

import georisk.events.EventType;
import georisk.events.RiskLevel;
import georisk.events.RiskScore;
import georisk.scoring.Dyad;
import georisk.scoring.Score;
import georisk.scoring.TrackedEvent;
import georisk.serde.AvroSerializer;
import georisk.serde.InMemorySchemaRegistry;
import georisk.serde.SchemaRegistryClient;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The risk-scores sink writes what the generic Avro path writes for the same score, byte for byte. */
class ScoreUpdateSerdeTest {
    private static final String SCOPE = "score-update-serde-" + UUID.randomUUID();
    private static final String TOPIC = "risk-scores";
    private final SchemaRegistryClient registry = InMemorySchemaRegistry.forScope(SCOPE);
    private final ScoreUpdateSerde serde = new ScoreUpdateSerde(registry);
    private final AvroSerializer<RiskScore> generic = new AvroSerializer<>(registry, false);

    @AfterContainer
    static void dropRegistry() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Property(tries = 300)
    void shouldWriteWhatTheGenericAvroWriterWrites(@ForAll("dyads") final Dyad dyad, @ForAll("scores") final Score score) {
        assertThat(serde.serializer().serialize(TOPIC, new ScoreUpdate(dyad, score)))
                .isEqualTo(generic.serialize(TOPIC, ScoringMapping.toRiskScore(dyad, score)));
    }

    @Provide
    Arbitrary<Dyad> dyads() {
        return Arbitraries.of(new Dyad("CAN", "USA"), new Dyad("CAN", "CHN"), new Dyad("AAB", "ZZZ"));
    }

    @Provide
    Arbitrary<Score> scores() {
        final Arbitrary<Double> reals = Arbitraries.doubles().between(-1e4, 1e4);
        final Arbitrary<Long> times = Arbitraries.longs().between(0L, 4_000_000_000_000L);
        final Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30)
                .withChars("aé€ -CANUSA0123456789"), Arbitraries.of("", "Zölle 😀 auf Stahl"));
        final Arbitrary<TrackedEvent> event = Combinators.combine(texts, times, Arbitraries.of(EventType.class),
                texts.injectNull(0.3), reals, reals, Arbitraries.integers().between(0, 500),
                Arbitraries.doubles().between(0, 1)).as(TrackedEvent::new);
        final Arbitrary<List<Score.Driver>> drivers = Combinators.combine(event, reals).as(Score.Driver::new)
                .list().ofMaxSize(6);
        // the model's components come in a fixed order (an ordered map); any order must be written as iterated
        final Arbitrary<Map<String, Double>> components = Combinators.combine(
                        Arbitraries.of("baseline", "threats", "acts", "cooperation").set().ofMaxSize(4).map(List::copyOf),
                        reals.list().ofSize(4))
                .as((names, values) -> {
                    final Map<String, Double> m = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        m.put(names.get(i), values.get(i));
                    }
                    return m;
                });
        final Arbitrary<double[]> numbers = reals.list().ofSize(6).map(l -> l.stream().mapToDouble(d -> d).toArray());
        return Combinators.combine(times, numbers, Arbitraries.of(RiskLevel.class), components, drivers,
                        reals.injectNull(0.4), Arbitraries.longs().between(0, 1L << 40), Arbitraries.longs().between(0, 99))
                .as((asOf, x, level, comps, ds, z, count, late) -> new Score(asOf, x[0], x[1], x[2], level, comps, ds,
                        x[3], x[4], z, count, late, x[5]));
    }
}
