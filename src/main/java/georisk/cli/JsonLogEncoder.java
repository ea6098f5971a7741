package georisk.cli;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.time.Instant;

/**
 * Logback's own {@link JsonEncoder} (one JSON object per line), trimmed to what a log pipeline wants — level,
 * thread, logger, the formatted message, MDC, key-value pairs, the exception — plus {@code "time"}, the event's
 * instant in ISO-8601 UTC ({@code 2026-12-03T07:26:03.446Z}) beside Logback's epoch-millis {@code "timestamp"}.
 */
public final class JsonLogEncoder extends JsonEncoder {
    public JsonLogEncoder() {
        setWithSequenceNumber(false);
        setWithNanoseconds(false);
        setWithContext(false);
        setWithArguments(false);
        setWithMessage(false);
        setWithFormattedMessage(true);
    }

    @Override
    protected void appendCustomFields(final StringBuilder sb, final ILoggingEvent event) {
        // called last, after at least "timestamp": a separator is always needed
        sb.append(",\"time\":\"").append(Instant.ofEpochMilli(event.getTimeStamp())).append('"');
    }
}
