package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** The {@code nslab} command: subcommands, global options, and the mapping of errors to exit codes. */
@Command(name = "nslab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Builds virtual networks out of Linux namespaces and tells you whether, and why not, "
                + "one namespace can reach another.",
        subcommands = {ValidateCommand.class, PlanCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class,
            PingCommand.class, TraceCommand.class, CheckCommand.class,
            ExecCommand.class, NsCommand.class, SandboxCommand.class, ScriptCommand.class, ImportCommand.class, CleanupCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 a check or probe failed, 2 bad input, 3 environment (privilege, kernel), 4 internal error."})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs {@code nslab args} and returns the exit code; what tests call. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        // picocli's own conversion would quote the JDK's exception: "(java.nio.file.InvalidPathException: ...)"
        cl.registerConverter(java.nio.file.Path.class, Main::path);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> handle(ex, line.getErr(), isDebug(parseResult)));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("nslab: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
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
