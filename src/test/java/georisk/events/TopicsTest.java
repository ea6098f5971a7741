package georisk.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {
    @Test
    void shouldNameTheDefaultTopicsAsDocumented() {
        assertThat(Topics.DEFAULT.all()).extracting(TopicSpec::name)
                .containsExactly("geo-events", "trade-exposure", "risk-scores", "risk-alerts", "geo-events-dlq");
        assertThat(Topics.ALL).isEqualTo(Topics.DEFAULT.all());
        assertThat(Topics.RISK_SCORES).isEqualTo(Topics.DEFAULT.riskScores());
    }

    @Test
    void shouldPutThePrefixBeforeEveryNameAndKeepTypesAndConfiguration() {
        final Topics team = Topics.withPrefix("team1.");
        assertThat(team.all()).extracting(TopicSpec::name).containsExactly("team1.geo-events", "team1.trade-exposure",
                "team1.risk-scores", "team1.risk-alerts", "team1.geo-events-dlq");
        for (int i = 0; i < team.all().size(); i++) {
            final TopicSpec<?, ?> prefixed = team.all().get(i);
            final TopicSpec<?, ?> plain = Topics.DEFAULT.all().get(i);
            assertThat(prefixed.config()).isEqualTo(plain.config());
            assertThat(prefixed.valueType()).isEqualTo(plain.valueType());
        }
        assertThat(team.tradeExposure().compacted()).isTrue();
        assertThat(team.prefix()).isEqualTo("team1.");
    }

    @Test
    void shouldRefuseAPrefixKafkaWouldRefuseInATopicName() {
        assertThatThrownBy(() -> Topics.withPrefix("team 1/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> Topics.withPrefix("x".repeat(Topics.MAX_PREFIX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
        assertThat(Topics.withPrefix("x".repeat(Topics.MAX_PREFIX_LENGTH)).deadLetters().name()).hasSize(
                Topics.MAX_PREFIX_LENGTH + "geo-events-dlq".length()).matches("[a-zA-Z0-9._-]{1,249}");
    }

    /** The static names are defaults for tests and compatibility: main code uses the catalog it is handed. */
    @Test
    void shouldNotNameTheDefaultTopicsInMainCodeOutsideTheCatalog() throws IOException {
        final Pattern statics = Pattern.compile("Topics\\.(GEO_EVENTS|TRADE_EXPOSURE|RISK_SCORES|RISK_ALERTS"
                + "|GEO_EVENTS_DLQ|ALL)\\b");
        final List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java", "georisk"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith(Path.of("events", "Topics.java")))
                    .filter(p -> statics.matcher(read(p)).find()).map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static String read(final Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
