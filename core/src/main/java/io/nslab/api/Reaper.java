package io.nslab.api;

import io.nslab.deploy.Deployer;
import io.nslab.deploy.Interruption;
import io.nslab.deploy.KernelTarget;
import io.nslab.deploy.StateStore;
import io.nslab.kernel.KernelNetwork;
import io.nslab.netlink.NamedNamespaces;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes the kernel labs of a JVM that died without closing them, even by SIGKILL. The first kernel lab of a JVM
 * starts one reaper: another JVM, in a session of its own (a signal to the test's process group does not reach it),
 * whose standard input is a pipe from this JVM. This JVM writes {@code watch LAB NETNS-DIR STATE-DIR} before a lab's
 * first namespace is made and {@code forget LAB} once it is removed. When the pipe ends — the kernel closes it
 * whatever way this JVM ended — the reaper ends the processes inside each lab still watched and removes the lab as
 * {@code nslab down} does, from its ownership records: exactly what the lab made, nothing else. Then it exits.
 */
public final class Reaper {
    private static OutputStream pipe;
    private static Process process;

    private Reaper() {
    }

    static synchronized void watch(String lab, Path netnsDir, Path stateDir) {
        send("watch " + lab + " " + netnsDir.toAbsolutePath() + " " + stateDir.toAbsolutePath());
    }

    static synchronized void forget(String lab) {
        if (pipe != null) {
            send("forget " + lab);
        }
    }

    /** The reaper's process, once started; tests watch it end. */
    static synchronized java.util.Optional<ProcessHandle> process() {
        return java.util.Optional.ofNullable(process).map(Process::toHandle);
    }

    private static void send(String line) {
        try {
            if (pipe == null) {
                start();
            }
            pipe.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            pipe.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the reaper of this JVM's labs is gone", e);
        }
    }

    private static void start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // no perf data: nobody attaches jstat to it, and it would leave its user a /tmp/hsperfdata_USER directory
        List<String> argv = new ArrayList<>(List.of("setsid", java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-Xmx64m", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                Reaper.class.getName()));
        process = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        pipe = process.getOutputStream();
    }

    private record Watched(Path netnsDir, Path stateDir) {
    }

    /** The reaper itself: reads the pipe until it ends, then removes what is still watched. */
    public static void main(String[] args) throws IOException {
        Map<String, Watched> labs = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f.length == 4 && f[0].equals("watch")) {
                    labs.put(f[1], new Watched(Path.of(f[2]), Path.of(f[3])));
                } else if (f.length == 2 && f[0].equals("forget")) {
                    labs.remove(f[1]);
                }
            }
        }
        for (var e : labs.entrySet()) {
            try {
                reap(e.getKey(), e.getValue());
            } catch (RuntimeException ex) {
                System.err.println("nslab reaper: lab " + e.getKey() + ": " + ex.getMessage());
            }
        }
    }

    private static void reap(String lab, Watched w) {
        NamedNamespaces registry = NamedNamespaces.at(w.netnsDir());
        killInside(registry, lab + "-");
        try (KernelNetwork network = new KernelNetwork(registry)) {
            new Deployer(new StateStore(w.stateDir()), new KernelTarget(network), new Interruption())
                    .lockWait(java.time.Duration.ofSeconds(30), s -> { }).down(lab);
        }
        System.err.println("nslab reaper: removed lab " + lab + " left by a JVM that ended without closing it");
    }

    /**
     * SIGKILLs the processes whose network namespace is one of the lab's (by inode): node.start's commands, which
     * would otherwise keep the namespaces alive after their names are gone.
     */
    static void killInside(NamedNamespaces registry, String prefix) {
        Set<Long> inodes = new java.util.HashSet<>();
        for (String ns : registry.list()) {
            if (ns.startsWith(prefix)) {
                registry.inode(ns).ifPresent(inodes::add);
            }
        }
        if (inodes.isEmpty()) {
            return;
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).forEach(p -> {
                try {
                    long ino = (Long) Files.getAttribute(p.resolve("ns/net"), "unix:ino");
                    if (inodes.contains(ino)) {
                        ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended meanwhile, or not ours to read
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
