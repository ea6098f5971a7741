package georisk.runtime;

import georisk.events.RiskAlert;
import georisk.events.RiskScore;
import georisk.events.Topics;
import georisk.serde.AvroSerializer;
import georisk.serde.SchemaRegistryException;
import georisk.serde.SerdeFactory;

/**
 * The registry check {@code run} makes before it starts: the schemas of the output topics are registered
 * (what the first score would do anyway), which proves that the registry answers at that URL, accepts
 * georisk's credentials and finds the schemas compatible. Subjects follow the topic names (TopicNameStrategy), so
 * a prefixed catalog registers prefixed subjects. A failure is one line naming the registry.
 */
public final class RequiredRegistry {
    private RequiredRegistry() {
    }

    public static void require(final SerdeFactory serdes, final Topics topics) {
        try {
            serdes.registry().register(AvroSerializer.subject(topics.riskScores().name(), false), RiskScore.getClassSchema());
            serdes.registry().register(AvroSerializer.subject(topics.riskAlerts().name(), false), RiskAlert.getClassSchema());
        } catch (final SchemaRegistryException e) {
            throw new IllegalStateException("schema registry check failed: " + e.getMessage(), e);
        }
    }
}
