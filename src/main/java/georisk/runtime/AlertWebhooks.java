package georisk.runtime;

import georisk.alerting.AlertDelivery;
import georisk.alerting.RetryPolicy;
import georisk.config.AlertWebhook;
import georisk.config.KafkaSettings;
import georisk.events.Topics;
import georisk.serde.SerdeFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.List;
import java.util.Properties;

/** Wires {@link AlertDelivery} to the alert topic for {@code run} and {@code demo}. */
public final class AlertWebhooks {
    /** Alerts that may wait for one webhook: alerts are a few a day, so this is hours of a webhook being down. */
    public static final int QUEUE_CAPACITY = 1000;

    private AlertWebhooks() {
    }

    /** Where an application's webhook deliveries keep their offsets: one group per application id. */
    public static String groupId(final String applicationId) {
        return applicationId + "-alert-webhooks";
    }

    /**
     * Starts delivering to {@code webhooks} the alerts of {@code topics}' alert topic, or returns null when there
     * are none.
     *
     * @param fromEarliest where a group that never committed starts: the oldest alert kept (the demo, whose topics
     *                     are new) or the next alert raised ({@code run}: a year of old alerts must not flood a chat)
     */
    public static AlertDelivery start(final List<AlertWebhook> webhooks, final KafkaSettings kafka,
                                      final SerdeFactory serdes, final MeterRegistry registry,
                                      final String applicationId, final boolean fromEarliest, final Topics topics) {
        return start(webhooks, kafka, serdes, registry, applicationId, fromEarliest, topics, RetryPolicy.defaults());
    }

    /** As above, with the given retries (tests shorten them). */
    public static AlertDelivery start(final List<AlertWebhook> webhooks, final KafkaSettings kafka,
                                      final SerdeFactory serdes, final MeterRegistry registry,
                                      final String applicationId, final boolean fromEarliest, final Topics topics,
                                      final RetryPolicy policy) {
        if (webhooks.isEmpty()) {
            return null;
        }
        final String group = groupId(applicationId);
        final Properties props = kafka.consumerProperties(group);
        props.put("group.id", group);
        props.put("auto.offset.reset", fromEarliest ? "earliest" : "latest");
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        final AlertDelivery delivery;
        try {
            delivery = new AlertDelivery(consumer, topics.riskAlerts().name(),
                    serdes.valueSerde(topics.riskAlerts()).deserializer(), webhooks, policy,
                    QUEUE_CAPACITY, registry, "georisk/" + HttpApi.version());
        } catch (final RuntimeException e) {
            consumer.close();
            throw e;
        }
        delivery.start();
        return delivery;
    }
}
