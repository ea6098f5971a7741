package georisk.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a {@link TradeExposure} before it is published as reference data: the record rules of
 * {@link EventValidator#validate(TradeExposure)} (alpha-3 codes, a dyad of home-counterparty, shares within
 * [0, 1], money with its currency) and, as for events, an {@code asOf} no more than
 * {@link EventValidator#MAX_AHEAD} after {@code now} (a typo in the year, not a forecast). Pure and Kafka-free.
 */
public final class ExposureValidator {
    private ExposureValidator() {
    }

    /**
     * All problems of one exposure; empty when it is valid.
     *
     * @param now the reference time for the "not too far in the future" rule
     */
    public static List<ValidationProblem> validate(final TradeExposure exposure, final Instant now) {
        Objects.requireNonNull(now, "now");
        final List<ValidationProblem> problems = new ArrayList<>(EventValidator.validate(exposure));
        if (exposure.getAsOf() != null && exposure.getAsOf().isAfter(now.plus(EventValidator.MAX_AHEAD))) {
            problems.add(new ValidationProblem("asOf", "must not be more than a year after now (" + now + "), was "
                    + exposure.getAsOf()));
        }
        return List.copyOf(problems);
    }
}
