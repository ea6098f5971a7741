package georisk.cli;

import georisk.config.SettingException;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where every option's value comes from when it is not on the command line: picocli asks this provider
 * for each option it did not see, so the precedence is <b>flag &gt; environment &gt; {@code --config} file
 * &gt; built-in default</b>.
 * <ul>
 *   <li>Environment: {@code GEORISK_<OPTION>} ({@code --state-dir} → {@code GEORISK_STATE_DIR}; an option whose
 *       default names another variable, like {@code demo --port}'s {@code GEORISK_DEMO_PORT}, uses that one).</li>
 *   <li>File ({@code --config FILE}, or {@code GEORISK_CONFIG}): Java properties. {@code georisk.<option>} with
 *       dots for dashes ({@code georisk.state.dir}) sets an option; {@code bootstrap.servers} and
 *       {@code schema.registry.url} set {@code --bootstrap-servers} and {@code --schema-registry-url}; every
 *       other key is a client property (below). An unknown {@code georisk.*} key stops start-up.</li>
 * </ul>
 * Client properties, for {@link ConnectionOptions}, come from the file, then the environment, then
 * {@code --kafka-config}, each layer winning over the one before: {@code GEORISK_KAFKA_<NAME>} is the Kafka
 * client property {@code <name>} (as the Confluent images map {@code KAFKA_*}: lower case, {@code _} → {@code .},
 * {@code __} → {@code _}, {@code ___} → {@code -}), and {@code GEORISK_SCHEMA_REGISTRY_*},
 * {@code GEORISK_BASIC_AUTH_*}, {@code GEORISK_BEARER_AUTH_*}, {@code GEORISK_AUTO_REGISTER_SCHEMAS} and
 * {@code GEORISK_USE_LATEST_VERSION} are the registry client's ({@code GEORISK_BASIC_AUTH_USER_INFO} →
 * {@code basic.auth.user.info}). The registry's properties are split from Kafka's by name.
 */
final class ConfigSources implements CommandLine.IDefaultValueProvider {
    /** The option that names the properties file. */
    static final String CONFIG_OPTION = "--config";
    /** Its environment variable. */
    static final String CONFIG_ENV = "GEORISK_CONFIG";
    /** Prefix of Kafka client properties in the environment. */
    static final String KAFKA_ENV_PREFIX = "GEORISK_KAFKA_";
    /** Prefix of georisk's own settings in the file. */
    static final String FILE_PREFIX = "georisk.";

    /** Options whose key in the file is the Kafka or Confluent property of the same meaning. */
    private static final Map<String, String> CLIENT_NAMED = Map.of(
            "bootstrap-servers", "bootstrap.servers",
            "schema-registry-url", "schema.registry.url");
    private static final Pattern ENV_IN_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");

    private final Map<String, String> env;
    private final Map<Path, Properties> files = new ConcurrentHashMap<>();

    /** @param env the process environment ({@code System.getenv()}, or a map in tests) */
    ConfigSources(final Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Client properties, split between the Kafka clients and the schema registry client. */
    record ClientProperties(Map<String, String> kafka, Map<String, String> registry) {
    }

    @Override
    public String defaultValue(final ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp() || option.isMultiValue()) {
            return null;
        }
        final String name = settingName(option);
        if (CONFIG_OPTION.equals(option.longestName())) {
            return env.get(CONFIG_ENV);
        }
        final String fromEnv = env.get(envName(option));
        if (fromEnv != null) {
            return fromEnv;
        }
        if ("bootstrap-servers".equals(name) && env.containsKey(KAFKA_ENV_PREFIX + "BOOTSTRAP_SERVERS")) {
            return env.get(KAFKA_ENV_PREFIX + "BOOTSTRAP_SERVERS");
        }
        final Properties file = file(option.command());
        if (file != null) {
            final String value = file.getProperty(fileKey(name));
            if (value != null) {
                return value.strip();
            }
        }
        return null;
    }

    /**
     * The client properties of {@code command}: its {@code --config} file's, the environment's, then
     * {@code flags} ({@code --kafka-config}), later ones winning.
     */
    ClientProperties clientProperties(final CommandSpec command, final Map<String, String> flags) {
        final Map<String, String> merged = new LinkedHashMap<>();
        final Properties file = file(command);
        if (file != null) {
            for (final String key : new TreeSet<>(file.stringPropertyNames())) {
                if (!key.startsWith(FILE_PREFIX) && !CLIENT_NAMED.containsValue(key)) {
                    merged.put(key, file.getProperty(key).strip());
                }
            }
        }
        for (final Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
            final String var = e.getKey();
            if (var.startsWith(KAFKA_ENV_PREFIX) && var.length() > KAFKA_ENV_PREFIX.length()) {
                final String key = propertyName(var.substring(KAFKA_ENV_PREFIX.length()));
                if (!"bootstrap.servers".equals(key)) {
                    merged.put(key, e.getValue());
                }
            } else if (var.startsWith("GEORISK_")) {
                final String key = propertyName(var.substring("GEORISK_".length()));
                if (isRegistryProperty(key) && !"schema.registry.url".equals(key)) {
                    merged.put(key, e.getValue());
                }
            }
        }
        merged.putAll(flags);
        final Map<String, String> kafka = new LinkedHashMap<>();
        final Map<String, String> registry = new LinkedHashMap<>();
        merged.forEach((k, v) -> (isRegistryProperty(k) ? registry : kafka).put(k, v));
        return new ClientProperties(kafka, registry);
    }

    /** True for the properties of the schema registry client rather than of Kafka's. */
    static boolean isRegistryProperty(final String key) {
        return key.startsWith("schema.registry.") || key.startsWith("basic.auth.") || key.startsWith("bearer.auth.")
                || "auto.register.schemas".equals(key) || "use.latest.version".equals(key);
    }

    /** {@code SASL_JAAS_CONFIG} → {@code sasl.jaas.config}; {@code __} → {@code _}, {@code ___} → {@code -}. */
    static String propertyName(final String envSuffix) {
        return envSuffix.toLowerCase(Locale.ROOT)
                .replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
                .replace('\u0001', '-').replace('\u0002', '_');
    }

    /** The option's key in the file: {@code georisk.state.dir}, or its Kafka/Confluent name. */
    static String fileKey(final String settingName) {
        return CLIENT_NAMED.getOrDefault(settingName, FILE_PREFIX + settingName.replace('-', '.'));
    }

    /** The option's environment variable: the one its default names, else {@code GEORISK_<NAME>}. */
    static String envName(final OptionSpec option) {
        final String annotated = option.defaultValue();
        if (annotated != null) {
            final Matcher m = ENV_IN_DEFAULT.matcher(annotated);
            if (m.find()) {
                return m.group(1);
            }
        }
        return SettingException.envName(settingName(option));
    }

    private static String settingName(final OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** The properties file that applies to {@code command}: its {@code --config}, else {@code GEORISK_CONFIG}. */
    private Properties file(final CommandSpec command) {
        final OptionSpec config = command == null ? null : command.findOption(CONFIG_OPTION);
        Object given = config == null ? null : config.getValue();
        if (given == null && config != null) {
            given = env.get(CONFIG_ENV);
        }
        if (given == null || given.toString().isBlank()) {
            return null;
        }
        final Path path;
        try {
            path = Path.of(given.toString().strip());
        } catch (final InvalidPathException e) {
            throw bad(command, given.toString(), "not a path");
        }
        return files.computeIfAbsent(path, p -> load(command, p));
    }

    private Properties load(final CommandSpec command, final Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw bad(command, path.toString(), Files.exists(path) ? "not a readable file" : "no such file");
        }
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (final IOException | IllegalArgumentException e) {
            throw bad(command, path.toString(), "cannot be read as properties: " + e.getMessage());
        }
        final Set<String> known = knownFileKeys(command);
        for (final String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith(FILE_PREFIX) && !known.contains(key)) {
                throw bad(command, path.toString(), "'" + key + "' is not a georisk setting (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return p;
    }

    /** The {@code georisk.*} keys of every option of every command, so that one file can serve them all. */
    private static Set<String> knownFileKeys(final CommandSpec command) {
        final Set<String> keys = new TreeSet<>();
        final Deque<CommandSpec> todo = new ArrayDeque<>();
        todo.add(command.root());
        while (!todo.isEmpty()) {
            final CommandSpec spec = todo.pop();
            for (final OptionSpec option : spec.options()) {
                keys.add(FILE_PREFIX + settingName(option).replace('-', '.'));
            }
            spec.subcommands().values().forEach(sub -> todo.add(sub.getCommandSpec()));
        }
        return keys;
    }

    private static CommandLine.ParameterException bad(final CommandSpec command, final String value, final String why) {
        return new CommandLine.ParameterException(command.commandLine(),
                CONFIG_OPTION + " (" + CONFIG_ENV + ") = '" + value + "': " + why);
    }
}
