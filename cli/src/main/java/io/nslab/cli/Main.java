package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code nslab} command: subcommands, global options, and the mapping of errors to exit codes. Its own picocli
 * model is written in code ({@link CodedSpec}), as script's and import's are, so that a script starts without picocli
 * reading annotations; the other commands' models come from their annotations.
 */
public final class Main implements Runnable {

    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        java.util.OptionalInt rootless;
        try {
            rootless = io.nslab.rootless.RootlessLaunch.run(args, System.err);
        } catch (NslabException e) {
            System.err.println(e.getMessage());
            System.exit(e.exitCode().code());
            return;
        }
        if (rootless.isPresent()) {
            System.exit(rootless.getAsInt());
        }
        args = io.nslab.rootless.RootlessLaunch.withoutOption(args);
        LabFiles.readAhead(args);
        DowncallsAhead.start(args);
        processOut = System.out;
        processErr = System.err;
        System.exit(execute(args));
    }

    private static volatile java.io.PrintStream processOut;
    private static volatile java.io.PrintStream processErr;

    /**
     * Whether the commands write to this process's own stdout and stderr (run from {@link #main}, and neither
     * replaced since, as aot-train does), not to writers a test set: a child may then write to the same
     * descriptors itself, and its output keeps its order.
     */
    static boolean onProcessStreams() {
        return processOut != null && System.out == processOut && System.err == processErr;
    }

    /** Runs {@code nslab args} and returns the exit code; what tests call. */
    public static int execute(String... args) {
        CommandLine cl = commandLine(args);
        try {
            return cl.execute(args);
        } finally {
            // a command that ends with print rather than println would lose its last line at System.exit
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /**
     * The subcommands, in the order help lists them. Each is made only when needed: picocli reads a command's
     * annotations by reflection when it is added, which for all of them costs more than a small command's work.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("validate", ValidateCommand::new);
        m.put("plan", PlanCommand::new);
        m.put("up", UpCommand::new);
        m.put("down", DownCommand::new);
        m.put("status", StatusCommand::new);
        m.put("ping", PingCommand::new);
        m.put("trace", TraceCommand::new);
        m.put("probe", ProbeCommand::new);
        m.put("check", CheckCommand::new);
        m.put("capture", CaptureCommand::new);
        m.put("graph", GraphCommand::new);
        m.put("report", ReportCommand::new);
        m.put("exec", ExecCommand::new);
        m.put("link", LinkCommand::new);
        m.put("partition", PartitionCommand::new);
        m.put("heal", HealCommand::new);
        m.put("impair", ImpairCommand::new);
        m.put("shell", ShellCommand::new);
        m.put("logs", LogsCommand::new);
        m.put("ns", NsCommand::new);
        m.put("sandbox", SandboxCommand::new);
        m.put("script", () -> new ScriptCommand().spec());
        m.put("import", () -> new ImportCommand().spec());
        m.put("cleanup", CleanupCommand::new);
        m.put("new", NewCommand::new);
        m.put("completion", CompletionCommand::new);
        m.put("man", ManCommand::new);
        m.put("aot-train", AotTrainCommand::new);
        return m;
    }

    /** The whole command, every subcommand included. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command as far as {@code args} need it: only the subcommand they name, or all of them when they
     * name none (help, the version, a mistyped name that deserves suggestions).
     */
    static CommandLine commandLine(String... args) {
        Main main = new Main();
        CommandLine.Model.CommandSpec top = CodedSpec.command(main, "nslab").versionProvider(new VersionProvider());
        top.usageMessage().description("Builds virtual networks out of Linux namespaces and tells you whether, and why not, "
                + "one namespace can reach another.")
                .footer("", "Exit codes: 0 ok, 1 a check or probe failed, 2 bad input, 3 environment (privilege, kernel), 4 internal error.");
        top.addOption(CommandLine.Model.OptionSpec.builder("--debug").type(boolean.class).scopeType(CommandLine.ScopeType.INHERIT)
                .description("Print stack traces of errors.").build());
        CodedSpec.standardHelp(top);
        main.spec = top;
        CommandLine cl = new CommandLine(top);
        String named = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
        if (named != null && COMMANDS.containsKey(named)) {
            cl.addSubcommand(named, COMMANDS.get(named).get());
        } else {
            COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
            // Not in the map: a lambda made from a picocli class breaks JDK 25's AOT cache (picocli's classes,
            // compiled for Java 5, cannot be archived, and the lambda would point at one).
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        // picocli's own conversion would quote the JDK's exception: "(java.nio.file.InvalidPathException: ...)"
        cl.registerConverter(java.nio.file.Path.class, Main::path);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> handle(ex, line.getErr(), isDebug(parseResult)));
        cl.setParameterExceptionHandler((ex, given) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            List<String> words = Arrays.asList(given);
            Optional<String> habit = ex.getCommandLine() == cl && ex instanceof CommandLine.UnmatchedArgumentException
                    ? Habits.command(words).flatMap(Habits::answer) : Optional.empty();
            if (habit.isPresent()) {
                err.println("nslab: " + habit.get());
            } else {
                err.println("nslab: " + ex.getMessage());
                Optional<String> dashes = ex instanceof CommandLine.UnmatchedArgumentException
                        ? CommandArgs.dashesHint(ex.getCommandLine().getCommandSpec(), words) : Optional.empty();
                if (dashes.isPresent()) {
                    err.println(dashes.get());
                } else {
                    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
                }
            }
            err.println("Try `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help` for more information.");
            return ExitCode.BAD_INPUT.code();
        });
        return cl;
    }

    private static java.nio.file.Path path(String s) {
        try {
            return java.nio.file.Path.of(s);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CommandLine.TypeConversionException("\"" + io.nslab.MessageText.oneLine(s) + "\" is not a file name: "
                    + e.getReason().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static boolean isDebug(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    static int handle(Exception ex, PrintWriter err, boolean debug) {
        if (ex instanceof NslabException n) {
            err.println(n.getMessage());
            if (debug) {
                n.printStackTrace(err);
            }
            err.flush();
            return n.exitCode().code();
        }
        err.println("nslab: internal error: " + ex + (debug ? "" : " (run with --debug for the stack trace)"));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL.code();
    }
}
