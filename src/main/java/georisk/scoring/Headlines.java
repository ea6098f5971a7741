package georisk.scoring;

/**
 * How much of an event's text the dyad state keeps for a driver, so that the state, read and written with
 * every event, stays bounded whatever arrives (and far below the broker's maximum record size).
 */
public final class Headlines {
    /** Characters of a headline kept for a driver; longer ones are cut and end with an ellipsis. */
    public static final int MAX_LENGTH = 200;
    /** Characters of an event id kept for a driver; longer ones are cut and end with an ellipsis. */
    public static final int MAX_ID_LENGTH = 256;

    private Headlines() {
    }

    /** The headline, cut to {@link #MAX_LENGTH} characters (null stays null). */
    public static String cap(final String headline) {
        return cut(headline, MAX_LENGTH);
    }

    /** The event id, cut to {@link #MAX_ID_LENGTH} characters (null stays null). */
    public static String capId(final String id) {
        return cut(id, MAX_ID_LENGTH);
    }

    private static String cut(final String text, final int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;   // do not split a surrogate pair
        }
        return text.substring(0, end) + "…";
    }
}
