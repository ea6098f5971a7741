package georisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ops pack's files are well formed — as far as can be checked without Prometheus and Grafana (promtool is not
 * available here): the rules' YAML and fields, PromQL whose brackets pair up and which reads at least one metric,
 * the dashboard's JSON, panel ids and data source, the provisioning files. {@code OpsPackMetricsIT} checks the
 * names against a real {@code /metrics}.
 */
class OpsPackFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void shouldFindTheMetricsAndLabelsAnExpressionReads() {
        assertThat(OpsPack.metricNames("max without (instance) (increase(georisk_dead_letters_total{stage=\"x\"}[15m])) > 0"))
                .containsExactly("georisk_dead_letters_total");
        assertThat(OpsPack.metricNames("histogram_quantile(0.95, sum by (route, le) "
                + "(rate(http_server_requests_seconds_bucket{route!=\"/api/stream\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(OpsPack.metricNames("up{job=\"georisk\"} == 0 and on (instance) georisk_streams_running offset 5m"))
                .containsExactly("georisk_streams_running", "up");
        assertThat(OpsPack.matchedLabels("rate(a_total{result=~\"failed|dropped\", webhook!=\"1\"}[5m]) / b{c=\"d\"}"))
                .isEqualTo(Map.of("a_total", Set.of("result", "webhook"), "b", Set.of("c")));
        assertThat(OpsPack.balanced("sum(rate(x{a=\"(\"}[5m]))")).isTrue();
        assertThat(OpsPack.balanced("sum(rate(x[5m])")).isFalse();
        assertThat(OpsPack.served("# HELP x\nx_total{a=\"1\",b=\"{c}\"} 1.0\ny 2.0\n"))
                .isEqualTo(Map.of("x_total", Set.of("a", "b"), "y", Set.of()));
    }

    @Test
    void shouldHaveRulesPrometheusCanLoad() throws Exception {
        final List<JsonNode> rules = OpsPack.rules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
        final Set<String> names = new HashSet<>();
        final List<String> problems = new ArrayList<>();
        for (final JsonNode rule : rules) {
            final String name = rule.path("alert").asText();
            final String expr = rule.path("expr").asText();
            if (!name.matches("Georisk[A-Z][A-Za-z]+") || !names.add(name)) {
                problems.add("alert name '" + name + "' is not GeoriskCamelCase or not unique");
            }
            if (expr.isBlank() || !OpsPack.balanced(expr) || OpsPack.metricNames(expr).isEmpty()) {
                problems.add(name + ": expr '" + expr + "' is empty, unbalanced or reads no metric");
            }
            if (rule.has("for") && !rule.path("for").asText().matches("\\d+[smhdwy]")) {
                problems.add(name + ": for '" + rule.path("for").asText() + "' is not a duration");
            }
            if (!Set.of("info", "warning", "critical").contains(rule.path("labels").path("severity").asText())) {
                problems.add(name + ": labels.severity must be info, warning or critical");
            }
            if (rule.path("annotations").path("summary").asText().isBlank()) {
                problems.add(name + ": annotations.summary is missing");
            }
            rule.fieldNames().forEachRemaining(f -> {
                if (!Set.of("alert", "expr", "for", "labels", "annotations", "keep_firing_for").contains(f)) {
                    problems.add(name + ": unknown field " + f);
                }
            });
        }
        assertThat(problems).isEmpty();
        // what the issue asks the rules to cover
        assertThat(names).contains("GeoriskStreamsNotRunning", "GeoriskConsumerLag", "GeoriskDeadLetters",
                "GeoriskDyadHigh", "GeoriskWebhookFailing");
    }

    @Test
    void shouldHaveADashboardGrafanaCanProvision() throws Exception {
        final JsonNode dashboard = OpsPack.dashboard();
        assertThat(dashboard.path("uid").asText()).isEqualTo("georisk");
        final String datasource = YAML.readTree(Files.readString(Path.of("ops/grafana/provisioning/datasources/prometheus.yml")))
                .path("datasources").get(0).path("uid").asText();
        final Set<Integer> ids = new HashSet<>();
        final List<String> problems = new ArrayList<>();
        for (final JsonNode panel : dashboard.path("panels")) {
            if (!ids.add(panel.path("id").asInt()) || panel.path("title").asText().isBlank()) {
                problems.add("panel " + panel.path("id") + " has a duplicate id or no title");
            }
            if (!panel.path("type").asText().equals("row")
                    && !panel.path("datasource").path("uid").asText().equals(datasource)) {
                problems.add("panel " + panel.path("title") + " does not use the provisioned data source " + datasource);
            }
        }
        OpsPack.dashboardExpressions().forEach((title, exprs) -> exprs.forEach(expr -> {
            if (!OpsPack.balanced(expr) || OpsPack.metricNames(expr).isEmpty()) {
                problems.add(title + ": '" + expr + "' is unbalanced or reads no metric");
            }
        }));
        assertThat(problems).isEmpty();
        assertThat(OpsPack.dashboardExpressions()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(OpsPack.dashboardVariables()).containsEntry("georisk_dyad_level", "dyad");
    }

    @Test
    void shouldProvisionPrometheusWithTheRulesAndGrafanaWithTheDashboard() throws Exception {
        final JsonNode prometheus = YAML.readTree(Files.readString(Path.of("ops/prometheus/prometheus.yml")));
        assertThat(prometheus.path("rule_files").get(0).asText()).isEqualTo("/etc/prometheus/alerts.yml");
        assertThat(prometheus.path("scrape_configs").get(0).path("metrics_path").asText()).isEqualTo("/metrics");
        final JsonNode dashboards = YAML.readTree(Files.readString(Path.of("ops/grafana/provisioning/dashboards/georisk.yml")));
        final String path = dashboards.path("providers").get(0).path("options").path("path").asText();
        // docker-compose.yml mounts the ops pack where these files say it is
        final String compose = Files.readString(Path.of("docker-compose.yml"));
        assertThat(compose).contains("./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro")
                .contains("./" + OpsPack.DASHBOARD + ":" + path + "/georisk-dashboard.json:ro");
    }
}
