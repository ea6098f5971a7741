package georisk.api;

import georisk.query.AlertView;
import georisk.query.Answer;
import georisk.query.DyadSummary;
import georisk.query.FeedListener;
import georisk.query.HistoryWindow;
import georisk.query.ModelView;
import georisk.query.RiskQueries;
import georisk.query.ScoreBar;
import georisk.query.ScoreView;
import georisk.scoring.ModelParameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** {@link RiskQueries} whose answers a test sets, and which records what it was asked. */
final class FakeRiskQueries implements RiskQueries {
    final String instance;
    final List<DyadSummary> dyads = new CopyOnWriteArrayList<>();
    final Map<String, Answer<ScoreView>> scores = new ConcurrentHashMap<>();
    final List<AlertView> alerts = new CopyOnWriteArrayList<>();
    final List<FeedListener> listeners = new CopyOnWriteArrayList<>();
    final List<ScoreView> latest = new CopyOnWriteArrayList<>();
    final List<String> historyAsked = new CopyOnWriteArrayList<>();
    volatile Function<String, Answer<List<ScoreBar>>> history = dyad -> new Answer.Found<>(List.of(), "fake");
    volatile int alertCapacity = 100;

    FakeRiskQueries(final String instance) {
        this.instance = instance;
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public List<DyadSummary> dyads() {
        return List.copyOf(dyads);
    }

    @Override
    public Answer<ScoreView> score(final String dyad) {
        return scores.getOrDefault(dyad, new Answer.Missing<>("no score for " + dyad + " yet", instance));
    }

    @Override
    public Answer<List<ScoreBar>> history(final String dyad, final HistoryWindow window, final Instant from,
                                          final Instant to) {
        historyAsked.add(dyad + " " + window.label() + " " + from + " " + to);
        return history.apply(dyad);
    }

    @Override
    public ModelView model() {
        return ModelView.of(ModelParameters.defaults());
    }

    @Override
    public List<AlertView> alerts(final int limit) {
        return alerts.stream().limit(limit).toList();
    }

    @Override
    public int alertCapacity() {
        return alertCapacity;
    }

    @Override
    public Subscription subscribe(final FeedListener listener) {
        latest.forEach(listener::score);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(final AlertView alert) {
        new ArrayList<>(listeners).forEach(l -> l.alert(alert));
    }

    void publish(final ScoreView score) {
        new ArrayList<>(listeners).forEach(l -> l.score(score));
    }

    static ScoreView score(final String dyad, final double tension) {
        return score(dyad, tension, "U.S. tariffs of 25 % on Canadian goods take effect");
    }

    /** A score whose driver has this headline (long ones make large frames). */
    static ScoreView score(final String dyad, final double tension, final String headline) {
        final String[] countries = dyad.split("-");
        return new ScoreView(dyad, countries[0], countries[1], Instant.parse("2025-03-04T00:00:00Z"), tension, 0.759,
                tension * 0.759, "SEVERE",
                List.of(new ScoreView.Component("baseline", 10.0), new ScoreView.Component("acts", tension - 10.0)),
                List.of(new ScoreView.Driver("us-tariffs-2025-03-04", "TARIFF_IMPOSED",
                        Instant.parse("2025-03-04T05:01:00Z"), headline,
                        23.4, 12, 1.0)),
                65.8, null, null, 14, 0, 0.9);
    }

    static AlertView alert(final String id, final String dyad, final String time) {
        return new AlertView(id, dyad, "LEVEL_CHANGE", "ELEVATED", "SEVERE", 80.1, List.of(),
                dyad + " rose from ELEVATED to SEVERE", Instant.parse(time));
    }
}
