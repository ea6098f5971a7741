package georisk.scoring;

/** How much of a headline the dyad state keeps, so that the state stays bounded whatever arrives. */
public final class Headlines {
    /** Characters of a headline kept for a driver; longer ones are cut and end with an ellipsis. */
    public static final int MAX_LENGTH = 200;

    private Headlines() {
    }

    /** The headline, cut to {@link #MAX_LENGTH} characters (null stays null). */
    public static String cap(final String headline) {
        if (headline == null || headline.length() <= MAX_LENGTH) {
            return headline;
        }
        int end = MAX_LENGTH - 1;
        if (Character.isLowSurrogate(headline.charAt(end))) {
            end--;   // do not split a surrogate pair
        }
        return headline.substring(0, end) + "…";
    }
}
