package io.nslab.cli;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel commands end to end, in a private namespace directory and state directory. */
class KernelCliTest extends KernelWorld {
    private KernelTestSupport support;
    private String[] dirs;

    @BeforeEach
    void setUp() throws IOException {
        support = kernel.support;
        dirs = kernel.options;
    }

    private String[] args(String... a) {
        return kernel.args(a);
    }

    @Test
    void upStatusPlanDown() {
        CliRun up = CliRun.of(args("up", "../examples/seed.yaml"));
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).startsWith("lab seed is up: 19 changes (3 namespaces, 2 veth pairs, 4 addresses, 7 link states, 1 sysctl, 2 routes) in ");
        assertThat(support.registry().list()).containsExactlyInAnyOrder("ns1", "router", "ns2");

        CliRun again = CliRun.of(args("up", "../examples/seed.yaml"));
        assertThat(again.out()).startsWith("lab seed is up to date: nothing to do");
        CliRun plan = CliRun.of(args("plan", "../examples/seed.yaml"));
        assertThat(plan.out()).isEqualTo("lab seed is up to date: nothing to do\n");

        CliRun status = CliRun.of(args("status", "seed"));
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("node router  forwarding on")
                .contains("v1              UP             veth     peer router:v1_r  10.10.10.2/24")
                .contains("route 10.10.20.0/24 via 10.10.10.1 dev v1");
        CliRun json = CliRun.of(args("status", "seed", "-o", "json"));
        assertThat(json.out()).contains("\"lab\" : \"seed\"").contains("\"peer\" : \"ns1:v1\"");
        CliRun yaml = CliRun.of(args("status", "-o", "yaml"));
        assertThat(yaml.out()).contains("lab: seed").contains("- 10.10.20.0/24 via 10.10.10.1 dev v1");

        CliRun down = CliRun.of(args("down", "seed"));
        assertThat(down.out()).startsWith("lab seed is down: 3 namespaces removed in ");
        assertThat(support.registry().list()).isEmpty();
        assertThat(CliRun.of(args("status")).out()).isEqualTo("no labs running\n");
        CliRun again2 = CliRun.of(args("down", "seed"));
        assertThat(again2.exitCode()).isEqualTo(2);
        assertThat(again2.err()).isEqualTo("no lab \"seed\" is running\n");
    }

    @Test
    void planOnAnEmptyHostPrintsEveryCommand() {
        CliRun plan = CliRun.of(args("plan", "../examples/seed.yaml"));
        assertThat(plan.out().lines().toList()).startsWith("ip netns add ns1", "ip netns add router", "ip netns add ns2")
                .contains("ip -n ns1 route add 10.10.20.0/24 via 10.10.10.1")
                .endsWith("# 19 changes (3 namespaces, 2 veth pairs, 4 addresses, 7 link states, 1 sysctl, 2 routes)");
        assertThat(support.registry().list()).isEmpty();
    }

    @Test
    void badLabIsRefusedBeforeAnythingIsCreated() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nnodes:\n  a:\n    routes: [10.1.0.0/16 via 10.2.0.1]\n");
        CliRun up = CliRun.of(args("up", bad.toString()));
        assertThat(up.exitCode()).isEqualTo(2);
        assertThat(up.err()).contains(bad + ":4:30: gateway 10.2.0.1 is on no connected subnet");
        assertThat(support.registry().list()).isEmpty();
    }

    @Test
    void execRunsInsideTheNode() throws Exception {
        assertThat(CliRun.of(args("up", "../examples/seed.yaml")).exitCode()).isZero();
        Path out = tmp.resolve("exec.out");
        List<String> cmd = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp", classpath(),
                "io.nslab.cli.Main", "exec"));
        cmd.addAll(List.of(dirs));
        cmd.addAll(List.of("ns1", "--", "sh", "-c", "cat /proc/net/route; ls /sys/class/net"));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(out)).contains("v1\t00140A0A"); // 10.10.20.0, little-endian hex, via v1
        assertThat(Files.readString(out).lines().filter(l -> !l.contains("\t")).toList()).as("/sys/class/net of ns1")
                .containsExactly("lo", "v1");
    }

    @Test
    void sandboxIsAThrowawayWorld() throws Exception {
        String name = "nslab-sandbox-test-" + ProcessHandle.current().pid();
        Path out = tmp.resolve("sandbox.out");
        Process p = new ProcessBuilder(java(), "--enable-native-access=ALL-UNNAMED", "-cp", classpath(), "io.nslab.cli.Main",
                "sandbox", "--", "sh", "-c",
                "ip netns add " + name + " && ip netns list && cat /proc/sys/net/ipv4/ip_forward && cat /sys/class/net/lo/operstate"
                        + " && ls /sys/class/net")
                .redirectOutput(out.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out).lines().toList()).containsExactly(name, "0", "unknown", "lo");
        assertThat(Path.of("/run/netns", name)).as("the sandbox's namespace is gone with it").doesNotExist();
    }

    /**
     * kill -9 at a random moment of {@code up}, then {@code cleanup}: nothing may be left.
     * CI runs a dozen trials; bench/kernel/kill-trials.sh runs as many as asked.
     */
    @Test
    void cleanupAfterKillNineLeavesNothing() throws Exception {
        Path lab = tmp.resolve("star.yaml");
        Files.writeString(lab, StarLab.yaml("killme", 150));
        long seed = Long.getLong("nslab.killSeed", System.nanoTime());
        int trials = Integer.getInteger("nslab.killTrials", 12);
        System.out.println("kill -9 trials: " + trials + ", seed " + seed);
        Random random = new Random(seed);
        // One undisturbed run tells how long up takes with its JVM start; kill points fall in its
        // second half, mostly while namespaces and links are being made.
        long start = System.nanoTime();
        List<String> full = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-cp", classpath(), "io.nslab.cli.Main", "up", lab.toString()));
        full.addAll(List.of(dirs));
        Process whole = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(tmp.resolve("up.log").toFile()).start();
        assertThat(whole.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long fullMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(CliRun.of(args("cleanup")).exitCode()).isZero();
        System.out.println("kill -9 trials: an undisturbed up takes " + fullMillis + " ms");
        int killedMidway = 0;
        int killedAfterNamespaces = 0;
        for (int t = 0; t < trials; t++) {
            List<String> cmd = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                    "-cp", classpath(), "io.nslab.cli.Main", "up", lab.toString()));
            cmd.addAll(List.of(dirs));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("up.log").toFile()).start();
            Thread.sleep(fullMillis / 2 + random.nextInt((int) Math.max(1, fullMillis / 2)));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int left = support.registry().list().size();
            if (left > 0 && left < 151) {
                killedMidway++; // some namespaces made, not all: killed in the middle of creating them
            } else if (left == 151) {
                killedAfterNamespaces++;
            }
            CliRun cleanup = CliRun.of(args("cleanup"));
            assertThat(cleanup.exitCode()).as(cleanup.err()).isZero();
            assertThat(support.registry().list()).as("namespaces left after trial %d (seed %d)", t, seed).isEmpty();
            assertThat(Files.exists(tmp.resolve("state")) ? Files.list(tmp.resolve("state")).toList() : List.of())
                    .as("records left after trial %d", t).isEmpty();
        }
        System.out.println("kill -9 trials: " + killedMidway + " killed while creating namespaces, " + killedAfterNamespaces
                + " after all namespaces existed, " + (trials - killedMidway - killedAfterNamespaces) + " before any existed");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
