package georisk.scoring;

import java.util.List;
import java.util.Objects;

/**
 * A model parameter that breaks its rule. Says, as data, which model-file key holds the rejected value and
 * which other keys the rule compares it with ({@code drivers.tracked} must be at least {@code drivers.top}),
 * so that a caller can point at the line to change without reading the message.
 */
public final class ModelParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final List<String> relatedKeys;

    /**
     * @param key         the key of the rejected value, e.g. {@code tension.baseline}
     * @param relatedKeys the other keys the rule involves (empty when it involves only {@code key})
     * @param message     the whole message, one line
     */
    public ModelParameterException(final String key, final List<String> relatedKeys, final String message) {
        super(message);
        this.key = Objects.requireNonNull(key, "key");
        this.relatedKeys = List.copyOf(relatedKeys);
    }

    /** The model-file key of the rejected value. */
    public String key() {
        return key;
    }

    /** The other model-file keys the broken rule compares the value with; empty if none. */
    public List<String> relatedKeys() {
        return relatedKeys;
    }
}
