package georisk.ingest.gdelt;

import georisk.events.GeoEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Memory is bounded by one window of stories per reporting day ({@code DATEADDED}). GDELT files come
 * in time order, so a row of a newer day closes every older window: its stories are emitted and
 * forgotten, and only one day is held. Files given out of order open a window for their own day; at
 * most {@value #MAX_OPEN_WINDOWS} windows are open, and the one used least recently is closed first.
 * A window holds at most {@value #MAX_STORIES_PER_WINDOW} stories (one event each, with the keys that find
 * it): past that, its oldest story is emitted early and forgotten, so memory stays bounded on a day of any
 * size; a later duplicate of that story is then kept as a story of its own.
 */
final class StoryCollapser {
    /** Windows open at once when the input is not in time order. */
    static final int MAX_OPEN_WINDOWS = 2;
    /**
     * Stories a window holds before its oldest is emitted early: above a busy GDELT day with every dyad
     * watched (about 115,000 stories, which fit a 128 MB heap), so that the bound only matters for input
     * no real day produces. The rows of one story come from one article and arrive together, so emitting
     * the oldest story early almost never splits one.
     */
    static final int MAX_STORIES_PER_WINDOW = 100_000;

    /** Where the outcome goes. */
    interface Listener {
        /** The best row of a story, once its day's window closes. */
        void kept(GeoEvent event);

        /** A row set aside as a duplicate of the story that {@code into} stands for now. */
        void collapsed(GeoEvent duplicate, GeoEvent into);
    }

    /** One article's dyad, event day and root code; fields share the event's strings (cheap to hold). */
    private record StoryKey(Instant occurredAt, String actor, String target, String rootCode, String url) {
    }

    /** One article's exact code. */
    private record CodeKey(String url, String cameoCode) {
    }

    private static final class Story {
        GeoEvent best;
        /** The keys that find this story in its window's {@code byKey}. */
        final List<Object> keys = new ArrayList<>(2);

        Story(final GeoEvent event) {
            this.best = event;
        }
    }

    private static final class Window {
        final LocalDate day;
        /** In the order first seen. */
        final ArrayDeque<Story> stories = new ArrayDeque<>();
        final Map<Object, Story> byKey = new HashMap<>();

        Window(final LocalDate day) {
            this.day = day;
        }
    }

    private final Listener listener;
    private final int maxStoriesPerWindow;
    /** Open windows, least recently used first. */
    private final LinkedHashMap<LocalDate, Window> windows = new LinkedHashMap<>(4, 0.75f, true);
    private LocalDate newest;

    StoryCollapser(final Listener listener) {
        this(listener, MAX_STORIES_PER_WINDOW);
    }

    StoryCollapser(final Listener listener, final int maxStoriesPerWindow) {
        if (maxStoriesPerWindow < 1) {
            throw new IllegalArgumentException("a window must hold at least one story, was " + maxStoriesPerWindow);
        }
        this.listener = listener;
        this.maxStoriesPerWindow = maxStoriesPerWindow;
    }

    /**
     * Offers one event that passed the other rules.
     *
     * @param reportedDay the UTC day of the row's {@code DATEADDED}
     * @param rootCode    the row's {@code EventRootCode}
     */
    void offer(final GeoEvent event, final LocalDate reportedDay, final String rootCode) {
        if (newest == null || reportedDay.isAfter(newest)) {
            // input in time order: nothing more will be reported on an earlier day
            closeAll();
            newest = reportedDay;
        }
        Window window = windows.get(reportedDay);
        if (window == null) {
            window = new Window(reportedDay);
            windows.put(reportedDay, window);
            if (windows.size() > MAX_OPEN_WINDOWS) {
                close(windows.values().iterator().next());
            }
        }
        final String url = event.getSourceUrl();
        if (url == null) {
            add(window, new Story(event));
            return;
        }
        final StoryKey storyKey = new StoryKey(event.getOccurredAt(), event.getActor(), event.getTarget(), rootCode, url);
        final CodeKey codeKey = new CodeKey(url, event.getCameoCode());
        Story story = window.byKey.get(storyKey);
        if (story == null) {
            story = window.byKey.get(codeKey);
        }
        if (story == null) {
            story = new Story(event);
            story.keys.add(storyKey);
            story.keys.add(codeKey);
            add(window, story);
        } else if (better(event, story.best)) {
            final GeoEvent loser = story.best;
            story.best = event;
            listener.collapsed(loser, event);
        } else {
            listener.collapsed(event, story.best);
        }
        if (window.byKey.put(storyKey, story) != story && !story.keys.contains(storyKey)) {
            story.keys.add(storyKey);
        }
        if (window.byKey.put(codeKey, story) != story && !story.keys.contains(codeKey)) {
            story.keys.add(codeKey);
        }
    }

    /** Adds a story to its window; past the bound, the window's oldest story is emitted now and forgotten. */
    private void add(final Window window, final Story story) {
        window.stories.add(story);
        if (window.stories.size() > maxStoriesPerWindow) {
            final Story oldest = window.stories.poll();
            oldest.keys.forEach(key -> window.byKey.remove(key, oldest));
            listener.kept(oldest.best);
        }
    }

    /** Emits every open window, earliest day first: call at the end of the input. */
    void finish() {
        closeAll();
    }

    private void closeAll() {
        windows.values().stream().sorted(Comparator.comparing((Window w) -> w.day)).toList().forEach(this::close);
    }

    private void close(final Window window) {
        windows.remove(window.day);
        window.stories.forEach(s -> listener.kept(s.best));
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
