package io.nslab.script;

import io.nslab.netlink.Netlink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The simulator's side of {@code nslab script}, the command of the script's sandbox (see {@link ScriptRun}):
 * it serves the tools ({@link ToolServer}), keeps the sandbox's /run/netns and /proc/sys/net in step with
 * the simulated world ({@link WorldFiles}), and runs the script with the system's bash through the prelude,
 * which installs the tools. Its exit status is the script's.
 *
 * <p>{@code ScriptHost run|import INTERRUPT_SECONDS LAB_NAME host|full SCRIPT [ARGS...]}: with {@code import}, the
 * script's output goes to stderr and the lab file of the world it leaves to stdout; {@code host} probes this kernel's
 * profile, {@code full} plays a kernel with every kind ({@link KernelProfile}).
 */
public final class ScriptHost {
    static final Path TOOLS_DIR = Path.of("/run/nslab-tools");

    private ScriptHost() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (RuntimeException | IOException e) {
            System.err.println("nslab script: the simulator failed: " + e);
            status = 4;
        }
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] args) throws IOException {
        boolean importing = args[0].equals("import");
        Duration interrupt = Duration.ofSeconds(Long.parseLong(args[1]));
        String labName = args[2];
        boolean probed = args[3].equals("host");
        List<String> script = Arrays.asList(args).subList(4, args.length);
        // inotify's native calls are linked on a second thread meanwhile (WorldFiles needs them before the script starts)
        Thread.ofPlatform().daemon().start(Inotify::link);
        loopbackUp();
        ToolFiles tools = ToolFiles.install(TOOLS_DIR, Tools.SIMULATED);
        // probed once a command needs it (few do), with the real ip and tc that the tool files keep reachable: the
        // probe's four processes and its links no longer hold up every script's start
        Supplier<KernelProfile> profile = probed ? once(() -> KernelProfile.probe(tools.real("ip"), tools.real("tc")))
                : KernelProfile::full;
        ScriptWorld world = new ScriptWorld();
        Files.createDirectories(TOOLS_DIR.resolve("sys"));
        try (WorldFiles files = new WorldFiles(Path.of("/run/netns"), TOOLS_DIR.resolve("sys"));
             ToolServer server = new ToolServer(world, interrupt, profile, files)) {
            files.bind(world, ScriptWorld.ROOT);
            // made by the tools' functions: this JVM's staging directory is on another file system than /run/netns
            files.namespaceFilesByCallers(Path.of("/run/netns"));
            server.start();
            files.watch(world, server);
            Files.writeString(TOOLS_DIR.resolve("port"), server.port() + "\n");
            List<String> argv = new ArrayList<>(List.of("bash", "-c", resource("prelude.sh"), "nslab-script", "installed",
                    Long.toString(interrupt.toSeconds()), "", "", "", String.join(" ", tools.shims())));
            argv.addAll(script);
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().put("NSLAB_TOOLS_PORT", Integer.toString(server.port()));
            pb.inheritIO();
            if (importing) {
                pb.redirectOutput(ProcessBuilder.Redirect.PIPE); // copied to stderr: stdout is the lab's
            }
            int status;
            try {
                Process p = pb.start();
                Thread copy = Thread.ofPlatform().start(() -> {
                    try (InputStream out = p.getInputStream()) {
                        out.transferTo(System.err);
                    } catch (IOException e) {
                        // the script's output ends
                    }
                });
                status = p.waitFor();
                copy.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
            if (importing) {
                String yaml = server.locked(() -> exportYaml(world, labName, script.getFirst()));
                System.out.print(yaml);
            }
            return status;
        }
    }

    /** The end state as a lab, or, for a script that takes everything down again, the state before it did. */
    static String exportYaml(ScriptWorld world, String labName, String file) {
        if (world.namedNamespaces().isEmpty() && world.beforeTeardown().isPresent()) {
            ScriptWorld.Teardown t = world.beforeTeardown().get();
            System.err.println("nslab import: " + file + " takes down the namespaces it made (from " + t.at() + ": "
                    + io.nslab.MessageText.oneLine(t.command()) + "); the lab is the state just before that");
            return LabExport.yaml(labName, t.state());
        }
        // the world as it is: its sysctls read from the simulator, only those that differ from a fresh namespace's
        return LabExport.yaml(labName, world.network().labState(), SysctlSource.of(world.network()));
    }

    /** A value computed on first use, once. */
    static <T> Supplier<T> once(Supplier<T> compute) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = compute.get();
                }
                return value;
            }
        };
    }

    /** The argv that installs the tools and runs the script (prelude.sh). */
    static List<String> prelude(String mode, Duration interrupt, List<String> script) {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", resource("prelude.sh"), "nslab-script", mode,
                Long.toString(interrupt.toSeconds()), resource("tools.bash"), resource("tool"), resource("enter"),
                String.join(" ", Tools.SIMULATED)));
        argv.addAll(script);
        return argv;
    }

    /**
     * The sandbox's init brings lo up with ip(8), which a host may lack; the tools' port is on it. Netlink costs the
     * JVM a few hundred milliseconds of linking, so /sys is asked first.
     */
    private static void loopbackUp() {
        try {
            if ((Integer.decode(Files.readString(Path.of("/sys/class/net/lo/flags")).strip()) & 1) != 0) {
                return; // IFF_UP
            }
        } catch (IOException | RuntimeException e) {
            // no sysfs: ask netlink
        }
        try (Netlink nl = Netlink.open()) {
            nl.links().setUp("lo");
        } catch (RuntimeException e) {
            System.err.println("nslab script: cannot bring lo up for the tools (" + e.getMessage() + ")");
        }
    }

    static String resource(String name) {
        try (InputStream in = ScriptHost.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
