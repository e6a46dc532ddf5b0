package io.nslab.script;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.sandbox.Sandbox;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The simulator's side of one {@code nslab script} run with one JVM ({@link ScriptSimulator}): the tools' files, the
 * world's files and the tool server, made in the work directory while the sandbox starts ({@link #start}), then
 * {@link ReadySignal given} to the prelude; and ended with the run ({@link #close}).
 */
final class ScriptService implements AutoCloseable {
    private final Path work;
    private final ScriptRun.Settings settings;
    private final FutureTask<ScriptWorld> world;
    private final FutureTask<OptionalInt> cpu;
    private final FutureTask<ServerSocketChannel> socket;
    private final ReadySignal ready;
    private WorldFiles worldFiles;
    private ToolServer server;

    /**
     * @param work   the run's work directory, its {@code tools} and {@code netns} made (the sandbox shows them)
     * @param world  the world, the serving CPU and the Unix socket, each made on a thread of its own meanwhile
     */
    ScriptService(Path work, ScriptRun.Settings settings, FutureTask<ScriptWorld> world, FutureTask<OptionalInt> cpu,
                  FutureTask<ServerSocketChannel> socket) throws IOException {
        this.work = work;
        this.settings = settings;
        this.world = world;
        this.cpu = cpu;
        this.socket = socket;
        this.ready = ReadySignal.make(tools().resolve("ready"));
    }

    private Path tools() {
        return work.resolve("tools");
    }

    /** Makes the files and the server, then tells the prelude; a failure ends the run (exit 3). */
    void start() {
        try {
            ToolFiles.install(tools(), ScriptSimulator.INSIDE, Tools.SIMULATED); // with the builtin: ScriptSimulator checked
            OptionalInt rootOutside = Sandbox.rootUidOutside();
            boolean root = rootOutside.isPresent();
            Supplier<KernelProfile> profile = settings.hostProfile() ? ScriptHost.once(() -> KernelProfile.probeApart(root))
                    : KernelProfile::full;
            ScriptWorld w = ScriptSimulator.done(world);
            worldFiles = new WorldFiles(work.resolve("netns"), tools().resolve("sys"), work.resolve("staging"),
                    rootOutside.orElse(-1));
            server = new ToolServer(w, settings.interruptAfter(), profile, worldFiles);
            worldFiles.bind(w, ScriptWorld.ROOT);
            server.filesFromCallerOnly();
            OptionalInt serving = ScriptSimulator.done(cpu);
            if (serving.isPresent()) {
                server.serveOn(serving.getAsInt());
                ScriptSimulator.spinCpu(serving.getAsInt()).ifPresent(server::spinCallersOn);
            }
            Path at = tools().resolve("socket");
            server.listen(ScriptSimulator.done(socket), at);
            // the script's root writes to both: connect(2) needs write access to the socket, and the callers make the
            // namespaces' files (as ip netns add does: the script's root may make and remove files there, as on the kernel)
            Path netns = work.resolve("netns");
            if (root) {
                for (Path p : List.of(at, netns)) {
                    Files.setAttribute(p, "unix:uid", rootOutside.getAsInt());
                    Files.setAttribute(p, "unix:gid", rootOutside.getAsInt());
                }
            }
            worldFiles.namespaceFilesByCallers(ScriptSimulator.NETNS_INSIDE);
            worldFiles.watch(w, server);
            ready.give();
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab script: cannot make the simulator's files: " + e.getMessage());
        }
    }

    /** Once the script has ended: its files are no longer watched (see {@link WorldFiles#release}). */
    void release() {
        if (worldFiles != null) {
            worldFiles.release();
        }
    }

    /** The world as a lab file, once the script has ended. */
    String exportYaml(String labName, String script) throws IOException {
        ScriptWorld w = ScriptSimulator.done(world);
        return server.locked(() -> ScriptHost.exportYaml(w, labName, script));
    }

    @Override
    public void close() throws IOException {
        try (ReadySignal r = ready; WorldFiles f = worldFiles; ToolServer s = server) {
            // closed in that order backwards: the server, the world's files, the signal
        }
    }
}
