package georisk.query;

/**
 * Receives score updates and alerts as they are published. Called on the feed's thread: return quickly
 * (hand the update to another thread if sending it may block), and do not throw.
 */
public interface FeedListener {

    /** A dyad was scored (or, when the listener subscribes, this is the dyad's latest score). */
    void score(ScoreView score);

    /** An alert fired. */
    void alert(AlertView alert);
}
