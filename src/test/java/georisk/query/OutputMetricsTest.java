package georisk.query;

import georisk.events.AlertKind;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputMetricsTest {

    @Test
    void shouldExposeGeoriskSeriesInPrometheusText() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final OutputMetrics metrics = new OutputMetrics();
        metrics.bindTo(registry);

        metrics.score(Views.score(Records.score("CAN-USA", "2025-03-01T00:00:00Z", 20, 3)));
        metrics.score(Views.score(Records.score("CAN-USA", "2025-03-04T00:00:00Z", 80, 14)));
        metrics.score(Views.score(Records.score("CAN-CHN", "2025-03-04T00:00:00Z", 30, 10)));
        metrics.alert(Views.alert(Records.alert("a1", "CAN-USA", AlertKind.LEVEL_CHANGE, "2025-03-04T00:00:00Z")));
        metrics.alert(Views.alert(Records.alert("a2", "CAN-USA", AlertKind.LEVEL_CHANGE, "2025-03-05T00:00:00Z")));
        metrics.deadLetter("ingest");

        final String text = registry.scrape();
        assertThat(text)
                .contains("georisk_events_scored_total 24.0")
                .contains("georisk_events_late_total 2.0")
                .contains("georisk_alerts_total{kind=\"LEVEL_CHANGE\"} 2.0")
                .contains("georisk_alerts_total{kind=\"JUMP\"} 0.0")
                .contains("georisk_dead_letters_total{stage=\"ingest\"} 1.0")
                .contains("georisk_dead_letters_total{stage=\"validate-events\"} 0.0")
                .contains("georisk_tension{dyad=\"CAN-USA\"} 80.0")
                .contains("georisk_risk{dyad=\"CAN-USA\"} 40.0")
                .contains("georisk_tension{dyad=\"CAN-CHN\"} 30.0");
        registry.close();
    }

    @Test
    void shouldNotLowerTheEventCountWhenAnOlderScoreIsReadAgain() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final OutputMetrics metrics = new OutputMetrics();
        metrics.bindTo(registry);

        metrics.score(Views.score(Records.score("CAN-USA", "2025-03-04T00:00:00Z", 80, 14)));
        metrics.score(Views.score(Records.score("CAN-USA", "2025-03-01T00:00:00Z", 20, 3)));

        assertThat(registry.scrape()).contains("georisk_events_scored_total 14.0");
        registry.close();
    }

    @Test
    void shouldGaugeEachDyadsLevelFromLowAt0ToSevereAt4() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final OutputMetrics metrics = new OutputMetrics();
        metrics.bindTo(registry);

        metrics.score(Views.score(Records.score("CAN-USA", "2025-03-04T00:00:00Z", 80, 14)));

        assertThat(registry.scrape()).contains("georisk_dyad_level{dyad=\"CAN-USA\"} 4.0");
        assertThat(OutputMetrics.level("LOW")).isEqualTo(0.0);
        assertThat(OutputMetrics.level("HIGH")).isEqualTo(3.0);
        assertThat(OutputMetrics.level("EXTREME")).isNaN();
        registry.close();
    }

    @Test
    void shouldShowEverythingReadBeforeItWasBoundOnceBound() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final OutputMetrics metrics = new OutputMetrics();

        // what a restarted instance re-reads from the topics before it has caught up
        metrics.score(Views.score(Records.score("CAN-USA", "2025-03-04T00:00:00Z", 80, 14)));
        metrics.alert(Views.alert(Records.alert("a1", "CAN-USA", AlertKind.LEVEL_CHANGE, "2025-03-04T00:00:00Z")));
        metrics.alert(Views.alert(Records.alert("a2", "CAN-USA", AlertKind.JUMP, "2025-03-05T00:00:00Z")));
        metrics.deadLetter("ingest");
        assertThat(registry.scrape()).doesNotContain("georisk_");

        metrics.bindTo(registry);
        metrics.alert(Views.alert(Records.alert("a3", "CAN-USA", AlertKind.JUMP, "2025-03-06T00:00:00Z")));

        assertThat(registry.scrape())
                .contains("georisk_events_scored_total 14.0")
                .contains("georisk_alerts_total{kind=\"LEVEL_CHANGE\"} 1.0")
                .contains("georisk_alerts_total{kind=\"JUMP\"} 2.0")
                .contains("georisk_dead_letters_total{stage=\"ingest\"} 1.0")
                .contains("georisk_tension{dyad=\"CAN-USA\"} 80.0");
        registry.close();
    }
}
