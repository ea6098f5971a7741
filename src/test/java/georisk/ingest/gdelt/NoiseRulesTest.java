package georisk.ingest.gdelt;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoiseRulesTest {
    private final NoiseRules defaults = NoiseRules.defaults(Set.of("CAN"), Set.of("USA", "CHN"));

    @Test
    void shouldKeepACorroboratedRootEventOfAWatchedDyadInEitherDirection() {
        assertThat(defaults.check(Rows.row().actors("USA", "CAN").build())).isEmpty();
        assertThat(defaults.check(Rows.row().actors("CAN", "CHN").build())).isEmpty();
    }

    @Test
    void shouldSetAsideRowsWithoutBothCountries() {
        assertThat(defaults.check(Rows.row().actors(null, "CAN").build())).contains(NoiseRule.MISSING_COUNTRY);
        assertThat(defaults.check(Rows.row().actors("USA", null).build())).contains(NoiseRule.MISSING_COUNTRY);
    }

    @Test
    void shouldSetAsideDomesticRows() {
        assertThat(defaults.check(Rows.row().actors("CAN", "CAN").build())).contains(NoiseRule.SAME_COUNTRY);
    }

    @Test
    void shouldSetAsideDyadsThatAreNotWatchedUnlessAllDyadsAreKept() {
        final GdeltRow usaMex = Rows.row().actors("USA", "MEX").build();
        final GdeltRow canMex = Rows.row().actors("CAN", "MEX").build();
        final NoiseRules all = new NoiseRules(Set.of(), Set.of(), true, 2, 3, false);
        final NoiseRules everyCounterparty = NoiseRules.defaults(Set.of("CAN"), Set.of());

        assertThat(defaults.check(usaMex)).contains(NoiseRule.UNWATCHED_DYAD);
        assertThat(defaults.check(canMex)).contains(NoiseRule.UNWATCHED_DYAD);
        assertThat(all.check(usaMex)).isEmpty();
        assertThat(everyCounterparty.check(canMex)).isEmpty();
        assertThat(everyCounterparty.check(usaMex)).contains(NoiseRule.UNWATCHED_DYAD);
        // every dyad still needs two different, known countries
        assertThat(all.check(Rows.row().actors("FRA", "FRA").build())).contains(NoiseRule.SAME_COUNTRY);
    }

    @Test
    void shouldSetAsideNonRootEventsUnlessAskedToKeepThem() {
        final GdeltRow nonRoot = Rows.row().root(false).build();

        assertThat(defaults.check(nonRoot)).contains(NoiseRule.NON_ROOT);
        assertThat(new NoiseRules(Set.of("CAN"), Set.of("USA"), false, 2, 3, true).check(nonRoot)).isEmpty();
    }

    @Test
    void shouldSetAsideRowsBelowTheSourceAndMentionThresholds() {
        assertThat(defaults.check(Rows.row().attention(10, 1, 10).build())).contains(NoiseRule.FEW_SOURCES);
        assertThat(defaults.check(Rows.row().attention(2, 2, 2).build())).contains(NoiseRule.FEW_MENTIONS);
        assertThat(defaults.check(Rows.row().attention(3, 2, 1).build())).isEmpty();

        final NoiseRules strict = new NoiseRules(Set.of("CAN"), Set.of("USA"), false, 5, 20, false);
        assertThat(strict.check(Rows.row().attention(25, 4, 25).build())).contains(NoiseRule.FEW_SOURCES);
        assertThat(strict.check(Rows.row().attention(19, 5, 25).build())).contains(NoiseRule.FEW_MENTIONS);
        final NoiseRules none = new NoiseRules(Set.of("CAN"), Set.of("USA"), false, 0, 0, false);
        assertThat(none.check(Rows.row().attention(0, 0, 0).build())).isEmpty();
    }

    @Test
    void shouldCountARowUnderTheFirstRuleItBreaks() {
        final GdeltRow everythingWrong = Rows.row().actors("USA", "MEX").root(false).attention(1, 1, 1).build();

        assertThat(defaults.check(everythingWrong)).isEqualTo(Optional.of(NoiseRule.UNWATCHED_DYAD));
        assertThat(defaults.check(Rows.row().root(false).attention(1, 1, 1).build())).contains(NoiseRule.NON_ROOT);
        assertThat(defaults.check(Rows.row().attention(1, 1, 1).build())).contains(NoiseRule.FEW_SOURCES);
    }

    @Test
    void shouldRefuseNegativeThresholdsAndBadCodes() {
        assertThatThrownBy(() -> new NoiseRules(Set.of("CAN"), Set.of(), false, -1, 3, false))
                .hasMessageContaining("minSources");
        assertThatThrownBy(() -> new NoiseRules(Set.of("CAN"), Set.of(), false, 2, -3, false))
                .hasMessageContaining("minMentions");
        assertThatThrownBy(() -> new NoiseRules(Set.of("can"), Set.of(), false, 2, 3, false))
                .hasMessageContaining("'can'");
        assertThatThrownBy(() -> new NoiseRules(Set.of(), Set.of(), false, 2, 3, false))
                .hasMessageContaining("home");
    }
}
