package georisk.cli;

import georisk.config.AlertWebhook;
import georisk.runtime.AlertWebhooks;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Where alerts are delivered besides the risk-alerts topic: what {@code run} and {@code demo} share. */
final class AlertOptions {
    @Option(names = "--alert-webhook", paramLabel = "[slack=|json=]URL", split = ",",
            defaultValue = "${env:" + AlertWebhook.ENV + "}",
            description = "Post every alert to this webhook (repeatable): slack=URL posts Slack's {\"text\": ...} "
                    + "(Slack incoming webhooks, and chat tools that take it), json=URL or a bare URL posts the alert's "
                    + "fields as JSON. Retried with backoff; one webhook that is down delays nothing else. The URL is "
                    + "never printed in full (env " + AlertWebhook.ENV + ", comma-separated, keeps it out of the "
                    + "process list).")
    List<String> webhooks = new ArrayList<>();

    /** The webhooks, parsed; a bad one stops start-up naming the option, with its URL masked. */
    List<AlertWebhook> webhooks() {
        return webhooks == null ? List.of()
                : webhooks.stream().filter(w -> !w.isBlank()).map(AlertWebhook::parse).toList();
    }

    /** One line saying where alerts also go, once delivery has started; nothing when there are no webhooks. */
    static void announce(final PrintWriter out, final List<AlertWebhook> webhooks, final String applicationId) {
        if (webhooks.isEmpty()) {
            return;
        }
        out.printf("Alerts also go to %d webhook(s): %s (consumer group %s)%n", webhooks.size(),
                webhooks.stream().map(AlertWebhook::toString).collect(Collectors.joining(", ")),
                AlertWebhooks.groupId(applicationId));
        out.flush();
    }
}
