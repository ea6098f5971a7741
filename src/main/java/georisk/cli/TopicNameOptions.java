package georisk.cli;

import georisk.config.SettingException;
import georisk.events.Topics;
import picocli.CommandLine.Option;

/**
 * The names of georisk's topics, for a shared cluster where topics belong to teams: one prefix before every
 * name. Shared by every command that reads or writes georisk's topics, so that they agree.
 */
final class TopicNameOptions {
    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Put PREFIX before every topic name, for a shared cluster: with 'team1.' georisk reads "
                    + "team1.geo-events and team1.trade-exposure and writes team1.risk-scores, team1.risk-alerts and "
                    + "team1.geo-events-dlq; schema subjects follow the names (team1.risk-scores-value). Internal "
                    + "topics are named after the application id instead. Every command that shares the topics "
                    + "needs the same prefix (env GEORISK_TOPIC_PREFIX; file georisk.topic.prefix; default none).")
    String topicPrefix;

    /** The catalog these options name; a prefix Kafka would refuse stops start-up naming the option. */
    Topics topics() {
        final String prefix = topicPrefix == null ? "" : topicPrefix.strip();
        try {
            return Topics.withPrefix(prefix);
        } catch (final IllegalArgumentException e) {
            throw new SettingException("topic-prefix", prefix, e.getMessage());
        }
    }
}
