package io.nslab.sandbox;

import io.nslab.ExitCode;
import io.nslab.NslabException;

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
import java.util.List;
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

    /** What a command printed (stdout and stderr interleaved) and its exit status. */
    public record Result(String output, int status) {
    }

    private final List<String> command;
    private final Path directory;
    private final Set<Path> readable = new LinkedHashSet<>();

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
        return Files.isRegularFile(p) && dir != null && dir.getParent() != null && searchableByOthers(dir) ? dir : p;
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
     * Runs the command with this process's stdin, stdout and stderr; returns its exit status. Like
     * {@code system(3)}, nslab ignores SIGINT while it waits: a Ctrl-C typed at the sandbox's shell is the
     * shell's business, and nslab's death would end the sandbox.
     */
    public int run() {
        return launch(pb -> pb.inheritIO(), p -> {
            // set once the child runs, which must not inherit the ignored signal
            sun.misc.Signal interrupt = new sun.misc.Signal("INT");
            sun.misc.SignalHandler before = sun.misc.Signal.handle(interrupt, sun.misc.SignalHandler.SIG_IGN);
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sun.misc.Signal.handle(interrupt, before);
            }
            return "";
        }).status();
    }

    /** Runs the command with stdin empty; returns what it printed, stdout and stderr interleaved. */
    public Result capture() {
        return launch(pb -> pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))),
                p -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** {@code bash -- SCRIPT} in a sandbox, run from {@code dir} so that bash names the script as given. */
    public static Result runScript(Path dir, String script) {
        return of(dir, List.of("bash", "--", script)).readable(Path.of(script)).capture();
    }

    private interface Output {
        String read(Process p) throws IOException;
    }

    private Result launch(java.util.function.UnaryOperator<ProcessBuilder> io, Output output) {
        Path work = null;
        try {
            work = Files.createTempDirectory("nslab-sandbox-");
            Path statusFile = Files.createFile(work.resolve("status"));
            // held open: the sandbox removes its work directory, status file included, as soon as it can
            try (java.nio.channels.FileChannel status = java.nio.channels.FileChannel.open(statusFile)) {
                ProcessBuilder pb = io.apply(new ProcessBuilder(argv(work)).directory(directory.toFile()));
                Process p = pb.start();
                String out = output.read(p);
                int exit = p.waitFor();
                String said = new String(java.nio.channels.Channels.newInputStream(status.position(0)).readAllBytes(),
                        StandardCharsets.UTF_8);
                if (!said.strip().equals("ready")) {
                    throw new NslabException(ExitCode.ENVIRONMENT, "nslab sandbox: could not make the sandbox (exit " + exit + ")"
                            + (out.isBlank() ? "; its message is above" : ":\n" + out.strip()));
                }
                return new Result(out, exit);
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
     * The argv that makes the sandbox and runs the command in it; {@code work} is an empty private
     * directory, where this writes the sandbox's file system as fstab lines.
     */
    List<String> argv(Path work) throws IOException {
        SandboxLayout layout = SandboxLayout.of(existing(readable), Sandbox::searchableByOthers);
        SandboxFstab fstab = SandboxFstab.of(SandboxFstab.parse(Files.readString(Path.of("/proc/self/mountinfo"))), layout, UID_BASE);
        Files.writeString(work.resolve("fstab"), fstab.directories());
        Files.writeString(work.resolve("fstab-files"), fstab.files());
        List<String> argv = new ArrayList<>(List.of("setpriv", "--pdeathsig=KILL", "--",
                "unshare", "--mount", "--propagation", "private", "--",
                "bash", "-c", SCRIPT, "nslab-sandbox", work.toString(), Integer.toString(UID_BASE),
                Integer.toString(UID_COUNT), directory.toString(), INIT));
        layout.reveals().stream().filter(r -> !Files.isDirectory(r)).forEach(r -> argv.add(r.toString()));
        argv.add("--");
        argv.addAll(command);
        return argv;
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
            for (String f : List.of("status", "fstab", "fstab-files", "mnt")) {
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
