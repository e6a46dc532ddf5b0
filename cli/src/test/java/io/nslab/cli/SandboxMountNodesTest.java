package io.nslab.cli;

import io.nslab.kernel.KernelTestSupport;
import io.nslab.netlink.CpuAffinity;
import io.nslab.netlink.NamespaceIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes with a mount namespace inside {@code nslab sandbox}, 20 times. The kernel binds a mount namespace's file only
 * from an older mount namespace, and Linux 6.18 hands namespace ids out in per-CPU batches: the sandbox is made on
 * the CPU whose batch is the newest, and the command inside may run on every CPU again, so a node's mount namespace
 * made on another CPU looks older than the sandbox's. Failed before at random (unshare's bind: "mount
 * /proc/PID/ns/mnt on .../mnt failed: Invalid argument"); nslab now makes it on a CPU whose ids pass its own.
 */
class SandboxMountNodesTest {
    @TempDir
    Path tmp;

    @Test
    void mountNamespaceNodesComeUpInASandboxMadeOnTheNewestCpu() throws Exception {
        KernelTestSupport.assumePrivileged();
        List<Integer> cpus = CpuAffinity.allowed();
        int newest = cpus.getFirst();
        long best = Long.MIN_VALUE;
        for (int cpu : cpus) {
            OptionalLong id = NamespaceIds.probe(cpu);
            if (id.isPresent() && id.getAsLong() > best) {
                best = id.getAsLong();
                newest = cpu;
            }
        }
        System.out.println("sandbox mount nodes: sandbox made on CPU " + newest + " of " + cpus
                + (best == Long.MIN_VALUE ? " (this kernel tells no namespace ids)" : ""));
        // root inside a sandbox is an unprivileged user outside: it enters only what others may
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(tmp.resolve("mnt.yaml"), """
                name: mnt
                nodes:
                  a: {namespaces: [uts, mount]}
                  b: {namespaces: [pid, mount]}
                links:
                  - endpoints: ["a:eth0 10.9.0.1/24", "b:eth0 10.9.0.2/24"]
                """);
        String nslab = Sandboxed.nslab();
        String all = cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
        // the working directory is read-only inside: errors go to the sandbox's own /tmp
        Files.writeString(tmp.resolve("run.sh"), "for i in $(seq 20); do\n"
                + "  if " + nslab + " up mnt.yaml >/dev/null 2>/tmp/up.err; then echo up; else echo \"up $i failed: $(tail -2 /tmp/up.err)\"; fi\n"
                + "  [ $i = 20 ] && " + nslab + " exec b -- cat /proc/1/comm\n"
                + "  " + nslab + " down mnt >/dev/null\n"
                + "done\n");
        Path out = tmp.resolve("out");
        Process p = new ProcessBuilder("taskset", "-c", Integer.toString(newest),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "io.nslab.cli.Main",
                "sandbox", "--", "taskset", "-c", all, "bash", "run.sh")
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly(); // the sandbox and all in it die with it
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).as(Files.readString(out)).hasSize(21).containsOnly("up", "perl").endsWith("perl");
        assertThat(p.exitValue()).isZero();
    }
}
