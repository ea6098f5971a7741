package georisk.cli;

import georisk.config.SettingException;
import picocli.AutoComplete;
import georisk.runtime.BuildInfo;
import georisk.serde.AvroLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code georisk} command line: the only place that reads flags and environment variables and
 * wires the packages together.
 */
@Command(name = "georisk", mixinStandardHelpOptions = true, versionProvider = GeoriskCommand.Version.class,
        description = {"georisk turns geopolitical events (tariffs, statements, visits, detentions, agreements, "
                + "trade data) published to Kafka into rolling, explainable risk scores per country pair.", ""},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Start with 'georisk demo --once' (no Kafka needed). Run 'georisk COMMAND --help' for a command's "
                + "options; every option can also be set with the GEORISK_* environment variable it names, or as "
                + "georisk.<option> in a --config file. Shell completion: source <(georisk completion)."},
        subcommands = {DemoCommand.class, TopicsCommand.class, RunCommand.class, ProduceCommand.class,
                ExposuresCommand.class,
                ImportGdeltCommand.class, LoadCommand.class, BenchApiCommand.class, BenchPipelineCommand.class,
                BacktestCommand.class,
                CommandLine.HelpCommand.class})
public final class GeoriskCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The exit statuses every command shares, shown in its help unless it states its own. */
    static final Map<String, String> EXIT_CODES = exitCodes(
            "0", "success",
            "1", "a failure while running (Kafka or the registry unreachable, a topic missing, ...)",
            "2", "bad options, settings or files (the message names which)");

    /** Entry point of the fat jar. */
    public static void main(final String[] args) {
        // before anything loads an Avro class: Avro reads its allocation limits once, at class loading
        AvroLimits.apply();
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line. A bad flag or setting is reported in one line, with a pointer to
     * the command's help, instead of the whole usage text or a stack trace.
     */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /**
     * The command line with options read from {@code env} (and the {@code --config} file) where no flag
     * gives them: see {@link ConfigSources}.
     */
    static CommandLine commandLine(final Map<String, String> env) {
        final CommandLine cl = new CommandLine(new GeoriskCommand());
        final CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script for georisk: source <(georisk completion), or save "
                        + "it as /etc/bash_completion.d/georisk.");
        cl.addSubcommand("completion", completion);
        cl.setDefaultValueProvider(new ConfigSources(env));
        stateExitCodes(cl);
        cl.setParameterExceptionHandler((ex, args) -> {
            final PrintWriter err = ex.getCommandLine().getErr();
            err.println("georisk: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            final PrintWriter err = commandLine.getErr();
            if (ex instanceof SettingException) {
                err.println("georisk: " + ex.getMessage());
                err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
                err.flush();
                return 2;
            }
            err.println("georisk: " + oneLine(ex));
            err.flush();
            return 1;
        });
        return cl;
    }

    /**
     * The first message that says something, skipping wrappers: e.g. "Port 9092 on 127.0.0.1 is already in
     * use: ...". Only its first line, so that start-up failures stay one line.
     */
    private static String oneLine(final Throwable ex) {
        Throwable t = ex;
        while ((t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        final String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }

    /** Every command's help lists its exit statuses: its own if it states them, else {@link #EXIT_CODES}. */
    private static void stateExitCodes(final CommandLine root) {
        final Deque<CommandLine> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            final CommandLine cl = todo.pop();
            final CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
            if (usage.exitCodeList().isEmpty()) {
                usage.exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_CODES);
            }
            todo.addAll(cl.getSubcommands().values());
        }
    }

    private static Map<String, String> exitCodes(final String... codeAndMeaning) {
        final Map<String, String> codes = new LinkedHashMap<>();
        for (int i = 0; i < codeAndMeaning.length; i += 2) {
            codes.put(" " + codeAndMeaning[i], codeAndMeaning[i + 1]);
        }
        return codes;
    }

    /** Version from the jar manifest (set by Maven). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"georisk " + BuildInfo.version()};
        }
    }
}
