package georisk.scoring;

import georisk.events.EditDistance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model file: every {@link ModelParameters} value as one {@code key = value} line, keyed as the
 * parameters' own checks name them ({@code tension.half-life}, {@code levels.bounds}, ...).
 *
 * <p>The shipped model, {@value #SHIPPED_RESOURCE} on the classpath, sets every key and documents each
 * one; it is the single source of {@link ModelParameters#defaults()}. A user's file is an <em>overlay</em>:
 * it sets only the keys it changes, and every other key keeps its shipped value.
 *
 * <p>Format: UTF-8; blank lines and lines starting with {@code #} or {@code !} are ignored; every other
 * line is {@code key = value} (no continuation lines, no comments after a value). Numbers are plain
 * decimals ({@code 2}, {@code 0.25}, {@code 1e3}), whole numbers where a count is meant, durations
 * {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h}, {@code 30d} or ISO-8601 ({@code PT12H}), and
 * {@code levels.bounds} four comma-separated numbers.
 *
 * <p>Every problem is an {@link IllegalArgumentException} whose message starts with {@code file:line:}
 * and names the key: an unknown key (with the nearest known key when one is close), a key set twice, a
 * line that is not {@code key = value}, a value that does not parse, and any value the parameters'
 * checks reject — also when the user's value clashes with a shipped one (then the user's line is named).
 */
public final class ModelFile {
    /** Classpath resource of the shipped model. */
    public static final String SHIPPED_RESOURCE = "georisk/model/default-model.properties";

    private enum Kind { NUMBER, WHOLE, DURATION, NUMBERS }

    /** Every key the loader knows, in the shipped file's order, with the kind of its value. */
    private static final Map<String, Kind> KEYS = keyTable();

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private static volatile Map<String, Setting> shippedSettings;
    private static volatile ModelParameters shippedModel;

    private ModelFile() {
    }

    /**
     * One line of a model file.
     *
     * @param key     the key
     * @param text    the value as written
     * @param value   the parsed value: Double, Integer, Duration or List of Double
     * @param source  the file's name
     * @param line    the line number, from 1
     * @param shipped whether it comes from the shipped model
     */
    record Setting(String key, String text, Object value, String source, int line, boolean shipped) {
        String where() {
            return source + ":" + line;
        }
    }

    /** The shipped model, read once. */
    public static ModelParameters shipped() {
        ModelParameters model = shippedModel;
        if (model == null) {
            // a race reads the resource twice and keeps equal values: no lock needed
            model = build(shippedSettings());
            shippedModel = model;
        }
        return model;
    }

    /** The model of a user's file laid over the shipped one. */
    public static ModelParameters load(final Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, file.toString());
        } catch (final IOException e) {
            throw unreadable(file, e);
        } catch (final UncheckedIOException e) {
            throw unreadable(file, e.getCause());
        }
    }

    private static IllegalArgumentException unreadable(final Path file, final IOException e) {
        final String why;
        if (e instanceof NoSuchFileException) {
            why = "no such model file";
        } else if (e instanceof AccessDeniedException) {
            why = "cannot read the model file (permission denied)";
        } else if (e instanceof CharacterCodingException) {
            why = "the model file is not UTF-8 text";
        } else if (Files.isDirectory(file)) {
            why = "is a directory, not a model file";
        } else {
            why = "cannot read the model file (" + e.getMessage() + ")";
        }
        return new IllegalArgumentException(file + ": " + why, e);
    }

    /**
     * The model of a user's file laid over the shipped one.
     *
     * @param reader     the file's text
     * @param sourceName how messages name the file, e.g. its path
     */
    public static ModelParameters load(final Reader reader, final String sourceName) {
        shipped();  // a defect of the shipped model is reported as such, not at the user's line
        final Map<String, Setting> settings = new LinkedHashMap<>(shippedSettings());
        settings.putAll(read(reader, sourceName, false));
        return build(settings);
    }

    /** Every key the loader knows, in the shipped file's order. */
    static Set<String> keys() {
        return Collections.unmodifiableSet(KEYS.keySet());
    }

    /** The settings of a file that must set every key, as the shipped model does. */
    static Map<String, Setting> readComplete(final Reader reader, final String sourceName) {
        final Map<String, Setting> settings = read(reader, sourceName, true);
        for (final String key : KEYS.keySet()) {
            if (!settings.containsKey(key)) {
                throw new IllegalArgumentException(sourceName + ": missing key " + key
                        + " (a packaging defect: the shipped model must set every parameter)");
            }
        }
        return settings;
    }

    /** The parameters of a complete set of settings; a rejected value is reported at the line to change. */
    static ModelParameters build(final Map<String, Setting> s) {
        final ModelParameters.Impact impact = group("impact", s, () -> new ModelParameters.Impact(
                number(s, "impact.base-weight"), number(s, "impact.threat-weight"), number(s, "impact.act-weight"),
                number(s, "impact.cooperation-weight"), number(s, "impact.home-acts-weight"),
                number(s, "impact.tariff-magnitude-cap"), number(s, "impact.trade-share-weight"),
                number(s, "impact.attention-base"), number(s, "impact.attention-per-decade"),
                number(s, "impact.attention-cap"), whole(s, "impact.corroboration-sources")));
        final ModelParameters.Tension tension = group("tension", s, () -> new ModelParameters.Tension(
                duration(s, "tension.half-life"), number(s, "tension.baseline"), number(s, "tension.steepness")));
        final ModelParameters.History history = group("history", s, () -> new ModelParameters.History(
                whole(s, "history.baseline-days"), whole(s, "history.min-baseline-days"),
                number(s, "history.min-baseline-std")));
        final ModelParameters.Levels levels = group("levels", s, () -> new ModelParameters.Levels(
                numbers(s, "levels.bounds"), number(s, "levels.hysteresis")));
        final ModelParameters.Alerts alerts = group("alerts", s, () -> new ModelParameters.Alerts(
                number(s, "alerts.jump-points"), duration(s, "alerts.jump-span"), number(s, "alerts.anomaly-z"),
                whole(s, "alerts.min-sources"), number(s, "alerts.min-confidence"), duration(s, "alerts.cooldown"),
                number(s, "alerts.min-driver-points"), duration(s, "alerts.decay-tick")));
        final ModelParameters.Windows windows = group("windows", s, () -> new ModelParameters.Windows(
                duration(s, "windows.grace"), duration(s, "windows.retention")));
        final ModelParameters.Drivers drivers = group("drivers", s, () -> new ModelParameters.Drivers(
                whole(s, "drivers.top"), whole(s, "drivers.tracked")));
        return new ModelParameters(impact, tension, history, levels, alerts, windows, drivers);
    }

    private static Map<String, Kind> keyTable() {
        final Map<String, Kind> k = new LinkedHashMap<>();
        for (final String key : List.of("impact.base-weight", "impact.threat-weight", "impact.act-weight",
                "impact.cooperation-weight", "impact.home-acts-weight", "impact.tariff-magnitude-cap",
                "impact.trade-share-weight", "impact.attention-base", "impact.attention-per-decade",
                "impact.attention-cap")) {
            k.put(key, Kind.NUMBER);
        }
        k.put("impact.corroboration-sources", Kind.WHOLE);
        k.put("tension.half-life", Kind.DURATION);
        k.put("tension.baseline", Kind.NUMBER);
        k.put("tension.steepness", Kind.NUMBER);
        k.put("history.baseline-days", Kind.WHOLE);
        k.put("history.min-baseline-days", Kind.WHOLE);
        k.put("history.min-baseline-std", Kind.NUMBER);
        k.put("levels.bounds", Kind.NUMBERS);
        k.put("levels.hysteresis", Kind.NUMBER);
        k.put("alerts.jump-points", Kind.NUMBER);
        k.put("alerts.jump-span", Kind.DURATION);
        k.put("alerts.anomaly-z", Kind.NUMBER);
        k.put("alerts.min-sources", Kind.WHOLE);
        k.put("alerts.min-confidence", Kind.NUMBER);
        k.put("alerts.cooldown", Kind.DURATION);
        k.put("alerts.min-driver-points", Kind.NUMBER);
        k.put("alerts.decay-tick", Kind.DURATION);
        k.put("windows.grace", Kind.DURATION);
        k.put("windows.retention", Kind.DURATION);
        k.put("drivers.top", Kind.WHOLE);
        k.put("drivers.tracked", Kind.WHOLE);
        return Collections.unmodifiableMap(k);
    }

    private static Map<String, Setting> shippedSettings() {
        Map<String, Setting> settings = shippedSettings;
        if (settings == null) {
            final InputStream in = ModelFile.class.getClassLoader().getResourceAsStream(SHIPPED_RESOURCE);
            if (in == null) {
                throw new IllegalStateException(SHIPPED_RESOURCE + " is not on the classpath (a packaging defect)");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                settings = Collections.unmodifiableMap(readComplete(reader, SHIPPED_RESOURCE));
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read " + SHIPPED_RESOURCE, e);
            }
            shippedSettings = settings;
        }
        return settings;
    }

    /** The settings of one file, in line order; a line that is not a known key with a good value stops it. */
    private static Map<String, Setting> read(final Reader reader, final String source, final boolean shipped) {
        final Map<String, Setting> settings = new LinkedHashMap<>();
        final List<String> lines = new BufferedReader(reader).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            final int number = i + 1;
            final String line = (i == 0 ? lines.get(i).replace("\uFEFF", "") : lines.get(i)).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            final String where = source + ":" + number + ": ";
            final int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + "expected 'key = value', found '" + abbreviate(line) + "'");
            }
            final String key = line.substring(0, eq).strip();
            final String text = line.substring(eq + 1).strip();
            final Kind kind = KEYS.get(key);
            if (kind == null) {
                throw new IllegalArgumentException(where + "unknown key '" + abbreviate(key) + "'" + suggestion(key)
                        .map(s -> " (did you mean " + s + "?)")
                        .orElse(": the model's keys are those of the shipped " + SHIPPED_RESOURCE));
            }
            final Setting first = settings.get(key);
            if (first != null) {
                throw new IllegalArgumentException(where + "duplicate key " + key + " (first set on line " + first.line() + ")");
            }
            if (text.isEmpty()) {
                throw new IllegalArgumentException(where + key + " has no value");
            }
            settings.put(key, new Setting(key, text, parse(kind, text, where + key + " = '" + text + "': "),
                    source, number, shipped));
        }
        return settings;
    }

    private static Object parse(final Kind kind, final String text, final String context) {
        return switch (kind) {
            case NUMBER -> parseNumber(text)
                    .orElseThrow(() -> new IllegalArgumentException(context + "not a number (write it like 2, 0.25 or 1e3)"));
            case WHOLE -> parseWhole(text, context);
            case DURATION -> parseDuration(text, context);
            case NUMBERS -> parseNumbers(text, context);
        };
    }

    private static Optional<Double> parseNumber(final String text) {
        if (!NUMBER.matcher(text).matches()) {
            return Optional.empty();  // rejects what parseDouble would take but no analyst means: NaN, 0x1p3, 2d
        }
        final double value = Double.parseDouble(text);
        return Double.isInfinite(value) ? Optional.empty() : Optional.of(value);
    }

    private static int parseWhole(final String text, final String context) {
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(context + "not a whole number (write it like 3)");
        }
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(context + "too large a number", e);
        }
    }

    private static Duration parseDuration(final String text, final String context) {
        final String hint = "not a duration (write it like 500ms, 30s, 15m, 12h, 30d or ISO-8601 PT12H)";
        final Duration d;
        try {
            final Matcher m = SHORT_DURATION.matcher(text);
            if (m.matches()) {
                final long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(text);
            }
            d.toMillis();  // the model works in milliseconds: a duration beyond them is a typo
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(context + hint, e);
        } catch (final ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(context + "too long a duration", e);
        }
        return d;
    }

    private static List<Double> parseNumbers(final String text, final String context) {
        final String[] items = text.split(",", -1);
        final List<Double> values = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            final int position = i + 1;
            values.add(parseNumber(items[i].strip()).orElseThrow(() -> new IllegalArgumentException(context + "item "
                    + position + " ('" + items[position - 1].strip() + "') is not a number; "
                    + "write comma-separated numbers like 20, 40, 60, 80")));
        }
        return values;
    }

    private static double number(final Map<String, Setting> s, final String key) {
        return (Double) s.get(key).value();
    }

    private static int whole(final Map<String, Setting> s, final String key) {
        return (Integer) s.get(key).value();
    }

    private static Duration duration(final Map<String, Setting> s, final String key) {
        return (Duration) s.get(key).value();
    }

    @SuppressWarnings("unchecked")
    private static List<Double> numbers(final Map<String, Setting> s, final String key) {
        return (List<Double>) s.get(key).value();
    }

    /**
     * Builds one group of parameters. When its checks reject a value, the message gets the line to
     * change: the rejected key's, or — when that value is shipped and the user's file set another key
     * of the group that clashes with it — the user's line.
     */
    static <T> T group(final String name, final Map<String, Setting> s, final Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (final ModelParameterException e) {
            final String message = String.valueOf(e.getMessage());
            // the key and the keys its rule involves come as data: rewording a message cannot lose the line
            final Optional<Setting> rejected = Optional.ofNullable(s.get(e.key()));
            if (rejected.isPresent() && !rejected.get().shipped()) {
                throw new IllegalArgumentException(rejected.get().where() + ": " + message, e);
            }
            // the user's keys of this group, those the rule involves first
            final Optional<Setting> users = s.values().stream()
                    .filter(x -> !x.shipped() && x.key().startsWith(name + "."))
                    .min(Comparator.comparing((Setting x) -> !e.relatedKeys().contains(x.key())).thenComparing(Setting::line));
            if (users.isPresent()) {
                final Setting u = users.get();
                throw new IllegalArgumentException(u.where() + ": " + u.key() + " = " + u.text() + " clashes with the shipped "
                        + rejected.map(r -> r.key() + " (" + r.where() + ")").orElse("model") + ": " + message, e);
            }
            throw new IllegalArgumentException(rejected.map(Setting::where).orElse(name) + ": " + message, e);
        } catch (final IllegalArgumentException e) {
            // a rule that names no key: at least say which group
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** The known key nearest to an unknown one, if it is a likely typo or the right name in the wrong group. */
    static Optional<String> suggestion(final String unknown) {
        final String k = unknown.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        final String name = k.substring(k.lastIndexOf('.') + 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String key : KEYS.keySet()) {
            final int d = key.substring(key.indexOf('.') + 1).equals(name) ? 0 : EditDistance.between(k, key);
            if (d < bestDistance) {
                best = key;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, best.length() / 6) ? Optional.of(best) : Optional.empty();
    }

    private static String abbreviate(final String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
