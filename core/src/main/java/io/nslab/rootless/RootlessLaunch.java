package io.nslab.rootless;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How an ordinary user's command reaches real namespaces: the same {@code nslab} command runs again inside the
 * user's {@link LabHolder} (its user and mount namespaces, where the user is root), with the lab's namespaces
 * and records in the user's {@link RootlessHome}. The kernel world's code path is the same as root's; only where
 * namespaces live and how they are entered differs.
 *
 * <p>{@code up} starts the holder; the last lab's {@code down} (or a {@code cleanup} that leaves none) ends it.
 * Other commands, with no holder running, run in a throwaway user namespace and find no lab.
 */
public final class RootlessLaunch {
    /** Set, to the home directory, in a command that runs inside a holder. */
    public static final String INSIDE_ENV = "NSLAB_ROOTLESS_INSIDE";
    /** The option that makes root, too, build a rootless lab. */
    public static final String OPTION = "--rootless";

    private static final Set<String> KERNEL_COMMANDS = Set.of("up", "down", "plan", "status", "ping", "trace", "check", "capture", "exec", "shell", "logs", "ns", "cleanup");
    private static final Set<String> ENDS_HOLDER = Set.of("up", "down", "cleanup");

    private RootlessLaunch() {
    }

    /** The home of the rootless labs when this command runs inside a holder. */
    public static Optional<RootlessHome> inside() {
        String home = System.getenv(INSIDE_ENV);
        return home == null || home.isEmpty() ? Optional.empty() : Optional.of(new RootlessHome(Path.of(home)));
    }

    /**
     * How many ids above 0 the user namespace of the holder this command runs in maps (the user's subordinate range,
     * {@link SubordinateIds}); 0 when it maps the user's uid alone, or outside a holder.
     */
    public static long subordinateIds() {
        return inside().isPresent() ? SubordinateIds.mappedAboveRoot() : 0;
    }

    /** The arguments without {@value #OPTION}, which only this launcher reads. */
    public static String[] withoutOption(String[] args) {
        return Arrays.stream(args).filter(a -> !a.equals(OPTION)).toArray(String[]::new);
    }

    /**
     * Runs {@code args} rootless in a child when this command should (a kernel command by a user who is not root,
     * or with {@value #OPTION}) and returns its exit code; empty when the command runs here, as it is.
     */
    public static OptionalInt run(String[] args, PrintStream err) {
        if (inside().isPresent()) {
            return OptionalInt.empty();
        }
        List<String> given = List.of(args);
        boolean forced = given.contains(OPTION);
        String command = given.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (!KERNEL_COMMANDS.contains(command) || given.contains("--sim") || given.contains("--help") || given.contains("-h")
                || (!forced && RootlessHome.currentUid() == 0)) {
            return OptionalInt.empty();
        }
        RootlessHome home = RootlessHome.ofCurrentUser(System.getenv());
        Optional<LabHolder> holder = LabHolder.running(home);
        if (holder.isEmpty() && LabHolder.ended(home)) {
            List<String> labs = LabHolder.labs(home);
            LabHolder.forget(home);
            if (!labs.isEmpty()) {
                err.println("nslab: the holder of your rootless labs had ended, and " + String.join(", ", labs)
                        + (labs.size() == 1 ? " ended" : " all ended") + " with it; their records are removed");
            }
        }
        if (holder.isEmpty()) {
            LabHolder.endStrays(home);
        }
        if (holder.isEmpty() && command.equals("up")) {
            holder = Optional.of(LabHolder.start(home));
        }
        List<String> argv = new ArrayList<>();
        if (holder.isPresent()) {
            argv.addAll(List.of("nsenter", "--target", Long.toString(holder.get().pid()), "--user", "--mount", "--net", "--pid", "--preserve-credentials",
                    "--wd=" + Path.of("").toAbsolutePath(), "--"));
        } else {
            // no lab runs: a user namespace of the moment answers as an empty world would
            argv.addAll(List.of("unshare", "--user", "--map-root-user", "--net", "--"));
        }
        argv.addAll(javaCommand(args));
        if (System.getenv("NSLAB_DEBUG_ROOTLESS") != null) {
            err.println("nslab: rootless: " + String.join(" ", argv));
        }
        int code = runChild(argv, home);
        if (holder.isPresent() && ENDS_HOLDER.contains(command) && LabHolder.labs(home).isEmpty()) {
            holder.get().stop(home);
        }
        return OptionalInt.of(code);
    }

    /** The command line of this JVM with {@code args} (without {@value #OPTION}) in place of its own. */
    private static List<String> javaCommand(String[] args) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        String java = info.command().orElseThrow(() -> new NslabException(ExitCode.INTERNAL, "nslab: cannot read this JVM's command"));
        String[] all = info.arguments().orElseThrow(() -> new NslabException(ExitCode.INTERNAL, "nslab: cannot read this JVM's arguments"));
        if (all.length < args.length || !Arrays.equals(Arrays.copyOfRange(all, all.length - args.length, all.length), args)) {
            throw new NslabException(ExitCode.INTERNAL, "nslab: this JVM's arguments do not end with the command's");
        }
        List<String> out = new ArrayList<>();
        out.add(java);
        out.addAll(Arrays.asList(all).subList(0, all.length - args.length));
        out.addAll(List.of(withoutOption(args)));
        return out;
    }

    private static int runChild(List<String> argv, RootlessHome home) {
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        Map<String, String> env = pb.environment();
        env.put(INSIDE_ENV, home.dir().toString());
        env.remove(LabHolder.ENV);
        // Ctrl-C reaches the child, which answers it (ping's statistics); this JVM waits for its exit code
        Signals.ignoreInterrupts();
        try {
            Process p = pb.start();
            return p.waitFor();
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab: cannot run " + argv.getFirst() + " (util-linux): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
