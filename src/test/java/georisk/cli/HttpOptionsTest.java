package georisk.cli;

import georisk.config.SettingException;
import georisk.runtime.HttpApi;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpOptionsTest {
    private static HttpOptions parse(final String... args) {
        final HttpOptions options = new HttpOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void shouldDefaultToAThousandStreamsAndThirtyTwoPerClient() {
        assertThat(parse().streamLimits()).isEqualTo(HttpApi.StreamLimits.DEFAULTS);
        assertThat(HttpApi.StreamLimits.DEFAULTS).isEqualTo(new HttpApi.StreamLimits(1000, 32));
    }

    @Test
    void shouldTakeTheStreamLimitsFromTheirOptions() {
        assertThat(parse("--sse-max-streams", "50", "--sse-max-streams-per-client", "5").streamLimits())
                .isEqualTo(new HttpApi.StreamLimits(50, 5));
    }

    @Test
    void shouldStopOnAStreamLimitBelowOneNamingTheOption() {
        assertThatThrownBy(() -> parse("--sse-max-streams", "0").streamLimits()).isInstanceOf(SettingException.class)
                .hasMessageContaining("sse-max-streams");
        assertThatThrownBy(() -> parse("--sse-max-streams-per-client", "-1").streamLimits())
                .isInstanceOf(SettingException.class).hasMessageContaining("sse-max-streams-per-client");
    }
}
