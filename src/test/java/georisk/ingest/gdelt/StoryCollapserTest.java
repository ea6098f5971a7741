package georisk.ingest.gdelt;

import georisk.events.GeoEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoryCollapserTest {
    private static final String URL = "https://www.reuters.com/world/story-1";

    private final List<String> kept = new ArrayList<>();
    private final List<String> collapsed = new ArrayList<>();
    private final StoryCollapser collapser = new StoryCollapser(new StoryCollapser.Listener() {
        @Override
        public void kept(final GeoEvent event) {
            kept.add(event.getId());
        }

        @Override
        public void collapsed(final GeoEvent duplicate, final GeoEvent into) {
            collapsed.add(duplicate.getId() + ">" + into.getId());
        }
    });

    private void offer(final Rows rows) {
        final GdeltRow row = rows.build();
        collapser.offer(GdeltMapping.toEvent(row), row.reportedDay(), row.eventRootCode());
    }

    @Test
    void shouldCollapseRowsOfOneArticleDyadDayAndRootCodeIntoTheMostMentioned() {
        offer(Rows.row().id(1).code("163").attention(12, 6, 10));
        offer(Rows.row().id(2).code("162").attention(5, 3, 5));
        offer(Rows.row().id(3).code("1621").attention(20, 2, 2));
        collapser.finish();

        assertThat(kept).containsExactly("gdelt-3");
        assertThat(collapsed).containsExactly("gdelt-2>gdelt-1", "gdelt-1>gdelt-3");
    }

    @Test
    void shouldCollapseRowsOfOneArticleAndCodeWhateverTheActors() {
        offer(Rows.row().id(1).actors("CAN", "USA").code("1312").attention(4, 2, 4));
        offer(Rows.row().id(2).actors("USA", "CAN").code("1312").attention(9, 4, 9));
        collapser.finish();

        assertThat(kept).containsExactly("gdelt-2");
        assertThat(collapsed).containsExactly("gdelt-1>gdelt-2");
    }

    @Test
    void shouldBreakTiesBySourcesThenArticlesThenFirstSeen() {
        offer(Rows.row().id(1).attention(10, 5, 10));
        offer(Rows.row().id(2).attention(10, 6, 1));
        offer(Rows.row().id(3).attention(10, 6, 2));
        offer(Rows.row().id(4).attention(10, 6, 2));
        collapser.finish();

        assertThat(kept).containsExactly("gdelt-3");
        assertThat(collapsed).containsExactly("gdelt-1>gdelt-2", "gdelt-2>gdelt-3", "gdelt-4>gdelt-3");
    }

    @Test
    void shouldEmitTheOldestStoryEarlyWhenAWindowIsFullAndForgetIt() {
        final List<String> out = new ArrayList<>();
        final StoryCollapser small = new StoryCollapser(new StoryCollapser.Listener() {
            @Override
            public void kept(final GeoEvent event) {
                out.add(event.getId());
            }

            @Override
            public void collapsed(final GeoEvent duplicate, final GeoEvent into) {
                out.add(duplicate.getId() + ">" + into.getId());
            }
        }, 2);
        for (int i = 1; i <= 3; i++) {
            final GdeltRow row = Rows.row().id(i).url("https://example.org/story-" + i).build();
            small.offer(GdeltMapping.toEvent(row), row.reportedDay(), row.eventRootCode());
        }
        // the window holds two stories: the first is emitted as soon as the third arrives
        assertThat(out).containsExactly("gdelt-1");
        // a duplicate of the forgotten story is a story of its own; one of a held story still collapses
        final GdeltRow again = Rows.row().id(4).url("https://example.org/story-1").attention(1, 1, 1).build();
        small.offer(GdeltMapping.toEvent(again), again.reportedDay(), again.eventRootCode());
        final GdeltRow dup = Rows.row().id(5).url("https://example.org/story-3").attention(1, 1, 1).build();
        small.offer(GdeltMapping.toEvent(dup), dup.reportedDay(), dup.eventRootCode());
        small.finish();
        assertThat(out).containsExactly("gdelt-1", "gdelt-2", "gdelt-5>gdelt-3", "gdelt-3", "gdelt-4");
    }

    @Test
    void shouldKeepDifferentStoriesApart() {
        offer(Rows.row().id(1));
        offer(Rows.row().id(2).url("https://www.reuters.com/world/story-2"));
        offer(Rows.row().id(3).day("2025-03-03").code("162")); // an earlier event in the same article
        offer(Rows.row().id(4).code("111"));
        offer(Rows.row().id(5).actors("USA", "CHN").code("1312"));
        collapser.finish();

        assertThat(kept).containsExactly("gdelt-1", "gdelt-2", "gdelt-3", "gdelt-4", "gdelt-5");
        assertThat(collapsed).isEmpty();
    }

    @Test
    void shouldNeverCollapseRowsWithoutAUrl() {
        offer(Rows.row().id(1).url(null));
        offer(Rows.row().id(2).url(null));
        offer(Rows.row().id(3).url("BBC Monitoring"));
        offer(Rows.row().id(4).url("BBC Monitoring"));
        collapser.finish();

        assertThat(kept).containsExactly("gdelt-1", "gdelt-2", "gdelt-3", "gdelt-4");
    }

    @Test
    void shouldNotCollapseTheSameArticleReportedOnDifferentDays() {
        offer(Rows.row().id(1).added("2025-03-04T23:45:00Z"));
        offer(Rows.row().id(2).added("2025-03-05T00:00:00Z"));
        collapser.finish();

        assertThat(kept).containsExactly("gdelt-1", "gdelt-2");
    }

    @Test
    void shouldCloseADaysWindowWhenANewerDayIsReported() {
        offer(Rows.row().id(1).added("2025-03-04T10:00:00Z"));
        offer(Rows.row().id(2).added("2025-03-04T23:45:00Z").url("https://www.reuters.com/world/story-2"));
        assertThat(kept).isEmpty();

        offer(Rows.row().id(3).added("2025-03-05T00:00:00Z"));
        assertThat(kept).containsExactly("gdelt-1", "gdelt-2");

        offer(Rows.row().id(4).added("2025-03-06T10:00:00Z"));
        assertThat(kept).containsExactly("gdelt-1", "gdelt-2", "gdelt-3");

        collapser.finish();
        assertThat(kept).containsExactly("gdelt-1", "gdelt-2", "gdelt-3", "gdelt-4");
    }

    @Test
    void shouldStillCollapseAFileGivenOutOfOrderButHoldAtMostTwoDays() {
        offer(Rows.row().id(1).added("2025-03-06T10:00:00Z"));
        // an older file: its day gets a window of its own and its duplicates still collapse
        offer(Rows.row().id(2).added("2025-02-01T10:00:00Z").attention(5, 3, 5));
        offer(Rows.row().id(3).added("2025-02-01T10:15:00Z").attention(7, 3, 5));
        assertThat(kept).isEmpty();
        assertThat(collapsed).containsExactly("gdelt-2>gdelt-3");

        // a third day closes the window used least recently (2025-03-06)
        offer(Rows.row().id(4).added("2025-02-02T10:00:00Z"));
        assertThat(kept).containsExactly("gdelt-1");

        collapser.finish();
        assertThat(kept).containsExactly("gdelt-1", "gdelt-3", "gdelt-4");
    }
}
