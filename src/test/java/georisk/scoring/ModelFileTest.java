package georisk.scoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model file: the shipped model, a user's overlay, and a message that names the line of every mistake. */
class ModelFileTest {

    /** The values {@code ModelParameters.defaults()} hard-coded before the shipped file replaced them. */
    private static final ModelParameters HARD_CODED = new ModelParameters(
            new ModelParameters.Impact(20.0, 1.0, 1.0, 1.0, 0.8, 100.0, 2.0, 0.5, 0.15, 2.0, 3),
            new ModelParameters.Tension(Duration.ofDays(30), 10.0, 25.0),
            new ModelParameters.History(30, 7, 3.0),
            new ModelParameters.Levels(List.of(20.0, 40.0, 60.0, 80.0), 3.0),
            new ModelParameters.Alerts(15.0, Duration.ofDays(7), 3.0, 2, 0.6, Duration.ofDays(1), 0.5),
            new ModelParameters.Windows(Duration.ofDays(1), Duration.ofDays(3650)),
            // tracked 5, not 20: more tracked events than reported drivers can never be named (docs/scoring.md)
            new ModelParameters.Drivers(5, 5));

    private static ModelParameters load(final String text) {
        return ModelFile.load(new StringReader(text), "my-model.properties");
    }

    private static String shippedText() throws IOException {
        try (InputStream in = ModelFile.class.getClassLoader().getResourceAsStream(ModelFile.SHIPPED_RESOURCE)) {
            assertThat(in).as(ModelFile.SHIPPED_RESOURCE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldShipTheModelThatWasHardCoded() {
        assertThat(ModelFile.shipped()).isEqualTo(HARD_CODED);
        assertThat(ModelParameters.defaults()).isEqualTo(HARD_CODED);
    }

    @Test
    void shouldKnowAKeyForEveryParameterOfTheModel() {
        // group.kebab-name of every record component: a parameter added to ModelParameters needs a key
        final Set<String> parameters = new LinkedHashSet<>();
        for (final RecordComponent group : ModelParameters.class.getRecordComponents()) {
            for (final RecordComponent p : group.getType().getRecordComponents()) {
                parameters.add(group.getName() + "." + p.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
            }
        }
        assertThat(ModelFile.keys()).containsExactlyElementsOf(parameters);
    }

    @Test
    void shouldShipEveryKeyOnceWithACommentAboveIt() throws IOException {
        final List<String> lines = shippedText().lines().toList();
        final List<String> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final String key = line.substring(0, line.indexOf('=')).strip();
            keys.add(key);
            int comments = 0;
            while (i - comments - 1 >= 0 && lines.get(i - comments - 1).startsWith("# ")) {
                comments++;
            }
            assertThat(comments).as("comment lines above %s", key).isBetween(2, 4);
        }
        assertThat(keys).containsExactlyElementsOf(ModelFile.keys());
    }

    @Test
    void shouldReportMissingKeyOfShippedModelAsPackagingDefect() throws IOException {
        final String withoutGrace = shippedText().replaceAll("(?m)^windows\\.grace = .*$", "");
        assertThatThrownBy(() -> ModelFile.readComplete(new StringReader(withoutGrace), "shipped.properties"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shipped.properties: missing key windows.grace "
                        + "(a packaging defect: the shipped model must set every parameter)");
    }

    @Test
    void shouldKeepShippedValuesForKeysAFileLeavesOut() {
        final ModelParameters model = load("""
                # a faster-moving model
                tension.half-life = 12h
                levels.bounds = 10, 30, 50, 70
                drivers.top=3
                """);
        assertThat(model.tension()).isEqualTo(new ModelParameters.Tension(Duration.ofHours(12), 10.0, 25.0));
        assertThat(model.levels().bounds()).containsExactly(10.0, 30.0, 50.0, 70.0);
        assertThat(model.drivers()).isEqualTo(new ModelParameters.Drivers(3, 5));
        assertThat(model.impact()).isEqualTo(HARD_CODED.impact());
        assertThat(model.alerts()).isEqualTo(HARD_CODED.alerts());
    }

    @Test
    void shouldReadAnEmptyFileAsTheShippedModel() {
        assertThat(load("# nothing changed\n\n")).isEqualTo(HARD_CODED);
    }

    @Test
    void shouldReadDurationsInShortAndIsoForms() {
        assertThat(load("alerts.cooldown = 15m").alerts().cooldown()).isEqualTo(Duration.ofMinutes(15));
        assertThat(load("alerts.cooldown = 500ms").alerts().cooldown()).isEqualTo(Duration.ofMillis(500));
        assertThat(load("alerts.cooldown = 90s").alerts().cooldown()).isEqualTo(Duration.ofSeconds(90));
        assertThat(load("alerts.cooldown = PT12H").alerts().cooldown()).isEqualTo(Duration.ofHours(12));
        assertThat(load("alerts.jump-span = P3D").alerts().jumpSpan()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void shouldSuggestTheNearestKeyForATypo() {
        assertThatThrownBy(() -> load("# mine\ntension.halflife = 10d\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("my-model.properties:2: unknown key 'tension.halflife' (did you mean tension.half-life?)");
    }

    @Test
    void shouldSuggestTheRightGroupForAKnownName() {
        assertThatThrownBy(() -> load("alerts.hysteresis = 2"))
                .hasMessageContaining("(did you mean levels.hysteresis?)");
        assertThatThrownBy(() -> load("Tension.Half_Life = 2d"))
                .hasMessageContaining("(did you mean tension.half-life?)");
    }

    @Test
    void shouldNotSuggestAKeyWhenNoneIsClose() {
        assertThatThrownBy(() -> load("colour = blue"))
                .hasMessage("my-model.properties:1: unknown key 'colour': the model's keys are those of the shipped "
                        + ModelFile.SHIPPED_RESOURCE);
    }

    @Test
    void shouldRejectAKeySetTwice() {
        assertThatThrownBy(() -> load("tension.baseline = 12\n\ntension.baseline = 15\n"))
                .hasMessage("my-model.properties:3: duplicate key tension.baseline (first set on line 1)");
    }

    @Test
    void shouldRejectALineThatIsNotKeyEqualsValue() {
        assertThatThrownBy(() -> load("tension.baseline 12"))
                .hasMessage("my-model.properties:1: expected 'key = value', found 'tension.baseline 12'");
    }

    @Test
    void shouldRejectAKeyWithoutValue() {
        assertThatThrownBy(() -> load("tension.baseline =")).hasMessage("my-model.properties:1: tension.baseline has no value");
    }

    @Test
    void shouldRejectAValueThatIsNotANumber() {
        assertThatThrownBy(() -> load("\nimpact.act-weight = 1,5\n"))
                .hasMessage("my-model.properties:2: impact.act-weight = '1,5': not a number (write it like 2, 0.25 or 1e3)");
        assertThatThrownBy(() -> load("impact.act-weight = NaN")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> load("impact.act-weight = 1e999")).hasMessageContaining("not a number");
    }

    @Test
    void shouldRejectAFractionWhereACountIsMeant() {
        assertThatThrownBy(() -> load("drivers.top = 2.5"))
                .hasMessage("my-model.properties:1: drivers.top = '2.5': not a whole number (write it like 3)");
    }

    @Test
    void shouldRejectAValueThatIsNotADuration() {
        assertThatThrownBy(() -> load("tension.half-life = 30 days"))
                .hasMessage("my-model.properties:1: tension.half-life = '30 days': "
                        + "not a duration (write it like 500ms, 30s, 15m, 12h, 30d or ISO-8601 PT12H)");
        assertThatThrownBy(() -> load("tension.half-life = 99999999999999999999d")).hasMessageContaining("too long a duration");
    }

    @Test
    void shouldNameTheItemOfABadList() {
        assertThatThrownBy(() -> load("levels.bounds = 20, 40, high, 80"))
                .hasMessage("my-model.properties:1: levels.bounds = '20, 40, high, 80': item 3 ('high') is not a number; "
                        + "write comma-separated numbers like 20, 40, 60, 80");
    }

    @Test
    void shouldNameKeyAndLineOfAValueOutOfRange() {
        assertThatThrownBy(() -> load("# calmer\ntension.half-life = 7d\ntension.baseline = 100\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("my-model.properties:3: model parameter tension.baseline = 100.0: "
                        + "must be between 0.0 and 100.0, exclusive");
        assertThatThrownBy(() -> load("levels.bounds = 20, 40, 60"))
                .hasMessageStartingWith("my-model.properties:1: model parameter levels.bounds = [20.0, 40.0, 60.0]: ");
        assertThatThrownBy(() -> load("tension.half-life = 0d"))
                .hasMessageStartingWith("my-model.properties:1: model parameter tension.half-life = PT0S: ");
    }

    @Test
    void shouldNameTheUsersLineWhenTheirValueClashesWithAShippedOne() {
        // history.baseline-days stays 30 (shipped), below the user's minimum
        assertThatThrownBy(() -> load("drivers.top = 4\nhistory.min-baseline-days = 40\n"))
                .hasMessageStartingWith("my-model.properties:2: history.min-baseline-days = 40 clashes with the shipped "
                        + "history.baseline-days (" + ModelFile.SHIPPED_RESOURCE + ":")
                .hasMessageEndingWith("model parameter history.baseline-days = 30.0: must be at least history.min-baseline-days");
        // the lowest bound falls below the shipped hysteresis, which the message names only by rule
        assertThatThrownBy(() -> load("levels.bounds = 2, 40, 60, 80"))
                .hasMessageStartingWith("my-model.properties:1: levels.bounds = 2, 40, 60, 80 clashes with the shipped "
                        + "levels.hysteresis");
    }

    @Test
    void shouldFindTheLineToChangeFromTheRejectedKeyNotFromTheMessagesWording() {
        final Map<String, ModelFile.Setting> settings = new LinkedHashMap<>();
        settings.put("drivers.top", new ModelFile.Setting("drivers.top", "9", 9, "my.properties", 4, false));
        settings.put("drivers.tracked", new ModelFile.Setting("drivers.tracked", "8", 8, "shipped.properties", 20, true));
        // a message that names no key in any form: the key travels as data
        assertThatThrownBy(() -> ModelFile.group("drivers", settings, () -> {
            throw new ModelParameterException("drivers.top", List.of(), "Trop de pilotes.");
        })).hasMessage("my.properties:4: Trop de pilotes.");
        // the shipped value is rejected, the user's related key is the line to change
        assertThatThrownBy(() -> ModelFile.group("drivers", settings, () -> {
            throw new ModelParameterException("drivers.tracked", List.of("drivers.top"), "Pas assez suivis.");
        })).hasMessage("my.properties:4: drivers.top = 9 clashes with the shipped drivers.tracked "
                + "(shipped.properties:20): Pas assez suivis.");
    }

    @Test
    void shouldLoadAFileAndNameItsPath(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("model.properties");
        Files.writeString(file, "# Goldstein −10 … +10\nalerts.anomaly-z = 3\n", StandardCharsets.UTF_8);
        assertThat(ModelFile.load(file).alerts().anomalyZ()).isEqualTo(3.0);

        Files.writeString(file, "alerts.anomaly-z = -3\n");
        assertThatThrownBy(() -> ModelFile.load(file)).hasMessageStartingWith(file + ":1: model parameter alerts.anomaly-z");
    }

    @Test
    void shouldNameAMissingOrUnreadableFile(@TempDir final Path dir) throws IOException {
        assertThatThrownBy(() -> ModelFile.load(dir.resolve("nope.properties")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("nope.properties") + ": no such model file");
        assertThatThrownBy(() -> ModelFile.load(dir)).hasMessage(dir + ": is a directory, not a model file");
        final Path latin1 = Files.write(dir.resolve("latin1.properties"), "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ModelFile.load(latin1)).hasMessage(latin1 + ": the model file is not UTF-8 text");
    }
}
