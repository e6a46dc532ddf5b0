package io.nslab.kernel;

import io.nslab.deploy.Deployer;
import io.nslab.deploy.Interruption;
import io.nslab.deploy.StateStore;
import io.nslab.kernel.isolation.NodeIsolation;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each namespace kind of a node, proven isolated from inside, and gone after down. */
class IsolationTest {
    @TempDir
    Path state;
    private KernelTestSupport support;
    private KernelNetwork network;
    private StateStore store;
    private Deployer deployer;
    private String lab;

    @BeforeEach
    void setUp() throws IOException {
        support = KernelTestSupport.create();
        network = new KernelNetwork(support.registry());
        store = new StateStore(state.resolve("nslab"));
        deployer = new Deployer(store, new io.nslab.deploy.KernelTarget(network), new Interruption());
        lab = "iso" + ProcessHandle.current().pid();
        String text = Files.readString(Path.of("../examples/containers.yaml")).replace("name: containers", "name: " + lab);
        Lab l = LabLoader.parse("containers.yaml", text);
        deployer.up(l, text, op -> {
        });
    }

    @AfterEach
    void tearDown() {
        if (deployer != null) {
            for (String l : store.labs()) {
                deployer.down(l);
            }
        }
        if (network != null) {
            network.close();
        }
        if (support != null) {
            support.close();
        }
    }

    private String in(String node, String script) throws Exception {
        NodeIsolation iso = new NodeIsolation(store.lab(lab).directory(), lab, node);
        List<String> argv = new ArrayList<>(iso.joinCgroupsThenExec());
        argv.addAll(iso.nsenterArgs(support.directory().resolve("ct-" + node)));
        argv.addAll(List.of("--", "/bin/sh", "-c", script));
        return run(argv);
    }

    private static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    @Test
    void utsHostnamesAreTheNodesOwn() throws Exception {
        assertThat(in("c1", "hostname")).isEqualTo("c1");
        assertThat(in("c2", "hostname")).isEqualTo("second");
        in("c1", "echo renamed > /proc/sys/kernel/hostname");
        assertThat(in("c2", "hostname")).isEqualTo("second");
        assertThat(in("plain", "hostname")).isEqualTo(run(List.of("hostname")));
    }

    @Test
    void pidNamespaceHasAnInitAndFewProcesses() throws Exception {
        assertThat(in("c1", "cat /proc/1/comm")).isEqualTo("perl");
        assertThat(in("c1", "ls /proc | grep -c '^[0-9]'")).satisfies(n -> assertThat(Integer.parseInt(n)).isLessThan(10));
        // an orphan is reaped by the node's init, not left a zombie
        in("c1", "sh -c 'sleep 0.2 &' ; sleep 1.5");
        assertThat(in("c1", "grep -l '^State:.*Z' /proc/[0-9]*/status 2>/dev/null | wc -l")).isEqualTo("0");
    }

    @Test
    void aMountInsideIsInvisibleOutside() throws Exception {
        in("c1", "mkdir -p /run/nslab-probe-mnt && mount -t tmpfs probe /run/nslab-probe-mnt && grep -c nslab-probe-mnt /proc/self/mountinfo");
        assertThat(in("c1", "grep -c nslab-probe-mnt /proc/self/mountinfo")).isEqualTo("1");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("nslab-probe-mnt");
        assertThat(in("c2", "grep -c nslab-probe-mnt /proc/self/mountinfo || true")).isEqualTo("0");
        Files.deleteIfExists(Path.of("/run/nslab-probe-mnt"));
    }

    @Test
    void anIpcQueueIsInvisibleOutside() throws Exception {
        String id = in("c1", "ipcmk -Q | sed 's/[^0-9]//g'");
        assertThat(in("c1", "ipcs -q | grep -c '^0x' || true")).isEqualTo("1");
        assertThat(in("c2", "ipcs -q | grep -c '^0x' || true")).isEqualTo("0");
        assertThat(run(List.of("sh", "-c", "ipcs -q | grep -w -c '" + id + "' || true"))).isEqualTo("0");
    }

    @Test
    void cgroupRootIsTheNodesOwnAndOutsidersLookRelative() throws Exception {
        assertThat(in("c1", "cat /proc/self/cgroup").lines().toList()).allSatisfy(l -> assertThat(l).endsWith(":/"));
        // the tutorial's demonstration: seen from inside the node's cgroup namespace, a process
        // outside its cgroup root shows a path relative to that root, starting with /..
        long outside = ProcessHandle.current().pid();
        NodeIsolation iso = new NodeIsolation(store.lab(lab).directory(), lab, "c1");
        String seen = run(List.of("nsenter", "--cgroup=" + iso.file(io.nslab.model.NamespaceKind.CGROUP).orElseThrow(),
                "--", "cat", "/proc/" + outside + "/cgroup"));
        assertThat(seen.lines().toList()).anySatisfy(l -> assertThat(l).contains(":/.."));
    }

    @Test
    void rootInsideAUserNamespaceIsUnprivilegedOutside() throws Exception {
        assertThat(in("c2", "id -u")).isEqualTo("0");
        assertThat(in("c2", "cat /proc/self/uid_map").split("\\s+")).containsExactly("0", "100000", "65536");
        Path probe = Path.of("/tmp", "nslab-userns-" + lab);
        try {
            in("c2", "touch " + probe);
            assertThat(Files.getAttribute(probe, "unix:uid")).isEqualTo(100000);
        } finally {
            Files.deleteIfExists(probe);
        }
        assertThat(in("c1", "cat /proc/self/uid_map").split("\\s+")).as("c1 shares the host's user namespace")
                .containsExactly("0", "0", "4294967295");
    }

    @Test
    void etcFilesAreTheNodesOwn() throws Exception {
        assertThat(in("c1", "cat /etc/hosts").lines().toList()).contains("10.20.0.1\tc1", "10.20.0.2\tc2", "10.20.1.2\tplain");
        assertThat(in("c1", "cat /etc/resolv.conf")).isEqualTo("nameserver 10.20.0.2");
        assertThat(Files.readString(Path.of("/etc/hosts"))).doesNotContain("10.20.0.2\tc2");
    }

    @Test
    void limitsAreInForce() throws Exception {
        String instance = io.nslab.kernel.isolation.StateInstance.find(store.root()).orElseThrow().id();
        Path memory = Path.of("/sys/fs/cgroup/memory/nslab", instance, lab, "c1", "memory.limit_in_bytes");
        Path v2 = Path.of("/sys/fs/cgroup/nslab", instance, lab, "c1", "memory.max");
        assertThat(Files.exists(memory) ? Files.readString(memory).strip() : Files.readString(v2).strip()).isEqualTo("67108864");
    }

    @Test
    void timeOffsetIsVisible() throws Exception {
        double inside = Double.parseDouble(in("c1", "cut -d' ' -f1 /proc/uptime"));
        double outside = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        assertThat(inside - outside).isBetween(86_390.0, 86_410.0);
    }

    @Test
    void downLeavesNoProcessMountOrCgroup() throws Exception {
        Path nodes = store.lab(lab).directory().resolve("nodes");
        List<Long> processes = new ArrayList<>();
        for (String node : List.of("c1", "c2")) {
            long holder = new NodeIsolation(store.lab(lab).directory(), lab, node).holder().orElseThrow();
            processes.add(holder);
            ProcessHandle.of(holder).orElseThrow().children().forEach(c -> processes.add(c.pid()));
        }
        assertThat(processes).hasSize(4); // two holders, two inits
        deployer.down(lab);
        for (long pid : processes) {
            assertThat(gone(pid)).as("process %d after down", pid).isTrue();
        }
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(nodes.toString());
        String instance = io.nslab.kernel.isolation.StateInstance.find(store.root()).orElseThrow().id();
        assertThat(Path.of("/sys/fs/cgroup/memory/nslab", instance)).doesNotExist();
        assertThat(Path.of("/sys/fs/cgroup/unified/nslab", instance)).doesNotExist();
        assertThat(support.registry().list()).isEmpty();
        assertThat(store.labs()).isEmpty();
    }

    /** Exited: no such process, or a zombie waiting for the host's init to reap it. */
    private static boolean gone(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return true;
        }
        String s = Files.readString(stat);
        return s.charAt(s.lastIndexOf(')') + 2) == 'Z';
    }
}
