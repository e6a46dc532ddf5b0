package io.nslab.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Rootless labs (issue 19), for real: nobody builds the examples as real namespaces inside a user namespace of
 * its own, pings through them, enters them, and takes them down, and nothing is left: no process carrying the
 * lab's home, no file under the runtime directory, no namespace in the host's {@code ip netns}. Needs root to
 * become nobody (CI is root); skips with the reason otherwise.
 */
class RootlessTest {
    @TempDir
    Path tmp;

    private NobodyRun nobody;
    private Path home;

    @BeforeEach
    void setUp() throws IOException {
        String why = NobodyRun.whyNot();
        if (why != null) {
            System.out.println("RootlessTest skipped: " + why);
        }
        assumeTrue(why == null, why);
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = Files.createDirectory(tmp.resolve("work"));
        nobody = NobodyRun.in(work, Map.of());
        Path xdg = nobody.ownDirectory("xdg");
        nobody = NobodyRun.in(work, Map.of("XDG_RUNTIME_DIR", xdg.toString()));
        home = xdg.resolve("nslab");
        for (String e : examples()) {
            Path to = work.resolve(e + ".yaml");
            Files.copy(Path.of("../examples/" + e + ".yaml"), to);
            Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        // the container example without what needs a cgroup of the node's own
        Files.writeString(work.resolve("containers-rootless.yaml"), Files.readString(work.resolve("containers.yaml"))
                .lines().filter(l -> !l.contains("limits:")).map(l -> l.replace(", cgroup", "")).reduce("", (a, b) -> a + b + "\n"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (nobody != null) {
            List<ProcessHandle> left = marked();
            left.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : left) {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(left).as("processes of the rootless labs left by the test").isEmpty();
        }
    }

    @Test
    void nobodyBuildsTheTutorialsLabPingsThroughItAndLeavesNothing() throws Exception {
        String hostNetns = hostNetns();
        NobodyRun.Result up = nobody.run("up", "seed.yaml");
        assertThat(up.exit()).as(up.both()).isZero();
        assertThat(up.out()).contains("lab seed is up").contains("3 checks: 3 passed, 0 failed");
        assertThat(marked()).as("the holder runs").isNotEmpty();

        NobodyRun.Result ping = nobody.run("ping", "ns1", "10.10.20.2", "-c", "1");
        assertThat(ping.exit()).as(ping.both()).isZero();
        assertThat(ping.out()).contains("from 10.10.20.2: icmp_seq=1 ttl=63");

        NobodyRun.Result status = nobody.run("status");
        assertThat(status.out()).contains("lab seed").contains("10.10.10.2/24");
        NobodyRun.Result exec = nobody.run("exec", "ns1", "--", "ip", "-br", "addr", "show", "v1");
        assertThat(exec.exit()).as(exec.both()).isZero();
        assertThat(exec.out()).contains("10.10.10.2/24");
        NobodyRun.Result id = nobody.run("exec", "router", "--", "id", "-u");
        assertThat(id.out().strip()).as("root inside the lab's user namespace").isEqualTo("0");
        assertThat(hostNetns()).as("the host's ip netns sees none of it").isEqualTo(hostNetns);

        NobodyRun.Result down = nobody.run("down", "seed");
        assertThat(down.exit()).as(down.both()).isZero();
        assertThat(down.out()).contains("lab seed is down: 3 namespaces removed");
        assertNothingLeft();
    }

    @Test
    void aJavaProgramOfNobodyUpsALabPingsThroughItAndClosesItLeavingNothing() throws Exception {
        String hostNetns = hostNetns();
        NobodyRun.Result run = nobody.runMain("io.nslab.cli.RootlessJvmMain", "seed.yaml");
        System.out.println(run.both());
        assertThat(run.exit()).as(run.both()).isZero();
        assertThat(run.out()).contains("unavailable: no\n", "ping exit 0: 64 bytes from 10.10.20.2: icmp_seq=1 ttl=63",
                "id in router: 0\n", "reaches: lab seed-", "is rootless (this JVM is not root)", "closed in ");
        assertThat(hostNetns()).as("the host's ip netns sees none of it").isEqualTo(hostNetns);
        assertNothingLeft();
    }

    /**
     * The examples a rootless lab cannot be, and why (exit 3, nothing made). The firewall examples come up: nf_tables
     * answers root of the lab's own user namespace in the namespaces it owns.
     */
    static final Map<String, String> REFUSED = Map.of(
            "containers", "node c1 of lab containers has resource limits or a cgroup namespace");

    /** The names of examples/*.yaml. */
    static List<String> examples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("../examples"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - 5))
                    .sorted().toList();
        }
    }

    @Test
    void everyExamplePassesItsChecksRootlessOrIsRefusedWithTheReason() throws Exception {
        List<String> up = new ArrayList<>();
        for (String lab : examples()) {
            NobodyRun.Result r = nobody.run("up", lab + ".yaml");
            if (REFUSED.containsKey(lab)) {
                assertThat(r.exit()).as(lab + ": " + r.both()).isEqualTo(3);
                assertThat(r.err()).as(lab).contains(REFUSED.get(lab)).contains("nothing was changed");
                if (lab.equals("containers")) {
                    // CI's machine has cgroup v1 (or no user manager for nobody): the reason names what is missing
                    assertThat(r.err()).contains("in a cgroup v2 subtree delegated to you: ");
                }
                continue;
            }
            assertThat(r.exit()).as(lab + ": " + r.both()).isZero();
            assertThat(r.out()).as(lab).contains("0 failed");
            NobodyRun.Result check = nobody.run("check", lab);
            assertThat(check.exit()).as(lab + ": " + check.both()).isZero();
            assertThat(check.out()).contains("0 failed");
            // one at a time: examples share namespace names (ns1 in seed and chain)
            NobodyRun.Result down = nobody.run("down", lab);
            assertThat(down.exit()).as(lab + ": " + down.both()).isZero();
            up.add(lab);
        }
        System.out.println("RootlessTest: up, checked and down as nobody: " + up + "; refused with exit 3: "
                + new java.util.TreeSet<>(REFUSED.keySet()));
        assertThat(up).as("the examples that come up rootless").contains("seed", "seed-broken", "bridge", "chain", "vm-host");
        assertNothingLeft();

        NobodyRun.Result containers = nobody.run("up", "containers-rootless.yaml");
        assertThat(containers.exit()).as(containers.both()).isZero();
        NobodyRun.Result status = nobody.run("status");
        assertThat(status.out()).as(status.both()).contains("(rootless: uid 0 is 65534 outside (one uid, yours");
        // nobody has no subordinate range: root in c2's own user namespace is nobody on the host (a range: RootlessSubordinateIdsTest)
        Path drop = Files.createDirectory(nobody.dir().resolve("drop"));
        Files.setPosixFilePermissions(drop, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        NobodyRun.Result hostname = nobody.run("exec", "c2", "--", "sh", "-c", "touch " + drop.resolve("c2") + "; hostname");
        assertThat(hostname.out().strip()).as("c2 names itself in its own user and UTS namespaces").isEqualTo("second");
        assertThat(RootlessSubordinateIdsTest.owner(drop.resolve("c2"))).isEqualTo(NobodyRun.NOBODY);
        NobodyRun.Result pid1 = nobody.run("exec", "c1", "--", "sh", "-c", "echo $$");
        assertThat(pid1.exit()).as(pid1.both()).isZero();

        NobodyRun.Result down = nobody.run("down", "containers");
        assertThat(down.exit()).as(down.both()).isZero();
        assertNothingLeft();
    }

    @Test
    void aServiceStartedWithNohupInANodeAnswersAndEndsWithTheNodesDown() throws Exception {
        // README's way: nohup in a node with a PID namespace of its own, which down ends with everything in it
        Files.writeString(nobody.dir().resolve("seed-service.yaml"), Files.readString(nobody.dir().resolve("seed.yaml"))
                .replace("  ns2:\n", "  ns2:\n    namespaces: [pid]\n"));
        Path server = nobody.dir().resolve("server.pl");
        Files.writeString(server, "use IO::Socket::INET; my $s = IO::Socket::INET->new(LocalAddr => '10.10.20.2', LocalPort => 8080, "
                + "Listen => 5, ReuseAddr => 1) or die $!; while (my $c = $s->accept) { print $c \"served\\n\"; close $c }\n");
        for (Path f : List.of(server, nobody.dir().resolve("seed-service.yaml"))) {
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        assertThat(nobody.run("up", "bridge.yaml").exit()).isZero(); // another lab keeps the holder after seed's down
        NobodyRun.Result up = nobody.run("up", "seed-service.yaml");
        assertThat(up.exit()).as(up.both()).isZero();
        NobodyRun.Result start = nobody.run("exec", "ns2", "--", "sh", "-c", "nohup perl " + server + " >/dev/null 2>&1 &");
        assertThat(start.exit()).as(start.both()).isZero();
        String client = "use IO::Socket::INET; for (1..50) { my $c = IO::Socket::INET->new('10.10.20.2:8080'); if ($c) { print <$c>; "
                + "exit 0 } select(undef, undef, undef, 0.1) } exit 1";
        NobodyRun.Result answer = nobody.run("exec", "ns1", "--", "perl", "-e", client);
        assertThat(answer.exit()).as(answer.both()).isZero();
        assertThat(answer.out()).isEqualTo("served\n");
        assertThat(servers()).as("the service runs").isNotEmpty();

        assertThat(nobody.run("down", "seed").exit()).isZero();
        for (int i = 0; i < 200 && !servers().isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertThat(servers()).as("the service ended with its node").isEmpty();
        assertThat(nobody.run("down", "bridge").exit()).isZero();
        assertNothingLeft();
    }

    private List<ProcessHandle> servers() {
        return marked().stream().filter(p -> String.join(" ", p.info().arguments().orElse(new String[0])).contains("server.pl")).toList();
    }

    @Test
    void aKilledHolderTakesEveryLabWithItAndTheNextCommandSaysSo() throws Exception {
        assertThat(nobody.run("up", "containers-rootless.yaml").exit()).isZero();
        assertThat(nobody.run("up", "seed.yaml").exit()).isZero();
        long holder = Long.parseLong(Files.readString(home.resolve("holder")).split(" ")[0]);
        ProcessHandle h = ProcessHandle.of(holder).orElseThrow();
        h.destroyForcibly();
        h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        awaitNoMarkedProcess();

        NobodyRun.Result status = nobody.run("status");
        assertThat(status.exit()).as(status.both()).isZero();
        assertThat(status.err()).contains("the holder of your rootless labs had ended, and containers, seed all ended with it");
        assertThat(status.out()).contains("no labs running");
        assertNothingLeft();
    }

    @Test
    void killMinus9OfUpAtRandomMomentsThenCleanupLeavesNothing() throws Exception {
        int trials = Integer.getInteger("nslab.rootlessKillTrials", 6);
        long seed = Long.getLong("nslab.rootlessKillSeed", System.nanoTime());
        System.out.println("rootless kill -9 trials: " + trials + ", seed " + seed);
        Random random = new Random(seed);
        long t0 = System.nanoTime();
        assertThat(nobody.run("up", "containers-rootless.yaml").exit()).isZero();
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(nobody.run("down", "containers").exit()).isZero();
        int holderToo = 0;
        for (int t = 0; t < trials; t++) {
            Process up = nobody.start(List.of(), List.of("up", "containers-rootless.yaml"));
            Thread.sleep(random.nextLong(fullMillis));
            List<ProcessHandle> tree = new ArrayList<>(up.toHandle().descendants().toList());
            tree.addFirst(up.toHandle());
            tree.forEach(ProcessHandle::destroyForcibly);
            up.waitFor();
            if (random.nextBoolean()) {
                holderToo++;
                for (ProcessHandle m : marked()) {
                    if (m.info().command().orElse("").endsWith("perl")) {
                        m.destroyForcibly();
                    }
                }
            }
            for (ProcessHandle p : tree) {
                p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            NobodyRun.Result cleanup = nobody.run("cleanup");
            assertThat(cleanup.exit()).as("trial " + t + ": " + cleanup.both()).isZero();
            awaitNoMarkedProcess();
            assertNothingLeft();
        }
        System.out.println("rootless kill -9 trials: " + trials + " (" + holderToo + " with the holder killed too), "
                + "an undisturbed up takes " + fullMillis + " ms; nothing left after any");
    }

    @Test
    void whereUserNamespacesAreForbiddenUpExits3AndNamesTheSetting() throws Exception {
        // root with --rootless, in a user namespace of the test's own whose limit is 0: the host's setting is never touched
        Path rootXdg = Files.createDirectory(tmp.resolve("root-xdg"));
        Files.setPosixFilePermissions(rootXdg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        NobodyRun root = NobodyRun.in(nobody.dir(), Map.of("XDG_RUNTIME_DIR", rootXdg.toString()));
        NobodyRun.Result r = root.runAfter(List.of("unshare", "--user", "--map-root-user", "--", "sh", "-c",
                "echo 0 > /proc/sys/user/max_user_namespaces && exec \"$@\"", "sh"), "up", "--rootless", "seed.yaml");
        assertThat(r.exit()).as(r.both()).isEqualTo(3);
        assertThat(r.err()).contains("this machine does not let users make user namespaces")
                .contains("user.max_user_namespaces is 0: allow with  sudo sysctl -w user.max_user_namespaces=15000");
        try (Stream<Path> s = Files.walk(rootXdg.resolve("nslab"))) {
            assertThat(s.map(rootXdg.resolve("nslab")::relativize).map(Path::toString).filter(p -> !p.isEmpty()).sorted().toList())
                    .containsExactly("netns", "state");
        }
    }

    @Test
    void rootWithTheOptionBuildsARootlessLabThatIpNetnsDoesNotSee() throws Exception {
        Path rootXdg = Files.createDirectory(tmp.resolve("root-xdg"));
        Files.setPosixFilePermissions(rootXdg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        NobodyRun root = NobodyRun.in(nobody.dir(), Map.of("XDG_RUNTIME_DIR", rootXdg.toString()));
        String before = hostNetns();
        try {
            NobodyRun.Result up = root.runAfter(List.of(), "up", "--rootless", "seed.yaml");
            assertThat(up.exit()).as(up.both()).isZero();
            assertThat(hostNetns()).isEqualTo(before);
            NobodyRun.Result ping = root.runAfter(List.of(), "ping", "--rootless", "ns2", "10.10.10.2", "-c", "1");
            assertThat(ping.out()).contains("ttl=63");
        } finally {
            NobodyRun.Result down = root.runAfter(List.of(), "down", "--rootless", "seed");
            assertThat(down.exit()).as(down.both()).isZero();
        }
        assertThat(Files.exists(rootXdg.resolve("nslab/holder"))).as("the holder ended with the last lab").isFalse();
    }

    /** Processes that carry this test's rootless home in their environment: the holder and everything of its labs. */
    private List<ProcessHandle> marked() {
        byte[] needle = ("=" + home).getBytes(StandardCharsets.UTF_8);
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                byte[] env = Files.readAllBytes(Path.of("/proc/" + p.pid() + "/environ"));
                return indexOf(env, needle) >= 0 && !Files.readString(Path.of("/proc/" + p.pid() + "/stat")).contains(") Z ");
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).toList();
    }

    private void awaitNoMarkedProcess() throws InterruptedException {
        for (int i = 0; i < 200 && !marked().isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertThat(marked()).as("processes of the rootless labs").isEmpty();
    }

    private void assertNothingLeft() throws IOException, InterruptedException {
        awaitNoMarkedProcess();
        try (Stream<Path> s = Files.walk(home)) {
            assertThat(s.map(home::relativize).map(Path::toString).filter(p -> !p.isEmpty()).sorted().toList())
                    .as("what is left under the runtime directory").containsExactly("netns", "state");
        }
    }

    private static String hostNetns() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
