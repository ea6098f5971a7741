package georisk.config;

/**
 * A setting with a bad value. {@link #setting()} is the setting's name in kebab case — the CLI flag
 * without its dashes ({@code --partitions}) and, upper-cased with a {@code GEORISK_} prefix, its
 * environment variable ({@code GEORISK_PARTITIONS}) — so the message can name both.
 */
public final class SettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String setting;

    public SettingException(final String setting, final Object value, final String rule) {
        this(setting, envName(setting), value, rule);
    }

    /** For a setting whose environment variable is not {@link #envName}, e.g. a list in a plural name. */
    public SettingException(final String setting, final String env, final Object value, final String rule) {
        super("--" + setting + " (" + env + ") = '" + value + "': " + rule);
        this.setting = setting;
    }

    /**
     * A setting that is a flag only, with no environment variable (the benches' and generators' options):
     * the message names the flag alone, so that nobody sets a variable that nothing reads.
     */
    public static SettingException flag(final String setting, final Object value, final String rule) {
        return new SettingException(setting, "--" + setting + " = '" + value + "': " + rule);
    }

    private SettingException(final String setting, final String message) {
        super(message);
        this.setting = setting;
    }

    /**
     * A setting that is not one option, e.g. a client property from the {@code --config} file or the
     * environment: {@code message} names it and says what is wrong, and is used as it is.
     */
    public static SettingException of(final String setting, final String message) {
        return new SettingException(setting, message);
    }

    /** The setting's kebab-case name. */
    public String setting() {
        return setting;
    }

    /** The environment variable of a setting: {@code bootstrap-servers} → {@code GEORISK_BOOTSTRAP_SERVERS}. */
    public static String envName(final String setting) {
        return "GEORISK_" + setting.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
