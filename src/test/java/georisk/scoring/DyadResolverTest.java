package georisk.scoring;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DyadResolverTest {
    @Test
    void shouldKeyAPairByItsHomeCountry() {
        final DyadResolver resolver = new DyadResolver(Set.of("CAN"), Set.of("USA"));
        assertThat(resolver.resolve("USA", "CAN")).contains(new Dyad("CAN", "USA"));
        assertThat(resolver.resolve("CAN", "USA")).contains(new Dyad("CAN", "USA"));
        assertThat(resolver.resolve("USA", "MEX")).isEmpty();
    }

    @Test
    void shouldScoreEveryPairInAlphabeticalOrderInEveryPairMode() {
        final DyadResolver resolver = DyadResolver.everyPair();
        assertThat(resolver.resolve("USA", "MEX")).contains(new Dyad("MEX", "USA"));
        assertThat(resolver.resolve("MEX", "USA")).contains(new Dyad("MEX", "USA"));
        assertThat(resolver.resolve("USA", "CAN")).map(Dyad::key).contains("CAN-USA");
        assertThat(resolver.resolve("USA", "USA")).isEmpty();
        assertThat(resolver.resolve(null, "USA")).isEmpty();
    }

    @Test
    void shouldChooseEveryPairModeWithoutHomeCountries() {
        assertThat(DyadResolver.of(Set.of(), Set.of()).resolve("JPN", "CHN")).map(Dyad::key).contains("CHN-JPN");
        assertThat(DyadResolver.of(Set.of("CAN"), Set.of()).resolve("JPN", "CHN")).isEmpty();
    }
}
