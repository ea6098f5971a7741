package georisk.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import georisk.config.AlertWebhook;

import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/** The request bodies of the webhook formats. */
public final class WebhookBodies {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private WebhookBodies() {
    }

    /** The body of {@code alert} for a webhook of {@code format}, as UTF-8 JSON text. */
    public static String body(final AlertWebhook.Format format, final AlertMessage alert) {
        try {
            return switch (format) {
                case SLACK -> JSON.writeValueAsString(Map.of("text", slackText(alert)));
                case JSON -> JSON.writeValueAsString(alert);
            };
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the webhook body of alert " + alert.id(), e);
        }
    }

    /**
     * One line for people, in Slack's mrkdwn: {@code *CAN-USA* LEVEL_CHANGE ELEVATED → SEVERE (tension 80.1):
     * <explanation>}. Slack reads {@code &}, {@code <} and {@code >} as markup, so they are escaped.
     */
    static String slackText(final AlertMessage alert) {
        final String levels = alert.fromLevel() == null ? alert.toLevel() : alert.fromLevel() + " → " + alert.toLevel();
        return ":rotating_light: georisk *" + escape(alert.dyad()) + "* " + escape(alert.kind()) + " " + escape(levels)
                + String.format(Locale.ROOT, " (tension %.1f): ", alert.score()) + escape(alert.explanation());
    }

    private static String escape(final String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
