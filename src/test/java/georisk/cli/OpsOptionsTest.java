package georisk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerting and logging options: bad values stop start-up naming the option, secrets stay masked. */
class OpsOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return GeoriskCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void shouldNameTheWebhookOptionWithoutItsSecret() {
        assertThat(run("run", "--alert-webhook", "teams=https://hooks.example.org/services/s3cr3t")).isEqualTo(2);
        assertThat(err.toString()).startsWith("georisk: --alert-webhook (GEORISK_ALERT_WEBHOOKS) = "
                + "'teams=https://hooks.example.org/***': unknown body format 'teams'").doesNotContain("s3cr3t");
        assertThat(out.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void shouldReadSeveralWebhooksFromOneCommaSeparatedValue() {
        final AlertOptions options = new AlertOptions();
        options.webhooks = List.of("slack=https://hooks.slack.com/services/T/B/x", "http://127.0.0.1:9/hook");

        assertThat(options.webhooks()).extracting(Object::toString)
                .containsExactly("slack=https://hooks.slack.com/***", "json=http://127.0.0.1:9/***");
    }

    @Test
    void shouldRefuseAnUnknownLogFormatOrLevel() {
        assertThat(run("demo", "--log-format", "xml")).isEqualTo(2);
        assertThat(err.toString()).startsWith("georisk: --log-format (GEORISK_LOG_FORMAT) = 'xml': expected text or json");

        err.getBuffer().setLength(0);
        assertThat(run("run", "--log-level", "org.apache.kafka=LOUD")).isEqualTo(2);
        assertThat(err.toString()).startsWith("georisk: --log-level (GEORISK_LOG_LEVEL) = 'org.apache.kafka=LOUD'");
    }

    @Test
    void shouldLogOneJsonObjectPerLineWithAnIsoTimeAndSetLevels() throws Exception {
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        @SuppressWarnings("unchecked")
        final OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LoggingOptions.APPENDER);
        final Encoder<ILoggingEvent> before = appender.getEncoder();
        final Level kafkaBefore = context.getLogger("org.apache.kafka.clients").getLevel();
        final Level georiskBefore = context.getLogger("georisk").getLevel();
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            final LoggingOptions options = new LoggingOptions();
            options.format = "JSON";
            options.levels = List.of("DEBUG", "org.apache.kafka.clients=ERROR");
            options.apply();

            LoggerFactory.getLogger("georisk.ops").debug("alert {} \"delivered\"", "a-1");
            LoggerFactory.getLogger("org.apache.kafka.clients.test").warn("not shown");
        } finally {
            System.setErr(stderr);
            appender.stop();
            appender.setEncoder(before);
            appender.start();
            context.getLogger("org.apache.kafka.clients").setLevel(kafkaBefore);
            context.getLogger("georisk").setLevel(georiskBefore);
        }

        final List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        final JsonNode event = new ObjectMapper().readTree(lines.get(0));
        assertThat(event.get("level").textValue()).isEqualTo("DEBUG");
        assertThat(event.get("loggerName").textValue()).isEqualTo("georisk.ops");
        assertThat(event.get("formattedMessage").textValue()).isEqualTo("alert a-1 \"delivered\"");
        assertThat(Instant.parse(event.get("time").textValue()))
                .isEqualTo(Instant.ofEpochMilli(event.get("timestamp").longValue()));
    }
}
