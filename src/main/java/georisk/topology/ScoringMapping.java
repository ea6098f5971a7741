package georisk.topology;

import georisk.events.AlertState;
import georisk.events.DayBucketState;
import georisk.events.DyadRiskState;
import georisk.events.GeoEvent;
import georisk.events.RiskAlert;
import georisk.events.RiskScore;
import georisk.events.ScoreComponent;
import georisk.events.ScoreDriver;
import georisk.events.TensionSample;
import georisk.events.TrackedEventState;
import georisk.events.TradeExposure;
import georisk.events.ScoreWindow;
import georisk.scoring.AlertPolicy;
import georisk.scoring.Bar;
import georisk.scoring.DayBucket;
import georisk.scoring.Dyad;
import georisk.scoring.DyadState;
import georisk.scoring.Headlines;
import georisk.scoring.Score;
import georisk.scoring.ScoringEvent;
import georisk.scoring.Taxonomy;
import georisk.scoring.TrackedEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The edge between Avro records and the Kafka-free {@code georisk.scoring} records: what the model needs of
 * an event, the dyad state as stored, scores, bars and alerts as published. Every conversion in one place,
 * and each made once per event by the dyad stage.
 */
final class ScoringMapping {
    private ScoringMapping() {
    }

    /**
     * What the model needs of an event, seen from its dyad; missing values take the type's defaults.
     * The trade share is the affected trade value against the home country's exports to the
     * counterparty, when both are known in the same currency (no exchange rates are guessed).
     */
    static ScoringEvent toScoringEvent(final GeoEvent e, final Dyad dyad, final TradeExposure exposure) {
        final double goldstein = e.getGoldstein() != null ? e.getGoldstein() : Taxonomy.of(e.getType()).goldstein();
        final double tariffRate = e.getTariffRate() != null ? e.getTariffRate() : 0.0;
        return new ScoringEvent(e.getId(), e.getOccurredAt().toEpochMilli(), e.getType(), goldstein, tariffRate,
                tradeShare(e, exposure), e.getMentions(), e.getSources(), e.getConfidence(),
                dyad.home().equals(e.getActor()), e.getHeadline());
    }

    private static double tradeShare(final GeoEvent e, final TradeExposure exposure) {
        if (exposure == null || e.getAffectedTradeValue() == null || exposure.getExportsValue() == null
                || exposure.getExportsValue() <= 0 || e.getTradeCurrency() == null
                || !e.getTradeCurrency().equals(exposure.getCurrency())) {
            return 0.0;
        }
        return e.getAffectedTradeValue() / exposure.getExportsValue();
    }

    /** The dyad stage's state as stored, read once per event. */
    static DyadStage.State toStageState(final DyadRiskState s) {
        return new DyadStage.State(toState(s), s.getExposure(),
                s.getAlert() == null ? AlertPolicy.State.INITIAL : toPolicyState(s.getAlert()),
                s.getBar() == null ? null : toBar(s.getBar()));
    }

    /** The dyad stage's state to store, written once per event. */
    static DyadRiskState toAvro(final DyadStage.State s) {
        final DyadRiskState out = toAvro(s.model());
        out.setExposure(s.exposure());
        out.setAlert(toAvro(s.alert()));
        out.setBar(s.bar() == null ? null : toScoreWindow(s.bar()));
        return out;
    }

    static Bar toBar(final ScoreWindow w) {
        return new Bar(w.getFirstAsOf().toEpochMilli(), w.getLastAsOf().toEpochMilli(), w.getOpenTension(),
                w.getCloseTension(), w.getHighTension(), w.getLowTension(), w.getCloseRisk(), w.getHighRisk(),
                w.getCloseLevel(), w.getUpdates());
    }

    static ScoreWindow toScoreWindow(final Bar b) {
        return new ScoreWindow(Instant.ofEpochMilli(b.firstAsOf()), Instant.ofEpochMilli(b.lastAsOf()),
                b.openTension(), b.closeTension(), b.highTension(), b.lowTension(), b.closeRisk(), b.highRisk(),
                b.closeLevel(), b.updates());
    }

    static DyadState toState(final DyadRiskState s) {
        final List<TrackedEvent> tracked = s.getTracked().stream()
                .map(t -> new TrackedEvent(t.getId(), t.getOccurredAt(), t.getType(), t.getHeadline(), t.getImpact(),
                        t.getRank(), t.getSources(), t.getConfidence()))
                .toList();
        final List<DayBucket> days = s.getDays().stream()
                .map(d -> new DayBucket(d.getDay(), d.getThreats(), d.getActs(), d.getCooperation(), d.getEvents()))
                .toList();
        return new DyadState(s.getRefTime(), s.getThreats(), s.getActs(), s.getCooperation(), s.getEvidence(),
                s.getEventCount(), s.getFirstEventTime(), s.getLateEvents(), days, tracked);
    }

    static DyadRiskState toAvro(final DyadState s) {
        final List<TrackedEventState> tracked = s.tracked().stream()
                .map(t -> new TrackedEventState(t.id(), t.occurredAt(), t.type(), t.headline(), t.impact(), t.rank(),
                        t.sources(), t.confidence()))
                .toList();
        final List<DayBucketState> days = s.days().stream()
                .map(d -> new DayBucketState(d.day(), d.threats(), d.acts(), d.cooperation(), d.events()))
                .toList();
        return DyadRiskState.newBuilder().setRefTime(s.refTime()).setThreats(s.threats()).setActs(s.acts())
                .setCooperation(s.cooperation()).setEvidence(s.evidence()).setEventCount(s.eventCount())
                .setFirstEventTime(s.firstEventTime()).setLateEvents(s.lateEvents()).setDays(days).setTracked(tracked)
                .build();
    }

    static RiskScore toRiskScore(final Dyad dyad, final Score score) {
        final List<ScoreComponent> components = score.components().entrySet().stream()
                .map((Map.Entry<String, Double> c) -> new ScoreComponent(c.getKey(), c.getValue()))
                .toList();
        final List<ScoreDriver> drivers = score.drivers().stream()
                .map(d -> new ScoreDriver(d.event().id(), d.event().type(), Instant.ofEpochMilli(d.event().occurredAt()),
                        headline(d.event()), d.contribution(), d.event().sources(), d.event().confidence()))
                .toList();
        return RiskScore.newBuilder()
                .setDyad(dyad.key())
                .setHome(dyad.home())
                .setCounterparty(dyad.counterparty())
                .setAsOf(Instant.ofEpochMilli(score.asOf()))
                .setTension(score.tension())
                .setExposure(score.exposure())
                .setExposureWeightedRisk(score.exposureWeightedRisk())
                .setLevel(score.level())
                .setComponents(components)
                .setDrivers(drivers)
                .setDelta24h(score.delta24h())
                .setDelta7d(score.delta7d())
                .setZScore(score.zScore())
                .setEventCount(score.eventCount())
                .setLateEventCount(score.lateEvents())
                .setCoverage(score.coverage())
                .build();
    }

    /**
     * What the alert policy sees of a score: the same as {@link #toSnapshot(RiskScore)}, without the Avro record,
     * with where tension stood just before it and the event that caused it (null for an exposure change), whose
     * contribution is the tension it added now.
     *
     * @param before     tension just before the event, decayed to the score's time
     * @param cause      the score's event, or null
     * @param quietSince the dyad's latest event time before this score (0 if none)
     */
    static AlertPolicy.Snapshot toSnapshot(final String dyad, final Score s, final double before,
                                           final ScoringEvent cause, final long quietSince) {
        final List<AlertPolicy.Driver> drivers = s.drivers().stream()
                .map(d -> new AlertPolicy.Driver(d.event().id(), d.event().type(), d.event().occurredAt(),
                        headline(d.event()), d.contribution(), d.event().sources(), d.event().confidence()))
                .toList();
        final AlertPolicy.Driver why = cause == null ? null : new AlertPolicy.Driver(Headlines.capId(cause.id()),
                cause.type(), cause.occurredAt(), cause.headline() == null ? "(no headline)" : Headlines.cap(cause.headline()),
                s.tension() - before, cause.sources(), cause.confidence());
        return new AlertPolicy.Snapshot(dyad, s.asOf(), s.tension(), s.delta24h(), s.delta7d(), s.zScore(), drivers,
                before, why, quietSince);
    }

    static AlertPolicy.Snapshot toSnapshot(final RiskScore s) {
        final List<AlertPolicy.Driver> drivers = s.getDrivers().stream().map(ScoringMapping::toDriver).toList();
        return new AlertPolicy.Snapshot(s.getDyad(), s.getAsOf().toEpochMilli(), s.getTension(),
                s.getDelta24h() == null ? 0.0 : s.getDelta24h(), s.getDelta7d() == null ? 0.0 : s.getDelta7d(),
                s.getZScore(), drivers);
    }

    static AlertPolicy.State toPolicyState(final AlertState s) {
        return new AlertPolicy.State(s.getLevel(),
                s.getRecent().stream().map(x -> new AlertPolicy.Sample(x.getAsOf(), x.getTension())).toList(),
                s.getLastJumpAt(), s.getLastAnomalyAt(), s.getClosedDay(), s.getBurstAt(), s.getBurstFrom(),
                s.getBurstUp());
    }

    static AlertState toAvro(final AlertPolicy.State s) {
        return new AlertState(s.level(), s.recent().stream().map(x -> new TensionSample(x.asOf(), x.tension())).toList(),
                s.lastJumpAt(), s.lastAnomalyAt(), s.closedDay(), s.burstAt(), s.burstFrom(), s.burstUp());
    }

    static RiskAlert toRiskAlert(final AlertPolicy.Alert a) {
        return RiskAlert.newBuilder()
                .setId(a.id())
                .setDyad(a.dyad())
                .setKind(a.kind())
                .setFromLevel(a.fromLevel())
                .setToLevel(a.toLevel())
                .setScore(a.score())
                .setDrivers(a.drivers().stream().map(d -> new ScoreDriver(d.eventId(), d.type(),
                        Instant.ofEpochMilli(d.occurredAt()), d.headline(), d.contribution(), d.sources(),
                        d.confidence())).toList())
                .setExplanation(a.explanation())
                .setTime(Instant.ofEpochMilli(a.time()))
                .build();
    }

    /**
     * A driver's headline. Only the reported drivers keep theirs in the state; after a model change that reports
     * more drivers (a larger {@code drivers.top}), an event kept from before may have none.
     */
    private static String headline(final TrackedEvent t) {
        return t.headline() != null ? t.headline() : "(headline not kept)";
    }

    private static AlertPolicy.Driver toDriver(final ScoreDriver d) {
        return new AlertPolicy.Driver(d.getEventId(), d.getType(), d.getOccurredAt().toEpochMilli(), d.getHeadline(),
                d.getContribution(), d.getSources(), d.getConfidence());
    }
}
