package io.nslab.cli;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The escapes of issue 23, each a small hostile script (src/test/resources/escapes), run with
 * {@code nslab script --kernel} and with {@code nslab sandbox -- bash}; afterwards nothing outside has
 * changed. "Outside" is a canary world: the test runs nslab inside throwaway UTS, network, mount and PID
 * namespaces of its own, with a private /run, from a directory of canary files. A sandbox that leaked would
 * change that world (its host name, links, /run/netns, processes, canaries), never the machine's; the
 * scripts aim only at canaries, through relative paths and the namespaces they find.
 */
class SandboxContainsTest {
    /** The escapes, as issue 23 lists them, and what the sandbox's run printed when the attempt hit a wall. */
    static final List<List<String>> ESCAPES = List.of(
            List.of("01-redirect.sh", "canary: Read-only file system"),                   // echo … > /any/host/file
            List.of("02-command-in-a-variable.sh", "'escaped-02': Read-only file system"), // C=touch; ip netns exec x $C FILE
            List.of("03-ip-net-exec.sh", "'escaped-03': Read-only file system"),         // ip net exec x …
            List.of("04-ip-netns-e.sh", "'escaped-04': Read-only file system"),          // ip netns e x …
            List.of("05-all-netns-exec.sh", "'escaped-05': Read-only file system"),      // ip -all netns exec touch …
            List.of("06-ps4.sh", "'escaped-06': Read-only file system"),                 // PS4='$(…)'; set -x
            List.of("07-ip-batch.sh", "'escaped-07': Read-only file system"),            // ip -b FILE
            List.of("08-sysctl-hostname.sh", "permission denied on key \"kernel.hostname\""), // sysctl -w kernel.hostname=…
            List.of("09-proc-sys-dotdot.sh", "kernel/hostname: Permission denied"),      // echo … > /proc/sys/net/../kernel/hostname
            List.of("10-sysctl-p.sh", "permission denied on key \"kernel.hostname\""),   // sysctl -p FILE
            // ip netns attach parentns 1; ip -n parentns link add …: PID 1 is the sandbox's, so the link is its own
            List.of("11-netns-attach.sh", "escaped11@escaped11b"));

    static final Path ESCAPE_DIR = Path.of("src/test/resources/escapes");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> eachEscapeChangesNothingOutside() {
        KernelTestSupport.assumePrivileged();
        return ESCAPES.stream().map(e -> DynamicTest.dynamicTest(e.getFirst(), () -> {
            Path dir = Files.createTempDirectory(tmp, "run");
            World world = World.in(dir);
            String script = e.getFirst();
            world.run(nslab() + " script --kernel " + script, nslab() + " sandbox -- bash " + script);
            world.assertNothingChanged();
            String kernel = world.output(0);
            assertThat(kernel.contains(e.getLast()) || kernel.startsWith(script + ":") && kernel.endsWith("[exit 2]\n"))
                    .as("script --kernel ran the escape and it hit a wall, or refused it:\n" + kernel).isTrue();
            assertThat(world.output(1)).as("the escape ran and hit a wall").contains(e.getLast());
        }));
    }

    @Test
    void aScriptNamedDashSIsAFileNotStandardInput() throws Exception {
        KernelTestSupport.assumePrivileged();
        World world = World.in(tmp);
        Files.writeString(tmp.resolve("canary/stdin"), "echo read from standard input\ntouch escaped-s\n");
        world.run(nslab() + " script --kernel -- -s < stdin");
        world.assertNothingChanged();
        assertThat(world.output(0)).isEqualTo("this is the script\n[exit 0]\n");
    }

    /**
     * Nodes with a PID namespace have a holder process, which setsid puts out of reach of the command's
     * process group: it dies with the sandbox's PID namespace. The sandbox runs on one CPU because of a
     * kernel 6.18 regression: the mount namespace ids that decide whether binding a mount namespace could
     * loop come from per-CPU batches, so a node's mount namespace made on another CPU than the sandbox's can
     * look older than it, and unshare's bind fails with EINVAL.
     */
    @Test
    void everyProcessTheSandboxStartedEndsWithIt() throws Exception {
        KernelTestSupport.assumePrivileged();
        World world = World.in(tmp);
        Files.writeString(tmp.resolve("canary/holders.yaml"), """
                name: holders
                nodes:
                  a: {namespaces: [uts, pid]}
                  b: {namespaces: [pid, ipc]}
                links:
                  - endpoints: ["a:eth0 10.9.0.1/24", "b:eth0 10.9.0.2/24"]
                """);
        world.run("taskset -c 0 " + nslab() + " sandbox -- bash -c \"" + nslab() + " up holders.yaml >/dev/null; echo up: \\$?;"
                + " echo holders: \\$(pgrep -c -x perl); setsid -f sleep 600; echo sleepers: \\$(pgrep -c -x sleep)\"");
        world.assertNothingChanged();
        assertThat(world.output(0)).isEqualTo("up: 0\nholders: 2\nsleepers: 1\n[exit 0]\n");
    }

    /** Each stage of a sandbox gets SIGKILL when its parent dies: kill -9 of nslab ends every process of it. */
    @Test
    void aKilledNslabTakesItsSandboxWithIt() throws Exception {
        KernelTestSupport.assumePrivileged();
        World world = World.in(tmp);
        world.run(nslab() + " sandbox -- bash -c 'setsid -f sleep 601; sleep 602' & "
                + "for i in $(seq 300); do [ \"$(pgrep -c -x sleep)\" = 2 ] && break; sleep 0.1; done; "
                + "echo sleepers: $(pgrep -c -x sleep); kill -9 $!; { wait $!; } 2>/dev/null; "
                + "for i in $(seq 50); do pgrep -x sleep >/dev/null || break; sleep 0.1; done");
        world.assertNothingChanged();
        assertThat(world.output(0)).isEqualTo("sleepers: 2\n[exit 0]\n");
    }

    private static String nslab() {
        return Sandboxed.nslab();
    }

    /**
     * A canary world: {@code canary/} holds a canary file and copies of the escape scripts, and is where
     * commands run; before and after them, {@code state-before} and {@code state-after} record its host
     * name, links, /run, /run/netns, processes and every canary file with its checksum.
     */
    record World(Path dir) {
        static World in(Path dir) throws IOException {
            Path canary = Files.createDirectories(dir.resolve("canary"));
            try (Stream<Path> s = Files.list(ESCAPE_DIR)) {
                for (Path p : s.toList()) {
                    Files.copy(p, canary.resolve(p.getFileName().toString()));
                }
            }
            Files.writeString(canary.resolve("canary"), "untouched\n");
            return new World(dir);
        }

        void run(String... commands) throws IOException, InterruptedException {
            StringBuilder harness = new StringBuilder("""
                    mount -t tmpfs canary-run /run && mkdir /run/netns /run/nslab || exit 1
                    hostname nslab-canary-world
                    ip link add canary0 type veth peer name canary1
                    state() {
                      hostname; ip -o link; ls -A /run /run/netns /run/nslab; ps -e -o comm=
                      find . -printf '%p %y %s %m\\n' | sort; sha256sum canary *.sh
                    }
                    state > ../state-before
                    """);
            for (int i = 0; i < commands.length; i++) {
                harness.append("{ ").append(commands[i]).append("\n} > ../out-").append(i).append(" 2>&1\n");
                harness.append("echo \"[exit $?]\" >> ../out-").append(i).append("\n");
            }
            harness.append("state > ../state-after\n");
            Process p = new ProcessBuilder("unshare", "--uts", "--net", "--mount", "--propagation", "private", "--pid", "--fork",
                    "--kill-child", "--mount-proc", "--", "bash", "-c", harness.toString())
                    .directory(dir.resolve("canary").toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("harness.out").toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly(); // --kill-child: its PID namespace, and all in it, go too
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the canary world ended").isTrue();
            assertThat(Files.readString(dir.resolve("harness.out"))).as("the harness's own output").isEmpty();
        }

        void assertNothingChanged() throws IOException {
            String before = Files.readString(dir.resolve("state-before"));
            assertThat(before).contains("nslab-canary-world\n", "canary0@canary1", "./canary f 10 644");
            assertThat(Files.readString(dir.resolve("state-after"))).isEqualTo(before);
        }

        String output(int i) throws IOException {
            return Files.readString(dir.resolve("out-" + i));
        }
    }
}
