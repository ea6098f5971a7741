package georisk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** --topic-prefix: from the flag, GEORISK_TOPIC_PREFIX or georisk.topic.prefix, on every command with topics. */
class TopicNameOptionsTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    private Object parse(final String... args) {
        CommandLine.ParseResult result = GeoriskCommand.commandLine(env).parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.commandSpec().userObject();
    }

    @Test
    void shouldTakeThePrefixFromFlagOverEnvironmentOverFile() throws IOException {
        final Path config = dir.resolve("georisk.properties");
        Files.write(config, List.of("georisk.topic.prefix=file."));

        assertThat(((RunCommand) parse("run")).names.topics().geoEvents().name()).isEqualTo("geo-events");
        assertThat(((RunCommand) parse("run", "--config", config.toString())).names.topics().riskScores().name())
                .isEqualTo("file.risk-scores");
        env.put("GEORISK_TOPIC_PREFIX", "env.");
        assertThat(((RunCommand) parse("run", "--config", config.toString())).names.topics().riskScores().name())
                .isEqualTo("env.risk-scores");
        assertThat(((RunCommand) parse("run", "--config", config.toString(), "--topic-prefix", "flag."))
                .names.topics().riskScores().name()).isEqualTo("flag.risk-scores");
    }

    @Test
    void shouldOfferThePrefixOnEveryCommandThatUsesTopics() {
        env.put("GEORISK_TOPIC_PREFIX", "t.");
        assertThat(((TopicsCommand.Create) parse("topics", "create")).names.topics().geoEvents().name())
                .isEqualTo("t.geo-events");
        assertThat(((ProduceCommand) parse("produce", "x.jsonl")).names.topics().deadLetters().name())
                .isEqualTo("t.geo-events-dlq");
        assertThat(((ExposuresCommand.Publish) parse("exposures", "publish", "x.csv")).names.topics().tradeExposure()
                .name()).isEqualTo("t.trade-exposure");
        assertThat(((ExposuresCommand.ListExposures) parse("exposures", "list")).names.topics().tradeExposure()
                .name()).isEqualTo("t.trade-exposure");
        assertThat(((ImportGdeltCommand) parse("import-gdelt", "x.CSV")).names.topics().geoEvents().name())
                .isEqualTo("t.geo-events");
        assertThat(((LoadCommand) parse("load")).names.topics().geoEvents().name()).isEqualTo("t.geo-events");
        assertThat(((DemoCommand) parse("demo")).names.topics().riskAlerts().name()).isEqualTo("t.risk-alerts");
        assertThat(((BenchPipelineCommand) parse("bench-pipeline")).names.topics().riskScores().name())
                .isEqualTo("t.risk-scores");
    }

    @Test
    void shouldStopAtABadPrefixNamingTheOption() {
        final StringWriter err = new StringWriter();
        final CommandLine cli = GeoriskCommand.commandLine(env);
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        final int code = cli.execute("topics", "create", "--topic-prefix", "team 1", "--bootstrap-servers",
                "127.0.0.1:1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--topic-prefix (GEORISK_TOPIC_PREFIX) = 'team 1'")
                .contains("letters, digits");
    }
}
