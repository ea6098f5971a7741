package georisk.topology;

import georisk.events.AlertKind;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.RiskLevel;
import georisk.events.TradeExposure;
import georisk.ingest.Scenario;
import georisk.scoring.AlertPolicy;
import georisk.scoring.DecayClock;
import georisk.scoring.Dyad;
import georisk.scoring.DyadResolver;
import georisk.scoring.DyadScorer;
import georisk.scoring.DyadState;
import georisk.scoring.ImpactModel;
import georisk.scoring.ModelParameters;
import georisk.scoring.Score;
import georisk.scoring.ScoringEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The numbers that {@code docs/scoring.md} quotes, computed from the built-in scenario with the shipped
 * model, and the story the doc tells, asserted so that the doc cannot drift from the code unnoticed.
 *
 * <p>It folds each dyad's events in event-time order through {@link DyadScorer} exactly as the topology's
 * score stage does (same mapping, same exposure), without Kafka, and prints Markdown tables. Run it
 * with {@code mvn -B -o test -Dtest=ScenarioReportTest}; the tables appear on standard output.
 */
class ScenarioReportTest {
    private static final ModelParameters MODEL = ModelParameters.defaults();
    private static final DyadScorer SCORER = new DyadScorer(MODEL);
    private static final ImpactModel IMPACTS = SCORER.impacts();
    private static final Dyad CAN_USA = Dyad.parse("CAN-USA");
    private static final Dyad CAN_CHN = Dyad.parse("CAN-CHN");
    private static final DyadResolver RESOLVER = new DyadResolver(Set.of("CAN"), Set.of("USA", "CHN"));

    private final Scenario scenario = Scenario.builtIn();
    private final Map<String, TradeExposure> exposures = scenario.exposures().stream()
            .collect(Collectors.toMap(TradeExposure::getDyad, Function.identity()));

    /** One event of a dyad, with the dyad's tension just before it (decayed to its time) and just after. */
    private record Step(GeoEvent event, ScoringEvent scoring, double impact, double before, DyadState state,
                        Score after) {
        long time() {
            return scoring.occurredAt();
        }
    }

    @Test
    void shouldTellTheCanadaUsaStoryOfMarch2025() {
        final List<Step> steps = replay(CAN_USA);
        final List<Step> march = between(steps, "2025-03-01", "2025-03-31");

        for (final Step s : march) {
            if (s.event().getType() == EventType.TARIFF_IMPOSED) {
                assertThat(s.after().tension()).as("tension after %s", s.event().getId()).isGreaterThan(s.before());
            }
        }
        final Step relief = march.stream().filter(s -> s.event().getId().equals("2025-03-07-usa-can-usmca-exemption"))
                .findFirst().orElseThrow();
        assertThat(relief.after().tension()).as("tension after the USMCA exemption").isLessThan(relief.before());
        // the components add up to the tension at every step
        for (final Step s : steps) {
            final double sum = s.after().components().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(sum).isCloseTo(s.after().tension(), within(1e-9));
        }
    }

    @Test
    void shouldWeighCanadaUsaAboveCanadaChinaByExposure() {
        final List<Step> usa = replay(CAN_USA);
        final List<Step> chn = replay(CAN_CHN);
        for (int month = 1; month <= 12; month++) {
            final long end = monthEnd(YearMonth.of(2025, month));
            assertThat(scoreAt(usa, CAN_USA, end).exposureWeightedRisk())
                    .as("CAN-USA risk vs CAN-CHN risk at the end of 2025-%02d", month)
                    .isGreaterThan(scoreAt(chn, CAN_CHN, end).exposureWeightedRisk());
        }
        // Meng, Kovrig-Spavor and canola: CAN-CHN is the tenser dyad, yet CAN-USA carries more risk
        for (final YearMonth ym : List.of(YearMonth.of(2018, 12), YearMonth.of(2019, 3))) {
            final Score u = scoreAt(usa, CAN_USA, monthEnd(ym));
            final Score c = scoreAt(chn, CAN_CHN, monthEnd(ym));
            assertThat(c.tension()).as("CAN-CHN tension at the end of %s", ym).isGreaterThan(u.tension());
            assertThat(u.exposureWeightedRisk()).as("CAN-USA risk at the end of %s", ym)
                    .isGreaterThan(c.exposureWeightedRisk());
        }
    }

    /** The figures docs/scoring.md quotes most: if a weight changes, update the doc's tables with this report. */
    @Test
    void shouldMatchTheFiguresQuotedInTheDoc() {
        final List<Step> usa = replay(CAN_USA);
        final Step emergency = usa.stream().filter(s -> s.event().getId().equals("2025-03-04-usa-can-emergency-tariffs"))
                .findFirst().orElseThrow();
        assertThat(emergency.impact()).as("impact of the 2025-03-04 emergency tariffs").isCloseTo(29.95, within(0.005));
        final Score march = scoreAt(usa, CAN_USA, monthEnd(YearMonth.of(2025, 3)));
        assertThat(march.tension()).as("CAN-USA tension at the end of March 2025").isCloseTo(61.7, within(0.05));
        assertThat(march.exposureWeightedRisk()).as("CAN-USA risk at the end of March 2025").isCloseTo(46.9, within(0.05));
        assertThat(march.components().get(DyadScorer.ACTS)).as("acts component").isCloseTo(56.3, within(0.05));
        assertThat(scoreAt(replay(CAN_CHN), CAN_CHN, monthEnd(YearMonth.of(2025, 3))).exposureWeightedRisk())
                .as("CAN-CHN risk at the end of March 2025").isCloseTo(1.49, within(0.005));
        assertThat(SCORER.tension(0.0)).isCloseTo(10.0, within(1e-9));
        assertThat(SCORER.tension(100.0)).isCloseTo(85.8, within(0.05));
    }

    @Test
    void shouldGiveTheSameFinalScoreInReverseOrder() {
        final List<Step> steps = replay(CAN_USA);
        DyadState reversed = DyadState.EMPTY;
        for (int i = steps.size() - 1; i >= 0; i--) {
            reversed = SCORER.add(reversed, steps.get(i).scoring());
        }
        final Score forward = steps.get(steps.size() - 1).after();
        final Score backward = SCORER.score(reversed, exposure(CAN_USA));
        assertThat(backward.tension()).isCloseTo(forward.tension(), within(1e-9));
        assertThat(backward.delta7d()).isCloseTo(forward.delta7d(), within(1e-9));
        assertThat(backward.drivers().get(0).event().id()).isEqualTo(forward.drivers().get(0).event().id());
    }

    /**
     * The alerts §4 and §6 of the doc describe: the scores of one day chain (each starts from the day's
     * previous score), and no two alerts of the replay share an id, so a consumer keeping one alert per
     * id keeps them all.
     */
    @Test
    void shouldFoldABurstOfOneDayIntoOneAlertAndTellEachDecayWhereItHappened() {
        final List<Told> usa = replayAlerts(replay(CAN_USA), CAN_USA);
        final List<AlertPolicy.Alert> march4 = usa.stream().map(Told::alert)
                .filter(a -> date(a.time()).equals("2025-03-04")).toList();
        assertThat(march4).as("CAN-USA alerts of 2025-03-04: one alert, updated as the day's burst went on")
                .extracting(a -> a.kind() + " " + a.fromLevel() + "->" + a.toLevel()).containsExactly(
                "LEVEL_CHANGE LOW->GUARDED", "LEVEL_CHANGE LOW->ELEVATED", "LEVEL_CHANGE LOW->SEVERE");
        assertThat(march4).extracting(AlertPolicy.Alert::id).containsOnly(march4.get(0).id());

        final List<Told> all = new ArrayList<>(usa);
        all.addAll(replayAlerts(replay(CAN_CHN), CAN_CHN));
        // an id repeats only for the updates of one day's burst: same day, same kind, same direction
        all.stream().map(Told::alert).collect(Collectors.groupingBy(AlertPolicy.Alert::id)).forEach((id, versions) -> {
            assertThat(versions).as(id).extracting(a -> date(a.time())).containsOnly(date(versions.get(0).time()));
            assertThat(versions).as(id).extracting(AlertPolicy.Alert::fromLevel).containsOnly(versions.get(0).fromLevel());
        });

        // the counts the doc quotes, in distinct alerts (ids): nine in February-March 2025, 22 in 2025
        assertThat(distinctIds(usa, "2025-02-01", "2025-03-31")).as("CAN-USA alerts, Feb-Mar 2025").isEqualTo(9);
        assertThat(distinctIds(usa, "2025-01-01", "2025-12-31")).as("CAN-USA alerts in 2025").isEqualTo(22);
    }

    private static long distinctIds(final List<Told> told, final String from, final String to) {
        return told.stream().map(Told::alert).filter(a -> date(a.time()).compareTo(from) >= 0
                && date(a.time()).compareTo(to) <= 0).map(AlertPolicy.Alert::id).distinct().count();
    }

    /**
     * The four alerts of issue #11 that contradicted their cause no longer happen: an escalation is never told
     * as a fall, a burst of one day is one alert, and a level re-entered was left in an alert between.
     */
    @Test
    void shouldNeverTellAnEscalationAsAFall() {
        final List<Told> usa = replayAlerts(replay(CAN_USA), CAN_USA);
        final List<Told> chn = replayAlerts(replay(CAN_CHN), CAN_CHN);
        assertThat(onDay(usa, "2018-07-01")).as("2018-07-01 CAN-USA counter-tariffs").noneMatch(ScenarioReportTest::falls);
        assertThat(onDay(chn, "2019-03-01")).as("2019-03-01 CAN-CHN canola permit").noneMatch(ScenarioReportTest::falls);
        assertThat(onDay(usa, "2026-01-13")).as("2026-01-13 CAN-USA hostile statement").noneMatch(ScenarioReportTest::falls);
        // every event-caused alert: a rise names a conflictual event first, a fall a cooperative one
        for (final Told t : concat(usa, chn)) {
            final AlertPolicy.Alert a = t.alert();
            if (a.kind() == AlertKind.DECAYED) {
                assertThat(a.drivers()).as(a.id()).isEmpty();
                continue;
            }
            assertThat(a.drivers()).as(a.id()).isNotEmpty();
            assertThat(Math.signum(a.drivers().get(0).contribution())).as(a.id()).isEqualTo(falls(t) ? -1.0 : 1.0);
        }
        // CAN-CHN rose GUARDED -> ELEVATED on 2024-10-01 and again on 2024-10-22: the fall between is told
        final List<String> october = chn.stream().map(Told::alert)
                .filter(a -> date(a.time()).compareTo("2024-10-01") >= 0 && date(a.time()).compareTo("2024-10-22") <= 0)
                .map(a -> date(a.time()) + " " + a.kind() + " " + a.fromLevel() + "->" + a.toLevel()).toList();
        assertThat(october).containsExactly("2024-10-01 LEVEL_CHANGE GUARDED->ELEVATED",
                "2024-10-11 DECAYED ELEVATED->GUARDED", "2024-10-22 LEVEL_CHANGE GUARDED->ELEVATED");
    }

    private static boolean falls(final Told t) {
        return t.alert().fromLevel() != null && t.alert().toLevel().compareTo(t.alert().fromLevel()) < 0;
    }

    private static List<Told> onDay(final List<Told> told, final String day) {
        return told.stream().filter(t -> date(t.alert().time()).equals(day)).toList();
    }

    private static List<Told> concat(final List<Told> a, final List<Told> b) {
        final List<Told> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Prints every table the doc quotes. */
    @Test
    void printReport() {
        final StringBuilder out = new StringBuilder();
        curve(out);
        final List<Step> usa = replay(CAN_USA);
        final List<Step> chn = replay(CAN_CHN);

        out.append("\n## CAN-USA events, 2025-02-01 .. 2025-03-31\n\n");
        steps(out, between(usa, "2025-02-01", "2025-03-31"));
        out.append("\n## CAN-USA events, 2025-04-01 .. 2026-01-31 (context)\n\n");
        steps(out, between(usa, "2025-04-01", "2026-01-31"));
        out.append("\n## CAN-USA impact factors, 2025-02-01 .. 2025-03-31\n\n");
        factors(out, between(usa, "2025-02-01", "2025-03-31"));
        out.append("\n## CAN-USA score at the end of 2025-03-31\n\n");
        detail(out, scoreAt(usa, CAN_USA, monthEnd(YearMonth.of(2025, 3))));

        out.append("\n## CAN-CHN events, 2018-11-01 .. 2019-04-30 and 2025-02-01 .. 2025-04-30\n\n");
        final List<Step> chnShown = new ArrayList<>(between(chn, "2018-11-01", "2019-04-30"));
        chnShown.addAll(between(chn, "2025-02-01", "2025-04-30"));
        steps(out, chnShown);

        out.append("\n## Month ends (23:59:59.999 UTC): tension, exposure-weighted risk\n\n");
        out.append("| month end | CAN-USA tension | CAN-USA risk | CAN-CHN tension | CAN-CHN risk |\n|---|---|---|---|---|\n");
        final List<YearMonth> months = new ArrayList<>(List.of(YearMonth.of(2018, 12), YearMonth.of(2019, 3)));
        for (int m = 1; m <= 12; m++) {
            months.add(YearMonth.of(2025, m));
        }
        for (final YearMonth ym : months) {
            final Score u = scoreAt(usa, CAN_USA, monthEnd(ym));
            final Score c = scoreAt(chn, CAN_CHN, monthEnd(ym));
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.2f |%n", ym.atEndOfMonth(),
                    u.tension(), u.exposureWeightedRisk(), c.tension(), c.exposureWeightedRisk()));
        }

        out.append("\n## Alerts on CAN-USA, replayed in event order (all years)\n\n");
        alerts(out, usa, CAN_USA);
        out.append("\n## Alerts on CAN-CHN, replayed in event order (all years)\n\n");
        alerts(out, chn, CAN_CHN);
        out.append("\n## Hysteresis: a wobble around the ELEVATED bound (40), starting at GUARDED\n\n");
        wobble(out);
        System.out.println(out);
    }

    // ---------------------------------------------------------------- replay

    /** The dyad's events in event-time order (file order among equal times), each folded into the state. */
    private List<Step> replay(final Dyad dyad) {
        final TradeExposure exposure = exposures.get(dyad.key());
        final List<GeoEvent> events = scenario.events().stream()
                .filter(e -> RESOLVER.resolve(e.getActor(), e.getTarget()).map(dyad::equals).orElse(false))
                .sorted(Comparator.comparing(GeoEvent::getOccurredAt))
                .toList();
        final List<Step> steps = new ArrayList<>();
        DyadState state = DyadState.EMPTY;
        for (final GeoEvent e : events) {
            final ScoringEvent s = ScoringMapping.toScoringEvent(e, dyad, exposure);
            final double before = state.eventCount() == 0 ? MODEL.tension().baseline()
                    : SCORER.score(state, exposure.getExposure(), s.occurredAt()).tension();
            state = SCORER.add(state, s);
            steps.add(new Step(e, s, IMPACTS.impact(s), before, state, SCORER.score(state, exposure.getExposure())));
        }
        return steps;
    }

    private double exposure(final Dyad dyad) {
        return exposures.get(dyad.key()).getExposure();
    }

    /** The dyad's score at {@code at}, counting the events that happened by then. */
    private Score scoreAt(final List<Step> steps, final Dyad dyad, final long at) {
        DyadState state = DyadState.EMPTY;
        for (final Step s : steps) {
            if (s.time() <= at) {
                state = s.state();
            }
        }
        return SCORER.score(state, exposure(dyad), at);
    }

    private static List<Step> between(final List<Step> steps, final String from, final String to) {
        final long start = day(from);
        final long end = day(to) + 24L * 3600 * 1000;
        return steps.stream().filter(s -> s.time() >= start && s.time() < end).toList();
    }

    private static long day(final String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static long monthEnd(final YearMonth ym) {
        return ym.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
    }

    private static String date(final long millis) {
        return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    // ---------------------------------------------------------------- tables

    private static void curve(final StringBuilder out) {
        out.append("## Pressure -> tension (baseline ").append(MODEL.tension().baseline()).append(", steepness ")
                .append(MODEL.tension().steepness()).append(")\n\n| pressure | tension | level |\n|---|---|---|\n");
        for (final double p : new double[] {-50, -25, -10, 0, 10, 20, 25, 37.5, 50, 54.93, 75, 100, 150}) {
            final double t = SCORER.tension(p);
            out.append(String.format(Locale.ROOT, "| %.2f | %.1f | %s |%n", p, t, SCORER.level(t)));
        }
        for (final double t : new double[] {20, 40, 60, 80}) {
            // pressure at which tension reaches a level bound: the inverse of the curve
            final double c = MODEL.tension().steepness() * Math.log(100.0 / MODEL.tension().baseline() - 1.0);
            final double p = c - MODEL.tension().steepness() * Math.log(100.0 / t - 1.0);
            out.append(String.format(Locale.ROOT, "tension %.0f is reached at pressure %.1f%n", t, p));
        }
    }

    private static void steps(final StringBuilder out, final List<Step> steps) {
        out.append("| date | id | type | impact | before | after | delta | level | top driver (contribution) |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (final Step s : steps) {
            final Score a = s.after();
            final Score.Driver top = a.drivers().get(0);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %+.1f | %.1f | %.1f | %+.1f | %s | %s (%+.1f) |%n",
                    date(s.time()), s.event().getId(), s.event().getType(), s.impact(), s.before(), a.tension(),
                    a.tension() - s.before(), a.level(), top.event().id(), top.contribution()));
        }
    }

    private static void factors(final StringBuilder out, final List<Step> steps) {
        out.append("| id | class | severity | magnitude (rate, share) | attention | confidence | direction | impact |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (final Step s : steps) {
            final ScoringEvent e = s.scoring();
            out.append(String.format(Locale.ROOT, "| %s | %s | %+.2f | %.3f (%.0f %%, %.4f) | %.3f | %.1f | %.1f | %+.2f |%n",
                    e.id(), e.eventClass(), -e.goldstein() / 10.0, IMPACTS.magnitude(e), e.tariffRate(), e.tradeShare(),
                    IMPACTS.attention(e), e.confidence(), e.homeIsActor() ? MODEL.impact().homeActsWeight() : 1.0,
                    s.impact()));
        }
    }

    private static void detail(final StringBuilder out, final Score s) {
        out.append(String.format(Locale.ROOT, "tension %.2f, exposure %.3f, risk %.2f, level %s, delta24h %+.2f, "
                        + "delta7d %+.2f, z %s, events %d, late %d, coverage %.3f%n", s.tension(), s.exposure(),
                s.exposureWeightedRisk(), s.level(), s.delta24h(), s.delta7d(),
                s.zScore() == null ? "null" : String.format(Locale.ROOT, "%.2f", s.zScore()), s.eventCount(),
                s.lateEvents(), s.coverage()));
        s.components().forEach((k, v) -> out.append(String.format(Locale.ROOT, "component %s %.2f%n", k, v)));
        for (final Score.Driver d : s.drivers()) {
            out.append(String.format(Locale.ROOT, "driver %s %+.2f%n", d.event().id(), d.contribution()));
        }
    }

    /**
     * A published alert, with the jump or anomaly its score also detected but did not publish: those are
     * "counted as told" (their cooldowns start), so the doc can say which moves the alert stands for.
     */
    private record Told(AlertPolicy.Alert alert, List<String> alsoTold) {
    }

    /**
     * Runs the dyad's events through the alert policy in event order, as the dyad stage does: first the closes of
     * the days since the previous event ({@link DecayClock}, decay alerts), then the event's score, with where
     * tension stood just before it and the event as its cause.
     */
    private static List<Told> replayAlerts(final List<Step> steps, final Dyad dyad) {
        final AlertPolicy policy = new AlertPolicy(MODEL);
        final DecayClock clock = new DecayClock(SCORER, policy);
        AlertPolicy.State state = AlertPolicy.State.INITIAL;
        DyadState model = DyadState.EMPTY;
        final List<Told> out = new ArrayList<>();
        for (final Step s : steps) {
            final DecayClock.Advance advance = clock.advance(dyad.key(), model, s.after().exposure(), state,
                    Math.floorDiv(Math.max(s.time(), model.refTime()), 24L * 3600 * 1000));
            advance.alerts().forEach(a -> out.add(new Told(a, List.of())));
            state = advance.alert();
            final double before = SCORER.tensionAt(model, s.after().asOf());
            final AlertPolicy.Snapshot snapshot = ScoringMapping.toSnapshot(dyad.key(), s.after(), before, s.scoring(),
                    model.eventCount() == 0 ? 0L : model.refTime());
            model = s.state();
            final AlertPolicy.Outcome o = policy.evaluate(state, snapshot);
            final List<String> told = new ArrayList<>();
            if (o.state().lastJumpAt() != state.lastJumpAt()
                    && o.alerts().stream().noneMatch(a -> a.kind() == AlertKind.JUMP)) {
                told.add(AlertKind.JUMP.name());
            }
            if (o.state().lastAnomalyAt() != state.lastAnomalyAt()
                    && o.alerts().stream().noneMatch(a -> a.kind() == AlertKind.ANOMALY)) {
                told.add(String.format(Locale.ROOT, "%s (z %.1f)", AlertKind.ANOMALY, snapshot.zScore()));
            }
            o.alerts().forEach(a -> out.add(new Told(a, List.copyOf(told))));
            state = o.state();
        }
        return out;
    }

    /**
     * Prints the dyad's replayed alerts, each with what it also counted as told. An alert whose id an
     * earlier one already had is marked: a consumer that keeps one alert per id sees only one of them.
     */
    private void alerts(final StringBuilder out, final List<Step> steps, final Dyad dyad) {
        final Set<String> ids = new HashSet<>();
        for (final Told t : replayAlerts(steps, dyad)) {
            final AlertPolicy.Alert a = t.alert();
            out.append(String.format(Locale.ROOT, "- %s %s: %s%s%s%n", date(a.time()), a.kind(), a.explanation(),
                    t.alsoTold().isEmpty() ? "" : " [also counted as told: " + String.join(", ", t.alsoTold()) + "]",
                    ids.add(a.id()) ? "" : " [same id as an earlier alert: " + a.id() + "]"));
        }
    }

    private static void wobble(final StringBuilder out) {
        final AlertPolicy policy = new AlertPolicy(MODEL);
        final AlertPolicy.Driver driver = new AlertPolicy.Driver("e", EventType.TARIFF_IMPOSED, 0L, "a tariff", 5.0,
                10, 1.0);
        AlertPolicy.State state = new AlertPolicy.State(RiskLevel.GUARDED, List.of(), 0L, 0L);
        out.append("| step | tension | level by bounds alone | confirmed level | alert |\n|---|---|---|---|---|\n");
        final double[] tensions = {39.0, 40.5, 39.2, 40.1, 37.5, 36.8, 40.2};
        for (int i = 0; i < tensions.length; i++) {
            final long t = day("2025-03-01") + i * 3600_000L;
            final AlertPolicy.Outcome o = policy.evaluate(state,
                    new AlertPolicy.Snapshot("CAN-USA", t, tensions[i], 0.0, 0.0, null, List.of(driver)));
            out.append(String.format(Locale.ROOT, "| %d | %.1f | %s | %s | %s |%n", i + 1, tensions[i],
                    SCORER.level(tensions[i]), o.state().level(),
                    o.alerts().stream().map(a -> a.kind() + " " + a.fromLevel() + "->" + a.toLevel())
                            .collect(Collectors.joining(", "))));
            state = o.state();
        }
    }
}
