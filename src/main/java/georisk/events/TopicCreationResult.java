package georisk.events;

import java.util.List;

/**
 * What {@link TopicCreator} did: the topics it created, those that were already there (left as they
 * were), and one line for people per existing topic that differs from what was asked.
 *
 * @param created  topics created by this run, in catalog order
 * @param existing topics that already existed, in catalog order
 * @param warnings readable lines, e.g. an existing topic whose partition count differs from the request
 */
public record TopicCreationResult(List<String> created, List<String> existing, List<String> warnings) {
    public TopicCreationResult {
        created = List.copyOf(created);
        existing = List.copyOf(existing);
        warnings = List.copyOf(warnings);
    }
}
