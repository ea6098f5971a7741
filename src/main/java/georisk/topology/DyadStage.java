package georisk.topology;

import georisk.events.ScoreWindow;
import georisk.events.TradeExposure;
import georisk.scoring.AlertPolicy;
import georisk.scoring.Bar;
import georisk.scoring.DecayClock;
import georisk.scoring.Dyad;
import georisk.scoring.DyadScorer;
import georisk.scoring.DyadState;
import georisk.scoring.Score;
import georisk.scoring.ScoreBars;
import georisk.scoring.ScoringEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dyad stage: everything that happens to a dyad when one of its events (or its exposure) arrives, in one
 * processor with one read and one write of the dyad's state. For an event: drop it if its id was seen
 * ({@value Names#EVENT_IDS_STORE}), fold it into the model's state, score, evaluate the alert policy, update
 * the bar of the score's UTC day, then write the state ({@value Names#DYAD_STATE_STORE}), which holds the open
 * day's bar, and send the score and any alert on. A day's bar goes to {@value Names#SCORES_1D_STORE} when a score
 * of a later day closes it (or a quiet day is closed, below); history reads the open bar from the state. An
 * exposure change re-scores the dyad the same way (no event is added). The latest score is not stored apart:
 * it is a function of the state ({@link LatestScores}), computed when it is asked for.
 *
 * <p>Decay on the clock ({@link DecayClock}): before an event of a later day, the dyad's quiet days are closed
 * (a bar each, and any decay alert at the close where it happened), on event time, so replays are deterministic.
 * A wall-clock punctuator ({@code alerts.decay-tick}) closes the past days of quiet dyads while the task is
 * live, so a quiet dyad's decay alert needs no new event (docs/scoring.md §4.1).
 *
 * <p>Each step is a call into {@code georisk.scoring}; the Avro records are converted once on the way in and
 * once on the way out ({@link ScoringMapping}), and the state goes to and from its bytes with no Avro object in
 * between ({@link DyadStateSerde}). The state stores are declared here ({@link #stores()}), with
 * the processor that owns them.
 *
 * <p>Caching is on for the stores keyed by dyad: with exactly-once, their changelogs need only each dyad's last
 * value per commit, and every score is still sent, since the processor forwards it itself (the stores only
 * remember). The event ids are not cached (see {@link #stores()}).
 * A score's record time is the event time it describes ({@code asOf}), whatever record triggered it.
 */
public final class DyadStage implements ProcessorSupplier<String, DyadStage.Input, String, Object> {

    /**
     * What reaches the stage: an event with the exposure in force when it is scored, or a change of the
     * dyad's exposure ({@code event} null).
     *
     * @param event    the event as the model needs it, null for an exposure change
     * @param exposure the dyad's exposure weight, 0 while unknown
     */
    record Input(ScoringEvent event, double exposure) {
        static Input exposureChange(final TradeExposure exposure) {
            return new Input(null, exposure == null ? 0.0 : exposure.getExposure());
        }
    }

    /**
     * What the stage keeps of a dyad (stored as one {@code DyadRiskState}, by {@link DyadStateSerde}; interactive
     * queries read it too, see {@link LatestScores}).
     *
     * @param model    the model's state
     * @param exposure the exposure in force
     * @param alert    what the alert policy remembers
     * @param bar      the bar of the latest score's UTC day (scores of a dyad only move forward in event time),
     *                 null before the first score. Its day is the last day evaluated. It is the only copy of that
     *                 day's bar until a score of a later day writes it to {@value Names#SCORES_1D_STORE}.
     */
    public record State(DyadState model, double exposure, AlertPolicy.State alert, Bar bar) {
        static final State EMPTY = new State(DyadState.EMPTY, 0.0, AlertPolicy.State.INITIAL, null);
    }

    private static final long DAY = ScoreBars.DAY_MILLIS;
    /** States a task keeps decoded (a few KB each): the dyads of a busy task are read again within a commit. */
    private static final int MAX_STATES_KEPT = 4_096;

    private final DyadScorer scorer;
    private final AlertPolicy policy;
    private final DecayClock clock;
    private final Duration dedupeHorizon;
    private final Serde<State> stateSerde;
    private final Serde<ScoreWindow> barSerde;

    DyadStage(final DyadScorer scorer, final AlertPolicy policy, final Duration dedupeHorizon,
              final Serde<State> stateSerde, final Serde<ScoreWindow> barSerde) {
        this.scorer = scorer;
        this.policy = policy;
        this.clock = new DecayClock(scorer, policy);
        this.dedupeHorizon = dedupeHorizon;
        this.stateSerde = stateSerde;
        this.barSerde = barSerde;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        final Serde<String> dyads = Serdes.String();
        // a LinkedHashSet, not Set.of: describe() lists the stores in this order, and the golden test pins it
        return new LinkedHashSet<>(List.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.DYAD_STATE_STORE), dyads, stateSerde)
                        .withCachingEnabled(),
                // ids per event time: the window store's retention, the dedupe horizon, bounds its size. No cache:
                // every id is a new key, so a cache would only fill up with them and, full, evict (flush) the
                // other stores' entries of the thread, whose changelogs would then get every update
                Stores.windowStoreBuilder(Stores.persistentWindowStore(Names.EVENT_IDS_STORE, dedupeHorizon,
                        Duration.ofMillis(1), false), Serdes.String(), Serdes.Long()).withCachingDisabled(),
                // timestamped, as the DSL's 1-day windowed aggregate kept it: existing changelogs still restore
                Stores.timestampedWindowStoreBuilder(Stores.persistentTimestampedWindowStore(Names.SCORES_1D_STORE,
                        scorer.parameters().windows().retention(), Duration.ofDays(1), false), dyads, barSerde)
                        .withCachingEnabled()));
    }

    @Override
    public Processor<String, Input, String, Object> get() {
        return new DyadProcessor();
    }

    private final class DyadProcessor implements Processor<String, Input, String, Object> {
        private final long horizonMillis = dedupeHorizon.toMillis();
        private ProcessorContext<String, Object> context;
        private KeyValueStore<String, State> states;
        private WindowStore<String, Long> seen;
        private TimestampedWindowStore<String, ScoreWindow> bars;
        /**
         * The states this processor wrote last, as objects, so that the next event of a dyad does not decode what was
         * just encoded. Only this processor writes the store, and Kafka Streams closes the processor before the
         * store can change under it (a task closed dirty, restored, or handed over) and initializes it again
         * after, so an entry equals the store's value from {@link #init} to {@link #close}. Bounded: the least
         * recently used entries go first.
         */
        private final Map<String, State> written = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, State> eldest) {
                return size() > MAX_STATES_KEPT;
            }
        };
        /** Parsed dyad keys: a task sees the same few keys again and again. */
        private final Map<String, Dyad> dyads = new HashMap<>();

        /** Wall-clock time of the last record this task processed. */
        private long lastRecordAt;
        private long tickMillis;

        @Override
        public void init(final ProcessorContext<String, Object> context) {
            this.context = context;
            this.states = context.getStateStore(Names.DYAD_STATE_STORE);
            this.written.clear();
            this.seen = context.getStateStore(Names.EVENT_IDS_STORE);
            this.bars = context.getStateStore(Names.SCORES_1D_STORE);
            this.lastRecordAt = context.currentSystemTimeMs();
            final Duration tick = scorer.parameters().alerts().decayTick();
            this.tickMillis = tick.toMillis();
            // Wall clock, not stream time: a quiet dyad (or a quiet task) must still get its decay alert
            context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::closeQuietDays);
        }

        /**
         * On the wall clock: closes the past UTC days of the task's dyads, raising the decay alerts a quiet dyad
         * would otherwise get only with its next event. Only while the task is live, so that a replay stays
         * driven by event time: its stream time is within a day of the wall clock, or it has had no record for a
         * whole tick (its input is caught up). A backfill processes records without pause and far behind the
         * clock, so it never closes days ahead of its events. Each dyad is written only when a day is closed,
         * so after the first tick of a day the scan only reads.
         */
        private void closeQuietDays(final long now) {
            final boolean live = context.currentStreamTimeMs() >= now - DAY || now - lastRecordAt >= tickMillis;
            if (!live) {
                return;
            }
            final long today = Math.floorDiv(now, DAY);
            final List<KeyValue<String, State>> due = new ArrayList<>();
            try (KeyValueIterator<String, State> it = states.all()) {
                while (it.hasNext()) {
                    final KeyValue<String, State> kv = it.next();
                    final DyadState model = kv.value.model();
                    if (model.eventCount() > 0 && kv.value.alert().closedDay() < today - 1
                            && Math.floorDiv(model.refTime(), DAY) < today) {
                        due.add(kv);
                    }
                }
            }
            for (final KeyValue<String, State> kv : due) {
                write(kv.key, advance(kv.key, kv.value, today));
            }
        }

        /**
         * Closes the dyad's days before {@code toDay}: writes the bars of days without events and sends the decay
         * alerts, dated at the close where they happened. The caller writes the state.
         */
        private State advance(final String dyad, final State state, final long toDay) {
            final DecayClock.Advance a = clock.advance(dyad, state.model(), state.exposure(), state.alert(), toDay);
            for (final Bar bar : a.bars()) {
                writeClosed(dyad, bar);
            }
            for (final AlertPolicy.Alert alert : a.alerts()) {
                context.forward(new Record<String, Object>(dyad, ScoringMapping.toRiskAlert(alert), alert.time()),
                        Names.SINK_RISK_ALERTS);
            }
            return a.alert() == state.alert() ? state : new State(state.model(), state.exposure(), a.alert(), state.bar());
        }

        @Override
        public void process(final Record<String, Input> record) {
            final String dyad = record.key();
            final ScoringEvent event = record.value().event();
            if (event == null) {
                final State state = read(dyad);
                if (state != null) {
                    emit(dyad, state, state.model(), record.value().exposure(), null);
                }
                return;   // an exposure update for a dyad without events: nothing to score
            }
            lastRecordAt = context.currentSystemTimeMs();
            if (!firstSighting(event)) {
                return;
            }
            final State stored = read(dyad);
            State state = stored == null ? State.EMPTY : stored;
            // decay on event time: close the days between the dyad's last event and this one first, so that a
            // level left through decay is told on the day it was left, not with this event
            state = advance(dyad, state, Math.floorDiv(Math.max(event.occurredAt(), state.model().refTime()), DAY));
            emit(dyad, state, scorer.add(state.model(), event), record.value().exposure(), event);
        }

        private State read(final String dyad) {
            State state = written.get(dyad);
            if (state == null) {
                state = states.get(dyad);
                if (state != null) {
                    written.put(dyad, state);
                }
            }
            return state;
        }

        private void write(final String dyad, final State state) {
            states.put(dyad, state);
            written.put(dyad, state);
        }

        /** Writes the bar of a closed day to {@value Names#SCORES_1D_STORE}, in the window of its UTC day. */
        private void writeClosed(final String dyad, final Bar bar) {
            bars.put(dyad, ValueAndTimestamp.make(ScoringMapping.toScoreWindow(bar), bar.lastAsOf()),
                    ScoreBars.dayStart(bar.firstAsOf()));
        }

        @Override
        public void close() {
            written.clear();
        }

        /**
         * True for an event whose id this dyad's task has not seen. It runs after the repartition by dyad, so
         * duplicates meet here whatever key their producer used. An event older than the dedupe horizon behind
         * stream time (event time: the validate stage set each record's timestamp) can no longer be checked
         * against the ids still held, so it is dropped as too late rather than risk counting it twice.
         */
        private boolean firstSighting(final ScoringEvent event) {
            final long time = event.occurredAt();
            if (time < context.currentStreamTimeMs() - horizonMillis) {
                return false;
            }
            try (WindowStoreIterator<Long> it = seen.fetch(event.id(), 0L, Long.MAX_VALUE)) {
                if (it.hasNext()) {
                    return false;
                }
            }
            seen.put(event.id(), time, time);
            return true;
        }

        private Dyad dyadOf(final String key) {
            Dyad d = dyads.get(key);
            if (d == null) {
                if (dyads.size() >= 100_000) {
                    dyads.clear();   // bounded, whatever the number of pairs
                }
                d = Dyad.parse(key);
                dyads.put(key, d);
            }
            return d;
        }

        private void emit(final String dyad, final State before, final DyadState model, final double exposure,
                          final ScoringEvent cause) {
            final Score score = scorer.score(model, exposure);
            // where tension stood just before the event, at the score's time: what the event moved it from
            final double from = cause == null ? score.tension() : scorer.tensionAt(before.model(), score.asOf());
            final AlertPolicy.Outcome outcome = policy.evaluate(before.alert(), ScoringMapping.toSnapshot(dyad, score,
                    from, cause, before.model().eventCount() == 0 ? 0L : before.model().refTime()));
            // the day's bar is kept in the state while the day is open, and goes to the window store once a score
            // of a later day closes it: one store write per event, not two (history reads both stores)
            final Bar open = before.bar();
            final boolean sameDay = open != null
                    && ScoreBars.dayStart(open.lastAsOf()) == ScoreBars.dayStart(score.asOf());
            if (open != null && !sameDay) {
                writeClosed(dyad, open);
            }
            write(dyad, new State(model, exposure, outcome.state(), sameDay ? open.plus(score) : Bar.of(score)));
            context.forward(new Record<String, Object>(dyad, new ScoreUpdate(dyadOf(dyad), score), score.asOf()),
                    Names.SINK_RISK_SCORES);
            for (final AlertPolicy.Alert alert : outcome.alerts()) {
                context.forward(new Record<String, Object>(dyad, ScoringMapping.toRiskAlert(alert), alert.time()),
                        Names.SINK_RISK_ALERTS);
            }
        }
    }
}
