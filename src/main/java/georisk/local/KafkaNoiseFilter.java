package georisk.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

import java.util.List;

/**
 * Drops the few warnings that the embedded broker logs on every healthy start or stop, so that a
 * newcomer running {@code georisk demo} does not read them as faults. Everything else Kafka warns
 * about still shows. Installed by {@code logback.xml} as a {@code turboFilter}.
 */
public final class KafkaNoiseFilter extends TurboFilter {
    private static final List<String> BENIGN = List.of(
            // QuorumController, on every start (adding "the metadata log appears to be empty" on the first)
            "Performing controller activation",
            // NetworkClient, on every broker shutdown: the registration channel is closed twice
            "Attempting to close NetworkClient that has already been closed");

    @Override
    public FilterReply decide(final Marker marker, final Logger logger, final Level level, final String format,
                              final Object[] params, final Throwable t) {
        if (format == null || level != Level.WARN || !logger.getName().startsWith("org.apache.kafka.")) {
            return FilterReply.NEUTRAL;
        }
        final String message = params == null ? format : MessageFormatter.arrayFormat(format, params).getMessage();
        for (String benign : BENIGN) {
            if (message.contains(benign)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
