package georisk.query;

import georisk.events.RiskScore;
import georisk.events.ScoreWindow;
import georisk.scoring.Bar;
import georisk.scoring.DailyCloses;
import georisk.scoring.ModelParameters;
import georisk.scoring.ScoreBars;
import georisk.topology.DyadStage;
import georisk.topology.LatestScores;
import georisk.topology.Names;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@link RiskQueries} over a running Kafka Streams client of the risk topology and an {@link OutputFeed}.
 *
 * <p>A dyad's score (computed from its state in {@value Names#DYAD_STATE_STORE} by {@link LatestScores}) and
 * history (the daily bars of {@value Names#SCORES_1D_STORE} and the open day's bar from the state, with every day
 * that had no score filled by {@link DailyCloses} — the close decayed from the last bar before it — and rolled up
 * into 7-day and 30-day windows when those are asked for) are read
 * from the store partition that holds the dyad, found with {@code queryMetadataForKey} and the dyad serializer
 * the topology partitions by; when another instance is active for it, the answer names that instance's
 * {@code application.server} ({@link Answer.Elsewhere}). Standby replicas are not read: an answer is never
 * staler than the active store. The dyad list, recent alerts and live updates come from the feed.
 */
public final class KafkaRiskQueries implements RiskQueries {
    private static final Serializer<String> DYAD_SERIALIZER = Serdes.String().serializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final OutputFeed feed;
    private final SortedSet<String> watched;
    private final LatestScores latest;
    private final ModelView model;
    private final DailyCloses closes;
    private final long retentionMillis;
    private final Clock clock;

    /**
     * @param streams the Kafka Streams client running the risk topology (started or not)
     * @param self    this instance's {@code application.server}, as the Streams client is configured with
     * @param feed    the consumer of the output topics
     * @param watched the watched dyads, {@code HOME-COUNTERPARTY}; empty when every counterparty is watched
     * @param latest  a dyad's latest score from its state, with the model the topology scores with
     */
    public KafkaRiskQueries(final KafkaStreams streams, final HostInfo self, final OutputFeed feed,
                            final Collection<String> watched, final LatestScores latest) {
        this(streams, self, feed, watched, latest, Clock.systemUTC());
    }

    /**
     * As above, with the clock that says which day is today: history is filled with decayed closes up to now,
     * never into the future.
     */
    public KafkaRiskQueries(final KafkaStreams streams, final HostInfo self, final OutputFeed feed,
                            final Collection<String> watched, final LatestScores latest, final Clock clock) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = Objects.requireNonNull(self, "self");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.watched = new TreeSet<>(watched);
        this.latest = Objects.requireNonNull(latest, "latest");
        final ModelParameters model = latest.model();
        this.model = ModelView.of(model);
        this.closes = new DailyCloses(model);
        this.retentionMillis = model.windows().retention().toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String instance() {
        return QueryRouter.address(self);
    }

    @Override
    public List<DyadSummary> dyads() {
        final Map<String, DyadSummary> all = new TreeMap<>();
        watched.forEach(d -> all.put(d, DyadSummary.unscored(d)));
        feed.latest().values().forEach(s -> all.put(s.dyad(), DyadSummary.of(s)));
        return List.copyOf(all.values());
    }

    @Override
    public Answer<ScoreView> score(final String dyad) {
        return query(Names.DYAD_STATE_STORE, dyad, partition -> {
            final RiskScore score = latest.of(dyad, state(dyad, partition));
            if (score == null) {
                return new Answer.Missing<>(noScore(dyad), instance());
            }
            return new Answer.Found<>(Views.score(score), instance());
        });
    }

    @Override
    public Answer<List<ScoreBar>> history(final String dyad, final HistoryWindow window, final Instant from,
                                          final Instant to) {
        return query(Names.SCORES_1D_STORE, dyad, partition -> {
            // the open day's bar lives in the dyad's state until a later day closes it (DyadStage). Read it first: a
            // day closed between the two reads is then found in the window store, never missing from both
            final DyadStage.State state = state(dyad, partition);
            final Bar open = state == null ? null : state.bar();
            final ReadOnlyWindowStore<String, ScoreWindow> store = streams.store(StoreQueryParameters
                    .fromNameAndType(Names.SCORES_1D_STORE, QueryableStoreTypes.<String, ScoreWindow>windowStore())
                    .withPartition(partition));
            // the windows that overlap [from, to] start after from - size; the last of them ends size - 1 day after to
            final int days = (int) window.size().toDays();
            final long[] range = ScoreBars.dailyRange(from.toEpochMilli(), to.toEpochMilli(), days);
            final NavigableMap<Long, Bar> daily = new TreeMap<>();
            try (WindowStoreIterator<ScoreWindow> it = store.fetch(dyad, Instant.ofEpochMilli(range[0]),
                    Instant.ofEpochMilli(range[1]))) {
                while (it.hasNext()) {
                    final KeyValue<Long, ScoreWindow> next = it.next();
                    daily.put(next.key, Views.bar(next.value));
                }
            }
            final long openDay = open == null ? Long.MIN_VALUE : ScoreBars.dayStart(open.lastAsOf());
            if (open != null && openDay >= range[0] && openDay <= range[1]) {
                daily.put(openDay, open);
            }
            // Days without a score get the close decayed from the last bar before them, up to the last day that has
            // ended (DailyCloses: should the topology write bars for quiet days itself, it must use the same class,
            // and these days are then found in the store). The filled span is bounded by the store's retention (no
            // bar is kept beyond it), so "everything" stays a few thousand days.
            final long now = clock.millis();
            final long first = ScoreBars.dayStart(Math.max(range[0], Math.min(range[1], now) - retentionMillis)
                    + ScoreBars.DAY_MILLIS - 1);
            final Bar stored = lastBarBefore(store, dyad, first);
            final Bar before = open != null && openDay < first
                    && (stored == null || ScoreBars.dayStart(stored.lastAsOf()) < openDay) ? open : stored;
            final List<ScoreBar> bars = bars(closes, daily, before, window, range[0], first, to.toEpochMilli(), now);
            return new Answer.Found<>(List.copyOf(bars), instance());
        });
    }

    /**
     * The {@code window}s starting from {@code rangeStart} to {@code to} rolled up from {@code daily}, the daily bars
     * kept from {@code rangeStart}, with every day from {@code fillFrom} to the last that has ended by {@code now}
     * that has no bar filled with the decayed close ({@link DailyCloses#fill}) from {@code before} (the last bar
     * before {@code fillFrom}, or null) or the bar before it, so that the longer windows agree with the daily closes.
     */
    static List<ScoreBar> bars(final DailyCloses closes, final NavigableMap<Long, Bar> daily, final Bar before,
                               final HistoryWindow window, final long rangeStart, final long fillFrom, final long to,
                               final long now) {
        final int days = (int) window.size().toDays();
        final long last = ScoreBars.dailyRange(rangeStart, to, days)[1];
        final NavigableMap<Long, Bar> filled = closes.fill(daily, before, fillFrom, last, now);
        final List<ScoreBar> bars = new ArrayList<>();
        for (final ScoreBars.Window w : ScoreBars.rollUp(filled, days, rangeStart, to)) {
            bars.add(Views.bar(w.start(), window.size(), w.bar()));
        }
        return bars;
    }

    @Override
    public ModelView model() {
        return model;
    }

    /** The dyad's state in {@value Names#DYAD_STATE_STORE}'s {@code partition}, or null before its first event. */
    private DyadStage.State state(final String dyad, final int partition) {
        final ReadOnlyKeyValueStore<String, DyadStage.State> states = streams.store(StoreQueryParameters
                .fromNameAndType(Names.DYAD_STATE_STORE, QueryableStoreTypes.<String, DyadStage.State>keyValueStore())
                .withPartition(partition));
        return states.get(dyad);
    }

    /** The last daily bar of {@code dyad} that starts before {@code time} (within retention), or null. */
    private Bar lastBarBefore(final ReadOnlyWindowStore<String, ScoreWindow> store, final String dyad, final long time) {
        if (time <= 0) {
            return null;
        }
        try (WindowStoreIterator<ScoreWindow> it = store.backwardFetch(dyad,
                Instant.ofEpochMilli(Math.max(0, time - retentionMillis)), Instant.ofEpochMilli(time - 1))) {
            return it.hasNext() ? Views.bar(it.next().value) : null;
        }
    }

    @Override
    public List<AlertView> alerts(final int limit) {
        return feed.alerts(limit);
    }

    @Override
    public int alertCapacity() {
        return feed.alertCapacity();
    }

    @Override
    public Subscription subscribe(final FeedListener listener) {
        return feed.subscribe(listener);
    }

    /** Routes a query for {@code dyad} and runs {@code local} on the partition when this instance holds it. */
    private <T> Answer<T> query(final String store, final String dyad, final Function<Integer, Answer<T>> local) {
        final KafkaStreams.State state = streams.state();
        KeyQueryMetadata metadata = null;
        if (state == KafkaStreams.State.RUNNING) {
            try {
                metadata = streams.queryMetadataForKey(store, dyad, DYAD_SERIALIZER);
            } catch (final InvalidStateStoreException e) {
                // stopped between the state check and the lookup: the router says it is unavailable
            }
        }
        // before RUNNING, queryMetadataForKey throws (StreamsNotStartedException): the router answers from the state
        final Route route = QueryRouter.route(state, metadata, self, store, dyad);
        if (route instanceof Route.Remote remote) {
            return new Answer.Elsewhere<>(remote.host().host(), remote.host().port());
        }
        if (route instanceof Route.Unavailable unavailable) {
            return new Answer.Unavailable<>(unavailable.reason());
        }
        final int partition = ((Route.Local) route).partition();
        try {
            return local.apply(partition);
        } catch (final InvalidStateStoreException e) {
            // the partition moved or is restoring between the metadata lookup and the read
            return new Answer.Unavailable<>("store " + store + " of " + dyad + " is not queryable on " + instance()
                    + " now (" + e.getClass().getSimpleName() + "); retry shortly");
        }
    }

    private String noScore(final String dyad) {
        if (!watched.isEmpty() && !watched.contains(dyad)) {
            return "no score for " + dyad + ": it is not watched (watched: " + String.join(", ", watched) + ")";
        }
        return "no score for " + dyad + " yet: no event of the dyad has been scored";
    }
}
