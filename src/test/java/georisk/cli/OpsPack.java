package georisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ops pack as tests read it: the Prometheus rules ({@value #RULES}), the Grafana dashboard ({@value #DASHBOARD}),
 * the PromQL in them, and the metric names and label names that PromQL refers to.
 */
final class OpsPack {
    static final String RULES = "ops/prometheus/alerts.yml";
    static final String DASHBOARD = "ops/grafana/georisk-dashboard.json";
    /** Series Prometheus makes itself, not served by georisk. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*"
            + "([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");

    private OpsPack() {
    }

    /** Every rule of every group, as parsed YAML. */
    static List<JsonNode> rules() throws IOException {
        final JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of(RULES)));
        final List<JsonNode> rules = new ArrayList<>();
        root.path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(Files.readString(Path.of(DASHBOARD)));
    }

    /** Every PromQL expression of the dashboard's panels (and of rows' nested panels), by panel title. */
    static Map<String, List<String>> dashboardExpressions() throws IOException {
        final Map<String, List<String>> exprs = new LinkedHashMap<>();
        final List<JsonNode> panels = new ArrayList<>();
        dashboard().path("panels").forEach(p -> {
            panels.add(p);
            p.path("panels").forEach(panels::add);
        });
        for (final JsonNode panel : panels) {
            panel.path("targets").forEach(t -> exprs.computeIfAbsent(panel.path("title").asText(),
                    k -> new ArrayList<>()).add(t.path("expr").asText()));
        }
        return exprs;
    }

    /** The template variables' {@code label_values(metric, label)} queries: metric → label. */
    static Map<String, String> dashboardVariables() throws IOException {
        final Map<String, String> vars = new TreeMap<>();
        for (final JsonNode v : dashboard().path("templating").path("list")) {
            final JsonNode query = v.path("query");
            final String text = query.isObject() ? query.path("query").asText() : query.asText();
            final Matcher m = LABEL_VALUES.matcher(text);
            if (m.find()) {
                vars.put(m.group(1), m.group(2));
            }
        }
        return vars;
    }

    /** The metric names an expression reads: identifiers that are not functions, keywords or label names. */
    static Set<String> metricNames(final String expr) {
        String e = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        e = e.replaceAll("\\{[^}]*}", " ");
        e = e.replaceAll("\\[[^]]*]", " ");
        e = e.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        e = e.replaceAll("\\boffset\\s+\\d+[smhdwy]", " ");
        e = e.replaceAll("\\b\\d+(\\.\\d+)?(e[+-]?\\d+)?\\b", " ");
        final Set<String> names = new TreeSet<>();
        final Matcher m = NAME.matcher(e);
        while (m.find()) {
            final String name = m.group();
            final String rest = e.substring(m.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** The label names an expression's selectors match on, by metric name. */
    static Map<String, Set<String>> matchedLabels(final String expr) {
        final Map<String, Set<String>> labels = new HashMap<>();
        final Matcher s = SELECTOR.matcher(expr);
        while (s.find()) {
            final Matcher m = MATCHER.matcher(s.group(2));
            while (m.find()) {
                labels.computeIfAbsent(s.group(1), k -> new TreeSet<>()).add(m.group(1));
            }
        }
        return labels;
    }

    /** Whether parentheses, brackets and braces pair up (outside string literals). */
    static boolean balanced(final String expr) {
        final String e = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        final StringBuilder stack = new StringBuilder();
        for (final char c : e.toCharArray()) {
            switch (c) {
                case '(', '[', '{' -> stack.append(c);
                case ')', ']', '}' -> {
                    if (stack.isEmpty()) {
                        return false;
                    }
                    final char open = stack.charAt(stack.length() - 1);
                    if ((c == ')' && open != '(') || (c == ']' && open != '[') || (c == '}' && open != '{')) {
                        return false;
                    }
                    stack.setLength(stack.length() - 1);
                }
                default -> { }
            }
        }
        return stack.isEmpty();
    }

    /** Prometheus text: metric name → the label names seen on its samples. */
    static Map<String, Set<String>> served(final String prometheusText) {
        final Map<String, Set<String>> served = new TreeMap<>();
        final Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
        for (final String line : prometheusText.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final int brace = line.indexOf('{');
            final int space = line.indexOf(' ');
            final int end = brace >= 0 && brace < space ? brace : space;
            final Set<String> labels = served.computeIfAbsent(line.substring(0, end), k -> new TreeSet<>());
            if (end == brace) {
                final Matcher m = label.matcher(line.substring(brace, line.lastIndexOf('}')));
                while (m.find()) {
                    labels.add(m.group(1));
                }
            }
        }
        return served;
    }
}
