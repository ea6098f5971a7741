package georisk.ingest.gdelt;

import java.util.Optional;

/**
 * The three tab-separated layouts of GDELT event exports, told apart by their number of columns
 * (column lists in {@code ../shared/data/gdelt/}). Columns 0–34 ({@code GLOBALEVENTID} …
 * {@code AvgTone}) are the same in all three; they differ in the geography blocks that follow:
 * GDELT 2.0 has an {@code ADM2Code} in each of its three blocks (8 columns each), 1.0 has not
 * (7 columns each), and only the later 1.0 files end with {@code SOURCEURL}.
 *
 * <p>Positions are 0-based column indexes.
 */
public enum GdeltFormat {
    /** GDELT 2.0 events: 61 columns, {@code DATEADDED} is {@code YYYYMMDDHHMMSS} (UTC), then {@code SOURCEURL}. */
    V2("GDELT 2.0", 61, 59, 60, true),
    /** GDELT 1.0 events from April 2013 on: 58 columns, {@code DATEADDED} is {@code YYYYMMDD}, then {@code SOURCEURL}. */
    V1("GDELT 1.0", 58, 56, 57, false),
    /** GDELT 1.0 events before April 2013 (the back file): 57 columns, no {@code SOURCEURL}. */
    V1_NO_URL("GDELT 1.0 (no SOURCEURL)", 57, 56, -1, false);

    // the common head of every layout
    static final int GLOBALEVENTID = 0;
    static final int SQLDATE = 1;
    static final int ACTOR1_CODE = 5;
    static final int ACTOR1_NAME = 6;
    static final int ACTOR1_COUNTRY = 7;
    static final int ACTOR2_CODE = 15;
    static final int ACTOR2_NAME = 16;
    static final int ACTOR2_COUNTRY = 17;
    static final int IS_ROOT_EVENT = 25;
    static final int EVENT_CODE = 26;
    static final int EVENT_BASE_CODE = 27;
    static final int EVENT_ROOT_CODE = 28;
    static final int QUAD_CLASS = 29;
    static final int GOLDSTEIN = 30;
    static final int NUM_MENTIONS = 31;
    static final int NUM_SOURCES = 32;
    static final int NUM_ARTICLES = 33;
    static final int AVG_TONE = 34;

    private final String label;
    private final int columns;
    private final int dateAdded;
    private final int sourceUrl;
    private final boolean dateAddedHasTime;

    GdeltFormat(final String label, final int columns, final int dateAdded, final int sourceUrl,
                final boolean dateAddedHasTime) {
        this.label = label;
        this.columns = columns;
        this.dateAdded = dateAdded;
        this.sourceUrl = sourceUrl;
        this.dateAddedHasTime = dateAddedHasTime;
    }

    /** The layout with this many columns, if any: 61 → 2.0, 58 and 57 → 1.0. */
    public static Optional<GdeltFormat> ofColumns(final int columns) {
        for (final GdeltFormat f : values()) {
            if (f.columns == columns) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** For people: {@code GDELT 2.0}, {@code GDELT 1.0}, {@code GDELT 1.0 (no SOURCEURL)}. */
    public String label() {
        return label;
    }

    /** Number of tab-separated columns of a row. */
    public int columns() {
        return columns;
    }

    /** Position of {@code DATEADDED}. */
    int dateAddedColumn() {
        return dateAdded;
    }

    /** Position of {@code SOURCEURL}, or -1 when the layout has none. */
    int sourceUrlColumn() {
        return sourceUrl;
    }

    /** Whether {@code DATEADDED} carries the time of day ({@code YYYYMMDDHHMMSS}) or only the day ({@code YYYYMMDD}). */
    public boolean dateAddedHasTime() {
        return dateAddedHasTime;
    }
}
