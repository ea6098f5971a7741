package georisk.cli;

import georisk.config.SettingException;
import georisk.config.WatchSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchOptionsTest {
    private static WatchOptions options(final String home, final String counterparties) {
        final WatchOptions o = new WatchOptions();
        o.homes = home;
        o.counterparties = counterparties;
        o.dedupeHorizon = Duration.ofDays(3650);
        return o;
    }

    @Test
    void shouldWatchEveryPairWithAStarForHome() {
        final WatchSettings settings = options("*", "*").settings();
        assertThat(settings.everyPair()).isTrue();
        assertThat(settings.homes()).isEmpty();
    }

    @Test
    void shouldWatchHomeCountriesByDefault() {
        final WatchSettings settings = options("CAN", "USA,CHN").settings();
        assertThat(settings.everyPair()).isFalse();
        assertThat(settings.homes()).containsExactly("CAN");
    }

    @Test
    void shouldRefuseEveryPairModeWithListedCounterparties() {
        assertThatThrownBy(() -> options("*", "USA").settings())
                .isInstanceOf(SettingException.class)
                .hasMessageContaining("home").hasMessageContaining("leave --counterparties unset");
    }

    @Test
    void shouldWatchEveryCounterpartyWithAStarForHomeAndNoCounterparties() {
        final WatchSettings settings = options("*", null).settings();
        assertThat(settings.everyPair()).isTrue();
        assertThat(settings.counterparties()).isEmpty();
    }

    @Test
    void shouldWatchUsaAndChinaWhenNoCounterpartiesAreGiven() {
        final WatchSettings settings = options("CAN", null).settings();
        assertThat(settings.homes()).containsExactly("CAN");
        assertThat(settings.counterparties()).containsExactlyInAnyOrder("USA", "CHN");
    }
}
