package io.nslab.script;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.sandbox.Sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a script the way {@code nslab script} does: with the system's bash, inside a {@link Sandbox} (its
 * own user, PID, mount, network, UTS, IPC and cgroup namespaces, the host's files read-only, private /tmp
 * and /run), either with the simulator's networking tools ({@link ScriptHost} is the sandbox's command, a
 * second JVM that serves them) or with the real ones, for the kernel's side of {@code --compare}. Both
 * sides get {@code sudo}, and a ping without a count interrupted after {@link Settings#interruptAfter()}; both
 * stop at {@link Settings#timeLimit()}, whatever the script does.
 */
public final class ScriptRun {
    /**
     * @param interruptAfter when a ping or traceroute that would not end by itself gets its Ctrl-C (whole seconds)
     * @param timeLimit      when the whole run is stopped
     * @param hostProfile    whether the simulator plays this host's kernel (probed), or one with every link kind and qdisc
     */
    public record Settings(Duration interruptAfter, Duration timeLimit, boolean hostProfile) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(4), Duration.ofSeconds(120), true);

        public Settings {
            if (interruptAfter.toSeconds() < 1 || interruptAfter.toSeconds() > 3600) {
                throw new NslabException(ExitCode.BAD_INPUT, "--interrupt-after " + interruptAfter.toSeconds()
                        + ": from 1 to 3600 seconds");
            }
        }
    }

    /**
     * Where the script's output goes: the terminal (or the writers of {@link #streaming}), one captured text, or
     * stderr while the lab file is captured.
     */
    public enum Io {
        TERMINAL, CAPTURE, IMPORT
    }

    private static final ThreadLocal<java.io.Writer[]> STREAMS = new ThreadLocal<>();

    /**
     * Runs {@code body} with a TERMINAL script's stdout and stderr going to these writers as they come, instead of
     * this process's own (a command line run in a test writes to its own writers).
     */
    public static <T> T streaming(java.io.Writer out, java.io.Writer err, java.util.function.Supplier<T> body) {
        STREAMS.set(new java.io.Writer[] {out, err});
        try {
            return body.get();
        } finally {
            STREAMS.remove();
        }
    }

    private ScriptRun() {
    }

    /** The script on the simulator. With {@link Io#IMPORT}, the output is the lab file named {@code labName}. */
    public static Sandbox.Result simulate(Path cwd, String script, Settings settings, Io io, String labName) {
        java.util.Optional<Sandbox.Result> oneJvm = ScriptSimulator.run(cwd, script, settings, io, labName);
        if (oneJvm.isPresent()) {
            return oneJvm.get();
        }
        List<String> argv = new ArrayList<>(javaCommand());
        argv.addAll(List.of(ScriptHost.class.getName(), io == Io.IMPORT ? "import" : "run",
                Long.toString(settings.interruptAfter().toSeconds()), labName, settings.hostProfile() ? "host" : "full", script));
        Sandbox sandbox = Sandbox.of(cwd, argv).readable(Path.of(script)).limit(settings.timeLimit());
        classPath().forEach(sandbox::readable);
        aotCache().ifPresent(sandbox::readable);
        return launch(sandbox, io);
    }

    /** The script for real: the kernel's tools in a sandbox of its own. */
    public static Sandbox.Result kernel(Path cwd, String script, Settings settings, Io io) {
        List<String> argv = ScriptHost.prelude("kernel", settings.interruptAfter(), List.of(script));
        Sandbox sandbox = Sandbox.of(cwd, argv).readable(Path.of(script)).limit(settings.timeLimit());
        return launch(sandbox, io);
    }

    static Sandbox.Result launch(Sandbox sandbox, Io io) {
        String problem = Sandbox.userNamespaceProblem();
        if (problem != null) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab script: the script runs in a sandbox, which needs a user "
                    + "namespace: " + problem);
        }
        return switch (io) {
            case TERMINAL -> STREAMS.get() == null ? sandbox.interactive() : sandbox.stream(STREAMS.get()[0], STREAMS.get()[1]);
            case CAPTURE -> sandbox.capture();
            case IMPORT -> sandbox.captureStdout();
        };
    }

    /** What a captured run printed, then how it ended: {@code [exit N]}, or that the time limit stopped it. */
    public static String transcript(Sandbox.Result r, Settings settings) {
        return r.output() + (r.stopped() ? "[stopped after " + settings.timeLimit().toSeconds() + " s: --time-limit]\n"
                : "[exit " + r.status() + "]\n");
    }

    /** This JVM's java, with the flags that matter to a short command serving tool calls, and its class path. */
    static List<String> javaCommand() {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-XX:CompileThresholdScaling=0.3", "-XX:CompileCommand=quiet", "-XX:CompileCommand=exclude,jdk.internal.classfile.*::*",
                "-Xlog:aot=off", "-Xlog:cds=off")); // the launcher's flags for script
        aotCache().ifPresent(c -> argv.add("-XX:AOTCache=" + c));
        String builtin = System.getProperty(ToolFiles.BUILTIN_PROPERTY);
        if (builtin != null) { // the simulator's JVM installs the tools as this one was told (ToolFiles)
            argv.add("-D" + ToolFiles.BUILTIN_PROPERTY + "=" + builtin);
        }
        argv.add("-cp");
        argv.add(String.join(File.pathSeparator, classPath().stream().map(Path::toString).toList()));
        return argv;
    }

    /** The class path this JVM runs from (under Maven's surefire, the tests' own rather than its booter's). */
    static List<Path> classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path", ""));
        List<Path> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                out.add(Path.of(e).toAbsolutePath());
            }
        }
        return out;
    }

    /** The ahead-of-time cache this JVM was started with, if any: the second JVM starts sooner with it. */
    static java.util.Optional<Path> aotCache() {
        for (String a : ProcessHandle.current().info().arguments().orElse(new String[0])) {
            if (a.startsWith("-XX:AOTCache=")) {
                Path p = Path.of(a.substring("-XX:AOTCache=".length())).toAbsolutePath();
                if (Files.isRegularFile(p)) {
                    return java.util.Optional.of(p);
                }
            }
        }
        return java.util.Optional.empty();
    }
}
