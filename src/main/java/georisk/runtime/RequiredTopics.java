package georisk.runtime;

import georisk.config.KafkaSettings;
import georisk.events.TopicSpec;
import org.apache.kafka.clients.admin.Admin;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The check every command that talks to a cluster makes before it starts: Kafka answers and the
 * topics it needs exist. Topics are created only by {@code georisk topics create}, so the message
 * says to run it.
 */
public final class RequiredTopics {
    private RequiredTopics() {
    }

    /** Fails in one line, before anything is read or sent, when Kafka is unreachable or a topic is missing. */
    public static void require(final KafkaSettings kafka, final List<TopicSpec<?, ?>> needed) throws InterruptedException {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            final Set<String> present = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<String> missing = needed.stream().map(TopicSpec::name).filter(n -> !present.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("topics " + String.join(", ", missing) + " do not exist at "
                        + kafka.bootstrapServers() + ": run 'georisk topics create' first");
            }
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka is not reachable at " + kafka.bootstrapServers() + " (no answer in 30 s)");
        }
    }
}
