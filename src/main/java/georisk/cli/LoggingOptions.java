package georisk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import georisk.config.SettingException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --log-format} and {@code --log-level}: how the long-running commands log. Logs go to stderr (the console
 * appender of {@code logback.xml}); {@link #apply()} changes its encoder and the levels, first thing in a command.
 */
final class LoggingOptions {
    /** The appender both logback.xml and logback-test.xml define. */
    static final String APPENDER = "STDERR";

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "${env:GEORISK_LOG_FORMAT:-text}",
            description = "text: one line per event, starting with an ISO-8601 time with date and offset; json: one "
                    + "JSON object per line (Logback's JsonEncoder, plus \"time\" in ISO-8601 UTC) for log pipelines "
                    + "(env GEORISK_LOG_FORMAT; default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--log-level", paramLabel = "[LOGGER=]LEVEL", split = ",",
            defaultValue = "${env:GEORISK_LOG_LEVEL:-INFO}",
            description = "Level of georisk's own logs (TRACE, DEBUG, INFO, WARN, ERROR, OFF), or LOGGER=LEVEL for any "
                    + "logger, e.g. org.apache.kafka=INFO (Kafka and Jetty log WARN and above by default); repeatable "
                    + "(env GEORISK_LOG_LEVEL, comma-separated; default ${DEFAULT-VALUE}).")
    List<String> levels = new ArrayList<>();

    /** Validates both options (a bad value stops start-up naming the option) and applies them to Logback. */
    void apply() {
        final String f = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            throw new SettingException("log-format", format, "expected text or json");
        }
        final List<String[]> parsed = new ArrayList<>();
        for (final String spec : levels == null ? List.<String>of() : levels) {
            if (spec.isBlank()) {
                continue;
            }
            final int eq = spec.indexOf('=');
            final String logger = eq < 0 ? "georisk" : spec.substring(0, eq).strip();
            final String level = (eq < 0 ? spec : spec.substring(eq + 1)).strip().toUpperCase(Locale.ROOT);
            if (logger.isEmpty() || !List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(level)) {
                throw new SettingException("log-level", spec,
                        "expected LEVEL or LOGGER=LEVEL with LEVEL one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
            }
            parsed.add(new String[] {logger, level});
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;  // not Logback: nothing of ours to configure
        }
        for (final String[] p : parsed) {
            context.getLogger(p[0]).setLevel(Level.toLevel(p[1]));
        }
        if (f.equals("json")) {
            json(context);
        }
    }

    private static void json(final LoggerContext context) {
        final Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
        if (appender instanceof OutputStreamAppender<ILoggingEvent> out) {
            final JsonLogEncoder encoder = new JsonLogEncoder();
            encoder.setContext(context);
            encoder.start();
            out.stop();
            out.setEncoder(encoder);
            out.start();
        }
    }
}
