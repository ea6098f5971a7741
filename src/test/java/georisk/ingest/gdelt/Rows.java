package georisk.ingest.gdelt;

import java.time.Instant;
import java.time.LocalDate;

/** Builds {@link GdeltRow}s for unit tests: a corroborated root USA→CAN row unless told otherwise. */
final class Rows {
    private long id = 1;
    private LocalDate day = LocalDate.of(2025, 3, 4);
    private String actor1 = "USA";
    private String actor1Name = "UNITED STATES";
    private String actor2 = "CAN";
    private String actor2Name = "CANADA";
    private boolean root = true;
    private String code = "163";
    private double goldstein = -8.0;
    private int mentions = 10;
    private int sources = 5;
    private int articles = 10;
    private double tone = -4.5;
    private Instant added = Instant.parse("2025-03-04T15:15:00Z");
    private String url = "https://www.reuters.com/world/story-1";

    static Rows row() {
        return new Rows();
    }

    Rows id(final long v) {
        id = v;
        return this;
    }

    Rows day(final String isoDay) {
        day = LocalDate.parse(isoDay);
        return this;
    }

    Rows actors(final String a1, final String a2) {
        actor1 = a1;
        actor2 = a2;
        return this;
    }

    Rows names(final String a1, final String a2) {
        actor1Name = a1;
        actor2Name = a2;
        return this;
    }

    Rows root(final boolean v) {
        root = v;
        return this;
    }

    Rows code(final String v) {
        code = v;
        return this;
    }

    Rows goldstein(final double v) {
        goldstein = v;
        return this;
    }

    Rows attention(final int m, final int s, final int a) {
        mentions = m;
        sources = s;
        articles = a;
        return this;
    }

    Rows added(final String isoInstant) {
        added = Instant.parse(isoInstant);
        return this;
    }

    Rows url(final String v) {
        url = v;
        return this;
    }

    GdeltRow build() {
        return new GdeltRow(GdeltFormat.V2, "test.csv", id, id, day, actor1 == null ? null : actor1 + "GOV", actor1Name,
                actor1, actor2 == null ? null : actor2 + "GOV", actor2Name, actor2, root, code,
                code.substring(0, Math.min(3, code.length())), code.substring(0, 2), goldstein, mentions, sources,
                articles, tone, added, url);
    }
}
