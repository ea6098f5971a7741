package georisk.query;

import java.time.Instant;
import java.util.List;

/**
 * What the HTTP API can ask about the risk of the watched dyads. Implementations are thread-safe.
 *
 * <p>Questions about one dyad ({@link #score}, {@link #history}) are answered by the instance that holds the
 * dyad's state, or say which instance that is ({@link Answer.Elsewhere}) so that the caller can ask it; the
 * others ({@link #dyads}, {@link #alerts}, {@link #subscribe}) are answered alike by every instance.
 */
public interface RiskQueries {

    /** Who answers: this instance's {@code host:port} as other instances know it. */
    String instance();

    /** The watched dyads and every other dyad that has a score, in dyad order, with their latest headline. */
    List<DyadSummary> dyads();

    /** The latest score of {@code dyad} ({@code HOME-COUNTERPARTY}), with its components and drivers. */
    Answer<ScoreView> score(String dyad);

    /**
     * The windows of {@code dyad} that overlap {@code [from, to]}, oldest first.
     *
     * @param window the window size
     * @param from   earliest instant of interest (inclusive)
     * @param to     latest instant of interest (inclusive), not before {@code from}
     */
    Answer<List<ScoreBar>> history(String dyad, HistoryWindow window, Instant from, Instant to);

    /** The risk model in use: its level bands, hysteresis and decay. */
    ModelView model();

    /** The most recent alerts, newest (by event time) first; at most {@code limit}, at most {@link #alertCapacity()}. */
    List<AlertView> alerts(int limit);

    /** How many recent alerts are kept. */
    int alertCapacity();

    /**
     * Registers a listener for live updates: it first receives the latest score of every dyad, then every
     * new score and alert, in order.
     *
     * @return closes the subscription
     */
    Subscription subscribe(FeedListener listener);

    /** An open subscription; closing it stops the updates. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
