package io.nslab.script;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.OwnDirectory;
import io.nslab.sandbox.Sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code nslab script} on the simulator with one JVM, this one: the simulator and its tool server run here, outside
 * the script's sandbox, and the sandbox runs only bash, whose tools (the loadable builtin) reach the server through a
 * Unix socket in a directory bound into the sandbox: the second JVM of {@link ScriptHost}, and its start, are saved.
 *
 * <p>What the sandbox shows of this process's files is a work directory of its own: {@code tools} at
 * {@code /run/nslab-tools} (the tool files, the socket, and the /proc/sys/net trees) and {@code netns} at
 * {@code /run/netns}. The script's root may change what is in them; this process reaches them only through
 * {@link UntrustedDir}, which follows no link the script made. Where this process is root, the sandbox's root is
 * another uid: the directories are this process's and the script can write only the files' values, as in /proc/sys.
 *
 * <p>Without the builtin (no gcc or bash headers at build time, or {@code -Dnslab.script.builtin=false}) the tools
 * are bash functions, which reach a server by TCP only, inside the sandbox's network: then {@link ScriptHost} runs.
 */
final class ScriptSimulator {
    static final Path INSIDE = ScriptHost.TOOLS_DIR;
    /** Where the sandbox shows the namespaces' files (the work directory's {@code netns}), as the kernel's ip keeps them. */
    static final Path NETNS_INSIDE = Path.of("/run/netns");
    /** A work directory's name: this prefix, the pid of the nslab that made it, a dash and a random part. */
    static final String PREFIX = "nslab-script-";
    /** The file in a work directory that its nslab holds locked while it runs (the sandbox does not see it). */
    static final String LOCK = "lock";
    /** {@code -Dnslab.script.one-jvm=false}: the simulator in a second JVM in the sandbox, as without the builtin. */
    static final String ONE_JVM_PROPERTY = "nslab.script.one-jvm";
    /** {@code -Dnslab.script.cpu=N|auto|none}: where the tool calls are served (see {@link #servingCpu}). */
    static final String CPU_PROPERTY = "nslab.script.cpu";
    /**
     * {@code -Dnslab.script.spin=false}: a warm caller is not asked to spin (see ToolServer#serve); {@code always}: every
     * caller is, after as many calls as a warm one, however long they took (for tests).
     */
    static final String SPIN_PROPERTY = "nslab.script.spin";

    private ScriptSimulator() {
    }

    /**
     * Runs the script, or says that it cannot run this way (no builtin): empty. With {@code importing}, the
     * result's output is the lab file, and the script's output went to stderr.
     */
    static Optional<Sandbox.Result> run(Path cwd, String script, ScriptRun.Settings settings, ScriptRun.Io io, String labName) {
        if (!ToolFiles.builtinWanted() || !Boolean.parseBoolean(System.getProperty(ONE_JVM_PROPERTY, "true"))) {
            return Optional.empty();
        }
        // made while this thread makes the files: the world's first namespace, and the native calls linked (inotify's,
        // which WorldFiles needs before the script starts, and the CPU affinity's)
        java.util.concurrent.FutureTask<ScriptWorld> world = new java.util.concurrent.FutureTask<>(ScriptWorld::new);
        Thread.ofPlatform().daemon().name("nslab-world").start(world);
        java.util.concurrent.FutureTask<OptionalInt> cpu = new java.util.concurrent.FutureTask<>(() -> {
            Inotify.link();
            return servingCpu();
        });
        Thread.ofPlatform().daemon().name("nslab-natives").start(cpu);
        java.util.concurrent.FutureTask<ServerSocketChannel> socket = new java.util.concurrent.FutureTask<>(ToolServer::openUnix);
        Thread.ofPlatform().daemon().name("nslab-socket").start(socket);
        Path work = null;
        FileChannel lock = null;
        ScriptService service = null;
        try {
            Path memory = memory();
            removeAbandoned(memory);
            work = OwnDirectory.create(memory, PREFIX); // named after this process: see removeAbandoned
            // held until this process ends: a later run knows a directory whose lock it gets as abandoned
            lock = FileChannel.open(work.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            lock.lock();
            // what the sandbox shows: the rest is made while it starts (ScriptService)
            Files.createDirectory(work.resolve("tools"));
            Files.createDirectory(work.resolve("netns"));
            service = new ScriptService(work, settings, world, cpu, socket);
            return Optional.of(serve(work, service, cwd, script, settings, io, labName));
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab script: cannot make the simulator's files: "
                    + e.getMessage());
        } finally {
            if (service != null) {
                service.release(); // first: the kernel frees the watches while the rest is done
            }
            if (work != null) {
                removeTree(work);
            }
            if (service != null) {
                try {
                    service.close();
                } catch (IOException e) {
                    // closed as far as it goes
                }
            }
            closeSocket(socket); // the server's, closed with it already; or never handed to one
            if (lock != null) {
                try {
                    lock.close();
                } catch (IOException e) {
                    // released with the process anyway
                }
            }
        }
    }

    private static void closeSocket(java.util.concurrent.FutureTask<ServerSocketChannel> socket) {
        try {
            socket.get().close();
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            // none was opened, or it is closed as far as it goes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T> T done(java.util.concurrent.FutureTask<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof IOException failed) {
                throw failed;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Sandbox.Result serve(Path work, ScriptService service, Path cwd, String script, ScriptRun.Settings settings,
                                        ScriptRun.Io io, String labName) throws IOException {
        List<String> shims = new ArrayList<>(Tools.SIMULATED);
        shims.addAll(ToolFiles.OWN);
        List<String> argv = new ArrayList<>(List.of("bash", "-c", ScriptHost.resource("prelude.sh"), "nslab-script",
                io == ScriptRun.Io.IMPORT ? "installed-import" : "installed", Long.toString(settings.interruptAfter().toSeconds()),
                "", "", "", String.join(" ", shims), script));
        Sandbox sandbox = Sandbox.of(cwd, argv).readable(Path.of(script)).limit(settings.timeLimit())
                .bind(work.resolve("tools"), INSIDE).bind(work.resolve("netns"), NETNS_INSIDE)
                .whileStarting(service::start);
        Sandbox.Result r = ScriptRun.launch(sandbox, io);
        if (io != ScriptRun.Io.IMPORT) {
            return r;
        }
        return new Sandbox.Result(service.exportYaml(labName, script), r.status(), r.stopped());
    }

    /**
     * The CPU the tool calls are served on, the script's shells asked to run there too (ToolServer#serveOn): the
     * highest this process may use, where it may use more than one; {@code -Dnslab.script.cpu=N} names one, {@code
     * none} lets them run anywhere.
     */
    static OptionalInt servingCpu() {
        String wanted = System.getProperty(CPU_PROPERTY, "auto");
        if (wanted.equals("none")) {
            return OptionalInt.empty();
        }
        if (!wanted.equals("auto")) {
            try {
                return OptionalInt.of(Integer.parseInt(wanted));
            } catch (NumberFormatException e) {
                throw new NslabException(ExitCode.BAD_INPUT, "nslab script: -D" + CPU_PROPERTY + "=" + wanted
                        + ": a CPU's number, auto or none");
            }
        }
        try {
            List<Integer> cpus = io.nslab.netlink.CpuAffinity.allowed();
            return cpus.size() > 1 ? OptionalInt.of(cpus.getLast()) : OptionalInt.empty();
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The CPU a warm caller moves to, to spin there (ToolServer#spinCallersOn): the first this process may use other
     * than the serving one; none with {@code -Dnslab.script.spin=false}.
     */
    static OptionalInt spinCpu(int serving) {
        if (System.getProperty(SPIN_PROPERTY, "true").equals("false")) {
            return OptionalInt.empty();
        }
        try {
            return io.nslab.netlink.CpuAffinity.allowed().stream().filter(c -> c != serving).mapToInt(Integer::intValue).findFirst();
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Where the work directory goes: a file system in memory where there is one to write to (the user's runtime
     * directory, else /dev/shm), since the script makes and removes a file there per namespace and a disk's file
     * system takes many times longer for each (on ext4, a thousand namespaces cost 0.4 s more); else /tmp.
     */
    static Path memory() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        for (String d : new String[] {runtime, "/dev/shm"}) {
            if (d != null && !d.isEmpty()) {
                Path p = Path.of(d);
                try {
                    if (Files.isDirectory(p) && Files.isWritable(p) && Files.getFileStore(p).type().equals("tmpfs")) {
                        return p;
                    }
                } catch (IOException e) {
                    // not this one
                }
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Removes the work directories that an nslab killed before it could (kill -9) left in {@code dir}: this user's,
     * whose lock no process holds any more (a lock is released with its process, in whatever PID namespace it ran).
     * Its sandbox went with it: each stage of a sandbox dies with its parent.
     */
    static void removeAbandoned(Path dir) {
        long uid = Sandbox.effectiveUid();
        // never this process's own: closing a channel on a lock file would release this process's lock on it
        String own = PREFIX + ProcessHandle.current().pid() + "-";
        try (var s = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(own) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue() == uid
                        && abandoned(p)) {
                    removeTree(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // left for the next run
        }
    }

    private static boolean abandoned(Path work) throws IOException {
        Path lockFile = work.resolve(LOCK);
        if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            // killed between making the directory and locking it: a moment, long ago
            return Files.getLastModifiedTime(work, LinkOption.NOFOLLOW_LINKS).toInstant()
                    .isBefore(java.time.Instant.now().minusSeconds(60));
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            return ch.tryLock() != null;
        }
    }

    /** Removes the work directory once the sandbox is gone: its links are removed, never followed. */
    private static void removeTree(Path dir) {
        try {
            io.nslab.FileTrees.delete(dir, false);
        } catch (IOException e) {
            System.err.println("nslab script: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
