package io.nslab.sandbox;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.OwnDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A throwaway world for a real command, which contains what the command does (see "What a sandbox
 * contains" in docs/kernel-world.md). util-linux {@code unshare} and {@code nsenter} make and enter
 * the namespaces, since a JVM, having many threads, cannot enter them itself; {@code sandbox.sh}
 * builds the file system and {@code sandbox-init.sh} is the sandbox's PID 1:
 * <ul>
 *   <li>new user (where the kernel gives one), PID, mount, network, UTS, IPC and cgroup namespaces;
 *       root inside is uid {@value #UID_BASE} outside, so its capabilities reach only the sandbox's
 *       own namespaces and the files it owns: its tmpfs mounts;</li>
 *   <li>the host's file system read-only and locked so (a mount inherited into a user namespace cannot
 *       be made writable or unmounted there); private tmpfs on {@code /tmp}, {@code /var/tmp},
 *       {@code /run} (with empty {@code /run/netns} and {@code /run/nslab}) and {@code /dev/shm};
 *       its own {@code /proc} and {@code /sys};</li>
 *   <li>the command's process tree dies with it: PID 1 is a shell that runs the command and exits with
 *       its status, which ends every process left; each stage gets SIGKILL when its parent dies, so
 *       a killed nslab takes its sandbox with it.</li>
 * </ul>
 */
public final class Sandbox {
    /** uid and gid outside of root inside. */
    public static final int UID_BASE = 1_000_000_000;
    /** How many uids a sandbox has: enough for the user namespaces of nodes inside (root at 100000). */
    public static final int UID_COUNT = 1 << 20;

    private static final String SCRIPT = resource("sandbox.sh");
    private static final String INIT = resource("sandbox-init.sh");

    /**
     * What a command printed (stdout and stderr interleaved, or stdout alone), its exit status, and whether it was
     * stopped at its time limit (then the status is SIGKILL's, 137).
     */
    public record Result(String output, int status, boolean stopped) {
        public Result(String output, int status) {
            this(output, status, false);
        }
    }

    private final List<String> command;
    private final Path directory;
    private final Set<Path> readable = new LinkedHashSet<>();
    private final Map<Path, Path> bound = new LinkedHashMap<>();
    private java.time.Duration limit;
    private Runnable whileStarting;

    private Sandbox(Path directory, List<String> command) {
        this.directory = directory.toAbsolutePath().normalize();
        this.command = List.copyOf(command);
        readable.add(this.directory);
        // nslab itself must run inside: the JDK and the class path of this JVM
        readable.add(Path.of(System.getProperty("java.home")));
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                readable.add(Path.of(entry).toAbsolutePath());
            }
        }
        // and what the command names (bash /tmp/x.sh), with the files beside it
        for (String arg : command) {
            if (!arg.isEmpty() && arg.indexOf('\0') < 0) {
                try {
                    readable.add(withSiblings(this.directory.resolve(arg)));
                } catch (java.nio.file.InvalidPathException ignored) {
                    // not a path
                }
            }
        }
    }

    /** A file's directory where others may enter it (a script's data files lie beside it), else the file. */
    private static Path withSiblings(Path p) {
        Path dir = p.toAbsolutePath().normalize().getParent();
        // (never a fresh directory: the sandbox's /tmp is its own, and only the file itself is shown there)
        return Files.isRegularFile(p) && dir != null && dir.getParent() != null && !SandboxLayout.FRESH.contains(dir)
                && searchableByOthers(dir) ? dir : p;
    }

    /** A sandbox that runs {@code command} in {@code directory}. */
    public static Sandbox of(Path directory, List<String> command) {
        return new Sandbox(directory, command);
    }

    /**
     * Keeps {@code path} readable inside (a script, say), with the files beside it, even below {@code /tmp} or
     * a private directory.
     */
    public Sandbox readable(Path path) {
        readable.add(withSiblings(directory.resolve(path)));
        return this;
    }

    /**
     * Shows the host's directory {@code host} at {@code inside}, writable as far as its files' owners and modes allow
     * the sandbox's root: the one way for the sandbox to reach a file of the host's that it may change. Whoever
     * made {@code host} must treat what is in it as the sandbox's (its links and names can be anything).
     */
    public Sandbox bind(Path host, Path inside) {
        bound.put(host.toAbsolutePath().normalize(), inside);
        return this;
    }

    /**
     * Work to do while the sandbox starts: run once its first process has started, before nslab waits for it. If the
     * work fails, the sandbox is ended (each stage dies with its parent) and the failure is thrown.
     */
    public Sandbox whileStarting(Runnable work) {
        this.whileStarting = work;
        return this;
    }

    /**
     * Ends the sandbox, and every process in it, once it has run this long: {@link Result#stopped()} says so.
     */
    public Sandbox limit(java.time.Duration timeLimit) {
        this.limit = timeLimit;
        return this;
    }

    /**
     * Runs the command with this process's stdin, stdout and stderr; returns its exit status. Like
     * {@code system(3)}, nslab ignores SIGINT while it waits: a Ctrl-C typed at the sandbox's shell is the
     * shell's business, and nslab's death would end the sandbox.
     */
    public int run() {
        return interactive().status();
    }

    /** {@link #run()}, and whether the time limit stopped it. */
    public Result interactive() {
        return launch(pb -> pb.inheritIO(), p -> "", true);
    }

    /**
     * {@link #interactive()}, but what the command writes to stdout and stderr goes to {@code out} and {@code err}
     * as it comes, each flushed after every read.
     */
    public Result stream(java.io.Writer out, java.io.Writer err) {
        return launch(pb -> pb.redirectInput(ProcessBuilder.Redirect.INHERIT), p -> {
            Thread errors = Thread.ofPlatform().daemon().start(() -> copy(p.getErrorStream(), err));
            copy(p.getInputStream(), out);
            try {
                errors.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "";
        }, true);
    }

    private static void copy(InputStream from, java.io.Writer to) {
        try (java.io.Reader r = new java.io.InputStreamReader(from, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) > 0) {
                synchronized (to) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            }
        } catch (IOException e) {
            // the command's end
        }
    }

    /** Runs the command with stdin empty; returns what it printed, stdout and stderr interleaved. */
    public Result capture() {
        return launch(pb -> pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))),
                p -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8), false);
    }

    /** Runs the command with stdin empty and stderr this process's; returns what it wrote to stdout. */
    public Result captureStdout() {
        return launch(pb -> pb.redirectError(ProcessBuilder.Redirect.INHERIT)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))),
                p -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8), false);
    }

    /** {@code bash -- SCRIPT} in a sandbox, run from {@code dir} so that bash names the script as given. */
    public static Result runScript(Path dir, String script) {
        return of(dir, List.of("bash", "--", script)).readable(Path.of(script)).capture();
    }

    private interface Output {
        String read(Process p) throws IOException;
    }

    private Result launch(java.util.function.UnaryOperator<ProcessBuilder> io, Output output, boolean ignoreInterrupt) {
        Path work = null;
        try {
            work = OwnDirectory.inTemporary("nslab-sandbox-");
            Path statusFile = Files.createFile(work.resolve("status"));
            // held open: the sandbox removes its work directory, status file included, as soon as it can
            try (java.nio.channels.FileChannel status = java.nio.channels.FileChannel.open(statusFile)) {
                ProcessBuilder pb = io.apply(new ProcessBuilder(argv(work)).directory(directory.toFile()));
                Process p = pb.start();
                java.util.concurrent.CompletableFuture<String> reading = new java.util.concurrent.CompletableFuture<>();
                Thread.ofPlatform().daemon().name("nslab-sandbox-output").start(() -> {
                    try {
                        reading.complete(output.read(p));
                    } catch (IOException | RuntimeException e) {
                        reading.completeExceptionally(e);
                    }
                });
                if (whileStarting != null) {
                    try {
                        whileStarting.run();
                    } catch (RuntimeException | Error e) {
                        p.destroyForcibly();
                        p.waitFor();
                        throw e;
                    }
                }
                boolean stopped = !waitFor(p, ignoreInterrupt);
                if (stopped) {
                    p.destroyForcibly(); // each stage of the sandbox dies with its parent
                }
                int exit = p.waitFor();
                String out;
                try {
                    out = reading.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("reading the sandbox's output: " + e.getCause().getMessage(), e.getCause());
                }
                String said = new String(java.nio.channels.Channels.newInputStream(status.position(0)).readAllBytes(),
                        StandardCharsets.UTF_8);
                if (!said.strip().equals("ready")) {
                    throw new NslabException(ExitCode.ENVIRONMENT, "nslab sandbox: could not make the sandbox (exit " + exit + ")"
                            + (out.isBlank() ? "; its message is above" : ":\n" + out.strip()));
                }
                return new Result(out, exit, stopped);
            }
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab sandbox: cannot run util-linux unshare: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NslabException(ExitCode.INTERNAL, "nslab sandbox: interrupted while the command ran");
        } finally {
            if (work != null) {
                removeWork(work);
            }
        }
    }

    /**
     * Waits for the sandbox until its time limit; false when it is still running then. As {@code system(3)}
     * does, nslab may ignore SIGINT meanwhile: the sandbox's foreground command gets the Ctrl-C.
     */
    private boolean waitFor(Process p, boolean ignoreInterrupt) throws InterruptedException {
        sun.misc.Signal interrupt = new sun.misc.Signal("INT");
        // A handler that does nothing, not SIG_IGN: the JVM registers no handler for a signal that is ignored, so the
        // restore below of SIG_IGN's predecessor did nothing and this JVM ignored SIGINT from then on; and a process
        // that another thread started meanwhile inherited SIG_IGN (a caught signal is reset by exec, an ignored one not).
        sun.misc.SignalHandler before = ignoreInterrupt ? sun.misc.Signal.handle(interrupt, s -> { }) : null;
        try {
            if (limit == null) {
                p.waitFor();
                return true;
            }
            return p.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } finally {
            if (before != null) {
                sun.misc.Signal.handle(interrupt, before);
            }
        }
    }

    /**
     * The argv that makes the sandbox and runs the command in it; {@code work} is an empty private
     * directory, where this writes the sandbox's file system as fstab lines.
     */
    List<String> argv(Path work) throws IOException {
        SandboxLayout layout = SandboxLayout.of(existing(readable), Sandbox::searchableByOthers);
        boolean root = effectiveUid() == 0;
        // Without root, the first stage is already root of a user namespace of its own, with one uid: the caller's.
        SandboxFstab fstab = SandboxFstab.of(SandboxFstab.parse(Files.readString(Path.of("/proc/self/mountinfo"))), layout,
                root ? UID_BASE : 0, !root);
        String directories = fstab.directories() + SandboxFstab.binds(bound);
        if (root) {
            // one mount(8) for all of it: the new root's tmpfs and the host's / read-only in it, then the rest below
            // it (SandboxFstab's targets are the sandbox's own paths); one process where five ran
            Files.createDirectory(work.resolve("mnt"));
            Path newRoot = work.resolve("mnt").resolve("root");
            Files.writeString(work.resolve("fstab"), SandboxFstab.escape("nslab-sandbox") + " " + SandboxFstab.escape(work.resolve("mnt").toString())
                    + " tmpfs mode=0700 0 0\n/ " + SandboxFstab.escape(newRoot.toString()) + " none bind,ro,X-mount.mkdir 0 0\n"
                    + SandboxFstab.prefixed(directories, newRoot));
        } else {
            Files.writeString(work.resolve("fstab"), directories);
        }
        Files.writeString(work.resolve("fstab-files"), fstab.files());
        Files.writeString(work.resolve("remount"), fstab.remounts());
        List<String> argv = new ArrayList<>(List.of("setpriv", "--pdeathsig=KILL", "--", "unshare"));
        if (!root) {
            argv.addAll(List.of("--user", "--map-root-user"));
        }
        argv.addAll(List.of("--mount", "--propagation", "private", "--",
                "bash", "-c", SCRIPT, "nslab-sandbox", work.toString(), root ? Integer.toString(UID_BASE) : "none",
                Integer.toString(UID_COUNT), directory.toString(), INIT));
        layout.reveals().stream().filter(r -> !Files.isDirectory(r)).forEach(r -> argv.add(r.toString()));
        argv.add("--");
        argv.addAll(command);
        return argv;
    }

    /**
     * The uid outside that the sandbox's root has when it is not this process's own: {@link #UID_BASE} when this
     * process is root, else none (an unprivileged caller's sandbox maps the caller's uid to its root).
     */
    public static java.util.OptionalInt rootUidOutside() {
        return effectiveUid() == 0 ? java.util.OptionalInt.of(UID_BASE) : java.util.OptionalInt.empty();
    }

    /** This process's effective uid, from /proc/self/status; -1 when it cannot be read. */
    public static int effectiveUid() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) {
                    return Integer.parseInt(l.split("\\s+")[2]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown: as if not root
        }
        return -1;
    }

    /**
     * Why this host will not give an unprivileged process a user namespace, with how to allow it, or null when
     * nothing says it will not.
     */
    public static String userNamespaceProblem() {
        if (effectiveUid() == 0) {
            return null;
        }
        String allow = " (as root: %s)";
        if (read("/proc/sys/kernel/unprivileged_userns_clone").equals("0")) {
            return "this host forbids unprivileged user namespaces" + allow.formatted("sysctl -w kernel.unprivileged_userns_clone=1");
        }
        if (read("/proc/sys/user/max_user_namespaces").equals("0")) {
            return "this host allows no user namespaces" + allow.formatted("sysctl -w user.max_user_namespaces=15000");
        }
        if (read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns").equals("1")) {
            return "AppArmor forbids unprivileged user namespaces"
                    + allow.formatted("sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or a profile for nslab's java");
        }
        return null;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The real paths of those that exist, as regular files or directories on an ordinary file system:
     * never a namespace file, nor anything of /proc, /sys or /dev.
     */
    static List<Path> existing(Set<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            try {
                Path real = p.toRealPath();
                if (Files.isRegularFile(real) || Files.isDirectory(real)) {
                    String type = Files.getFileStore(real).type();
                    if (!Set.of("proc", "sysfs", "nsfs", "devtmpfs", "devpts", "cgroup", "cgroup2").contains(type)) {
                        out.add(real);
                    }
                }
            } catch (IOException | SecurityException e) {
                // not there, or not for us to show
            }
        }
        return out;
    }

    /** Whether a directory lets others through (search permission), as root inside a sandbox is. */
    static boolean searchableByOthers(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException e) {
            return false;
        }
    }

    /** What is left of the work directory when the sandbox failed before it could remove it. */
    private static void removeWork(Path work) {
        try {
            for (String f : List.of("status", "fstab", "fstab-files", "remount", "mnt")) {
                Files.deleteIfExists(work.resolve(f));
            }
            Files.deleteIfExists(work);
        } catch (IOException e) {
            // a mount point still busy in a namespace that is going away; the directory is empty
        }
    }

    private static String resource(String name) {
        try (InputStream in = Sandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
