package georisk.ingest.gdelt;

import georisk.events.GeoEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Collapses GDELT rows that tell one story into one event. Two rows are the same story when they
 * were reported the same day and share
 * <ul>
 *   <li>event day, actor, target, CAMEO root code and source URL (one article coded twice, e.g. as
 *       {@code 163} and {@code 162}), or</li>
 *   <li>source URL and exact CAMEO code (one article, the actors read both ways round).</li>
 * </ul>
 * The row with the most {@code NumMentions} is kept (then most sources, most articles, first seen);
 * the others are set aside as duplicates. Attention is not summed: each row's counts come from the
 * same articles, so a sum would count them twice. Rows without a URL (GDELT 1.0 before April 2013,
 * or a citation instead of a URL) are never collapsed: nothing says which story they came from.
 *
 * <p>Memory is bounded by one window per reporting day ({@code DATEADDED}): the windows of the newest
 * day seen and the day before stay open (GDELT files arrive in time order, a day's stories are
 * reported within it); older windows are emitted and forgotten. A row reported more than a day
 * behind the newest row is emitted at once, without collapsing (files given out of time order).
 */
final class StoryCollapser {
    /** Where the outcome goes. */
    interface Listener {
        /** The best row of a story, once its day's window closes. */
        void kept(GeoEvent event);

        /** A row set aside as a duplicate of the story that {@code into} stands for now. */
        void collapsed(GeoEvent duplicate, GeoEvent into);
    }

    private static final class Story {
        GeoEvent best;

        Story(final GeoEvent event) {
            this.best = event;
        }
    }

    private static final class Window {
        final List<Story> stories = new ArrayList<>();
        final Map<String, Story> byKey = new HashMap<>();
    }

    private final Listener listener;
    private final NavigableMap<LocalDate, Window> windows = new TreeMap<>();
    private LocalDate newest;

    StoryCollapser(final Listener listener) {
        this.listener = listener;
    }

    /**
     * Offers one event that passed the other rules.
     *
     * @param reportedDay the UTC day of the row's {@code DATEADDED}
     * @param rootCode    the row's {@code EventRootCode}
     */
    void offer(final GeoEvent event, final LocalDate reportedDay, final String rootCode) {
        if (newest == null || reportedDay.isAfter(newest)) {
            newest = reportedDay;
        }
        final Window window = windows.computeIfAbsent(reportedDay, d -> new Window());
        final String url = event.getSourceUrl();
        if (url == null) {
            window.stories.add(new Story(event));
        } else {
            final String storyKey = "s|" + event.getOccurredAt() + "|" + event.getActor() + "|" + event.getTarget()
                    + "|" + rootCode + "|" + url;
            final String codeKey = "c|" + url + "|" + event.getCameoCode();
            Story story = window.byKey.get(storyKey);
            if (story == null) {
                story = window.byKey.get(codeKey);
            }
            if (story == null) {
                story = new Story(event);
                window.stories.add(story);
            } else if (better(event, story.best)) {
                final GeoEvent loser = story.best;
                story.best = event;
                listener.collapsed(loser, event);
            } else {
                listener.collapsed(event, story.best);
            }
            window.byKey.put(storyKey, story);
            window.byKey.put(codeKey, story);
        }
        // keep the newest day and the one before open
        flushBefore(newest.minusDays(1));
    }

    /** Emits every open window: call at the end of the input. */
    void finish() {
        flushBefore(LocalDate.MAX);
    }

    private void flushBefore(final LocalDate day) {
        final NavigableMap<LocalDate, Window> closed = windows.headMap(day, false);
        for (final Window w : closed.values()) {
            w.stories.forEach(s -> listener.kept(s.best));
        }
        closed.clear();
    }

    private static boolean better(final GeoEvent candidate, final GeoEvent current) {
        if (candidate.getMentions() != current.getMentions()) {
            return candidate.getMentions() > current.getMentions();
        }
        if (candidate.getSources() != current.getSources()) {
            return candidate.getSources() > current.getSources();
        }
        return candidate.getArticles() > current.getArticles();
    }
}
