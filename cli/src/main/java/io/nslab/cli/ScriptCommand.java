package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.InputFiles;
import io.nslab.NslabException;
import io.nslab.sandbox.Sandbox;
import io.nslab.script.Mask;
import io.nslab.script.ScriptRun;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code nslab script FILE.sh [--kernel|--compare]}: a shell script run by the system's bash in a sandbox, with
 * the simulator's networking tools (no root needed), with the real ones, or both with a diff of what they printed.
 * Its picocli model is written in code ({@link CodedSpec}): it is on the way to the script's first line.
 */
final class ScriptCommand implements Callable<Integer> {
    /** timeout(1)'s status for a command it stopped. */
    static final int STOPPED = 124;

    private final CommandSpec spec = CodedSpec.command(this, "script");
    private final PositionalParamSpec fileArg = CodedSpec.required(String.class, "FILE.sh", "The script.");
    private final OptionSpec kernelOption = CodedSpec.flag("--kernel", "Run it with the real tools instead, on the kernel, in the sandbox.");
    private final OptionSpec compareOption = CodedSpec.flag("--compare", "Run it in both worlds and print a diff of the outputs, "
            + "times, MAC addresses and interface ids masked.");
    private final OptionSpec interruptAfterOption = interruptAfter("A ping without -c or -w gets its Ctrl-C after this many "
            + "seconds, as from a person watching it: SECONDS requests, then iputils' statistics (default: ${DEFAULT-VALUE}).");
    private final OptionSpec timeLimitOption = timeLimit("Stop the script, and every process it started, after this long "
            + "(default: ${DEFAULT-VALUE}).");
    private final OptionSpec kernelProfileOption = kernelProfile();

    ScriptCommand() {
        spec.usageMessage().description("Run a shell script with the system's bash, contained in a sandbox (its own user, PID, "
                + "mount and network namespaces, the host's files read-only, private /tmp and /run), whose networking tools are "
                + "the simulator's: ip, route, sysctl, ping, traceroute, nsenter --net and sudo, under any path they are called "
                + "by, and /proc/sys/net. Its root namespace starts like a fresh host's (lo up, forwarding off).",
            "Exit status: the script's; 124 when --time-limit stopped it; with --compare, 0 when both worlds printed "
                + "the same, 1 when not.");
        spec.addPositional(fileArg);
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("0..1").addArg(kernelOption).addArg(compareOption).build());
        spec.addOption(interruptAfterOption);
        spec.addOption(timeLimitOption);
        spec.addOption(kernelProfileOption);
        CodedSpec.standardHelp(spec);
    }

    /** The command's model, which nslab's takes as its subcommand {@code script}. */
    CommandSpec spec() {
        return spec;
    }

    /** --interrupt-after SECONDS, 4 by default (script's and import's). */
    static OptionSpec interruptAfter(String description) {
        return CodedSpec.valued(long.class, "SECONDS", "--interrupt-after").defaultValue("4").description(description).build();
    }

    /** --time-limit SECONDS, 120 by default. */
    static OptionSpec timeLimit(String description) {
        return CodedSpec.valued(long.class, "SECONDS", "--time-limit").defaultValue("120").description(description).build();
    }

    /** --kernel-profile host|full, host by default. */
    static OptionSpec kernelProfile() {
        return CodedSpec.valued(String.class, "host|full", "--kernel-profile").defaultValue("host").description("The kernel the "
                + "simulator plays: this host's, probed in the sandbox (a link kind or qdisc it lacks is refused as it refuses "
                + "it), or one with every link kind and qdisc (default: ${DEFAULT-VALUE}).").build();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String file = fileArg.getValue();
        long timeLimit = timeLimitOption.<Long>getValue();
        boolean kernel = Boolean.TRUE.equals(kernelOption.getValue());
        read(file);
        ScriptRun.Settings settings = settings(interruptAfterOption.<Long>getValue(), timeLimit, kernelProfileOption.getValue());
        Path cwd = Path.of("").toAbsolutePath();
        if (Boolean.TRUE.equals(compareOption.getValue())) {
            Sandbox.Result real = ScriptRun.kernel(cwd, file, settings, ScriptRun.Io.CAPTURE);
            Sandbox.Result sim = ScriptRun.simulate(cwd, file, settings, ScriptRun.Io.CAPTURE, "-");
            String diff = Mask.diff("kernel", ScriptRun.transcript(real, settings), "simulator", ScriptRun.transcript(sim, settings));
            if (diff.isEmpty()) {
                // the same crash on both sides is no difference, but says little of the simulator: said so
                String signal = real.status() > 128 && !real.stopped() ? "; both runs ended by signal " + (real.status() - 128)
                        + " (exit " + real.status() + "): the script's shell was killed, or crashed" : "";
                out.println(file + ": no difference between the kernel and the simulator" + signal);
                return 0;
            }
            out.print(diff);
            out.flush();
            return 1;
        }
        java.util.function.Supplier<Sandbox.Result> run = () -> kernel ? ScriptRun.kernel(cwd, file, settings, ScriptRun.Io.TERMINAL)
                : ScriptRun.simulate(cwd, file, settings, ScriptRun.Io.TERMINAL, "-");
        out.flush();
        err.flush();
        // The script writes to nslab's own descriptors, so that its stdout and stderr interleave as bash wrote them
        // (two pipes copied by two threads would split "touch: cannot touch 'x': ..." around an echo). A test's
        // writers get the output through pipes instead (stdin stays the terminal's).
        Sandbox.Result r = Main.onProcessStreams() ? run.get() : ScriptRun.streaming(out, err, run);
        if (r.stopped()) {
            err.println("nslab script: " + file + " stopped after " + timeLimit + " s (--time-limit)");
            return STOPPED;
        }
        return r.status();
    }

    static ScriptRun.Settings settings(long interruptAfter, long timeLimit, String kernelProfile) {
        if (timeLimit < 1) {
            throw new NslabException(ExitCode.BAD_INPUT, "--time-limit " + timeLimit + ": at least 1 second");
        }
        if (!kernelProfile.equals("host") && !kernelProfile.equals("full")) {
            throw new NslabException(ExitCode.BAD_INPUT, "--kernel-profile " + kernelProfile + ": host or full");
        }
        return new ScriptRun.Settings(Duration.ofSeconds(interruptAfter), Duration.ofSeconds(timeLimit), kernelProfile.equals("host"));
    }

    /** Scripts far longer than any setup script are refused; so is a device with no end, like /dev/zero. */
    static final int MAX_SCRIPT_BYTES = 16 * 1024 * 1024;

    /** Checks that the script is a readable file of at most {@link #MAX_SCRIPT_BYTES}, before a sandbox starts for it. */
    static void read(String file) {
        try {
            if (Files.isDirectory(Path.of(file))) {
                throw new NslabException(ExitCode.BAD_INPUT, file + ": a directory, not a script");
            }
            InputFiles.Bytes bytes = InputFiles.read(Path.of(file), MAX_SCRIPT_BYTES);
            if (bytes.truncated()) {
                throw new NslabException(ExitCode.BAD_INPUT, file + ": more than " + MAX_SCRIPT_BYTES + " bytes; nslab reads scripts up to that size");
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NslabException(ExitCode.BAD_INPUT, file + ": no such file");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab script: cannot read " + file + ": " + e.getMessage());
        }
    }
}
