package georisk.cli;

import georisk.config.SettingException;
import georisk.serde.AvroLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * The {@code georisk} command line: the only place that reads flags and environment variables and
 * wires the packages together.
 */
@Command(name = "georisk", mixinStandardHelpOptions = true, versionProvider = GeoriskCommand.Version.class,
        description = {"georisk turns geopolitical events (tariffs, statements, visits, detentions, agreements, "
                + "trade data) published to Kafka into rolling, explainable risk scores per country pair.", ""},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Start with 'georisk demo --once' (no Kafka needed). Run 'georisk COMMAND --help' for a command's "
                + "options; every option can also be set with the GEORISK_* environment variable it names."},
        subcommands = {DemoCommand.class, TopicsCommand.class, RunCommand.class, ProduceCommand.class,
                ImportGdeltCommand.class, LoadCommand.class, BenchApiCommand.class, CommandLine.HelpCommand.class})
public final class GeoriskCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

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
        final CommandLine cl = new CommandLine(new GeoriskCommand());
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

    /** Version from the jar manifest (set by Maven). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String v = GeoriskCommand.class.getPackage().getImplementationVersion();
            return new String[] {"georisk " + (v == null ? "(development build)" : v)};
        }
    }
}
