package io.nslab.deploy;

import io.nslab.kernel.isolation.Leftovers;
import io.nslab.kernel.isolation.NodeIsolation;
import io.nslab.kernel.isolation.StateInstance;
import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nodes' isolation under faults, on the kernel: a node with only a user namespace, a node whose start fails after
 * another node's holder runs, processes an interrupted start left without a record, records removed, and two state
 * directories with a lab of the same name. After teardown nothing of the state directory is left on the machine: no
 * marked process, no cgroup below {@code nslab/INSTANCE}, no mount below the state directory.
 */
class NodeIsolationFaultsTest {
    @TempDir
    Path tmp;

    private static void up(DeployWorld w, String text) {
        w.deployer().up(LabLoader.parse("lab.yaml", text), text, op -> {
        });
    }

    /** Failed before: unshare bound the user namespace from inside it ("mount ... /user: Operation not permitted"). */
    @Test
    void aNodeWithOnlyAUserNamespaceComesUpAndGoesLeavingNothing() throws Exception {
        try (DeployWorld w = DeployWorld.of("kernel", tmp)) {
            for (int run = 0; run < 6; run++) {
                up(w, "name: us\nnodes:\n  u: {namespaces: [user]}\n");
                NodeIsolation u = new NodeIsolation(w.store.lab("us").directory(), "us", "u");
                assertThat(u.file(io.nslab.model.NamespaceKind.USER)).as("run %d", run).isPresent();
                long holder = u.holder().orElseThrow();
                assertThat(Files.readString(Path.of("/proc/" + holder + "/uid_map")).trim().split("\\s+")).containsExactly("0", "100000", "65536");
                w.deployer().down("us");
                assertThat(Leftovers.of(w.store.root()).isEmpty()).as("run %d: %s", run, Leftovers.of(w.store.root())).isTrue();
            }
        }
    }

    /**
     * A node whose namespaces the kernel refuses (a time offset that would put its clock before boot) after another
     * node's holder runs: the rollback ends both, and the report may say that nothing is left because it is true.
     */
    @Test
    void aNodeThatFailsToStartLeavesNoHolderOfAnyNode() throws Exception {
        try (DeployWorld w = DeployWorld.of("kernel", tmp)) {
            String lab = """
                    name: bad
                    nodes:
                      a: {namespaces: [pid, user, uts, cgroup], limits: {pids: 40}}
                      b: {namespaces: [pid, mount, time], time-offsets: {monotonic: -2000000000}}
                    links:
                      - endpoints: ["a:e0 10.7.0.1/24", "b:e0 10.7.0.2/24"]
                    """;
            assertThatThrownBy(() -> up(w, lab)).isInstanceOf(UpFailure.class)
                    .hasMessageContaining("node \"b\"").hasMessageContaining("nothing of this run is left");
            assertThat(Leftovers.of(w.store.root())).isEqualTo(new Leftovers(List.of(), List.of(), List.of()));
            assertThat(w.namespaces()).isEmpty();
            assertThat(w.store.labs()).isEmpty();
        }
    }

    /**
     * A process that carries a node's marker and no record names (an init left by a holder that died before it could
     * kill it, a start cut short by kill -9) ends with the lab; one carrying another state directory's marker does not.
     */
    @Test
    void downEndsMarkedProcessesNoRecordNamesAndOnlyThisStateDirectorysOwn() throws Exception {
        try (DeployWorld w = DeployWorld.of("kernel", tmp)) {
            up(w, "name: mk\nnodes:\n  a: {namespaces: [pid]}\n");
            String ours = Leftovers.markerPrefix(w.store.root()) + "mk:a";
            String stranger = "nslab-node:0123456789abcdef:mk:a";
            Process stray = marked(ours);
            Process other = marked(stranger);
            try {
                w.deployer().down("mk");
                assertThat(stray.waitFor(5, TimeUnit.SECONDS)).as("the stray with this state directory's marker").isTrue();
                assertThat(other.isAlive()).as("a process marked for another state directory").isTrue();
                assertThat(Leftovers.of(w.store.root()).isEmpty()).as("%s", Leftovers.of(w.store.root())).isTrue();
            } finally {
                stray.destroyForcibly();
                other.destroyForcibly();
            }
        }
    }

    /** A process the test starts that carries {@code marker} in its arguments and environment, as nslab's do. */
    private static Process marked(String marker) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("perl", "-e", "sleep 300", marker);
        pb.environment().put("NSLAB_NODE", marker);
        return pb.start();
    }

    /**
     * With the record gone (lock, ledger, applied lab, the holders' PID files), cleanup still finds the lab's nodes by
     * their directories, cgroups and markers, and ends them: processes, cgroups, the namespace mounts whose inodes
     * the nodes' own records hold. Failed before: cleanup saw no lab and left everything.
     */
    @Test
    void cleanupFindsNodesWhoseLabLostItsRecord() throws Exception {
        try (DeployWorld w = DeployWorld.of("kernel", tmp)) {
            up(w, """
                    name: lost
                    nodes:
                      a: {namespaces: [pid, user, cgroup], limits: {pids: 50}}
                      b: {namespaces: [uts, mount, ipc], limits: {memory: 64M}}
                    """);
            Path dir = w.store.lab("lost").directory();
            for (String f : List.of(".lock", "namespaces", "lab.yaml", "nodes/a/holder", "nodes/a/started")) {
                Files.delete(dir.resolve(f));
            }
            assertThat(w.store.labs()).isEmpty();
            Leftovers before = Leftovers.of(w.store.root());
            assertThat(before.processes()).hasSize(2); // a's holder and init
            assertThat(before.cgroups()).isNotEmpty();
            List<DownResult> results = w.deployer().cleanup();
            assertThat(results).extracting(DownResult::lab).contains("lost");
            assertThat(Leftovers.of(w.store.root())).isEqualTo(new Leftovers(List.of(), List.of(), List.of()));
            assertThat(dir).doesNotExist();
            for (String ns : w.namespaces()) { // the ledger was removed with the record: its namespaces are no longer known
                w.deleteNamespace(ns);
            }
        }
    }

    /**
     * Two state directories (two sandboxes, two CI jobs) with a lab of the same name: each node has its own cgroup,
     * with its own limit, and taking one lab down leaves the other's alone. Failed before: both were
     * nslab/same/n, and the second up wrote the first's pids.max.
     */
    @Test
    void twoStateDirectoriesNeverShareACgroup() throws Exception {
        try (DeployWorld one = DeployWorld.of("kernel", Files.createDirectories(tmp.resolve("one")));
             DeployWorld two = DeployWorld.of("kernel", Files.createDirectories(tmp.resolve("two")))) {
            up(one, "name: same\nnodes:\n  n: {namespaces: [pid, cgroup], limits: {pids: 21}}\n");
            up(two, "name: same\nnodes:\n  n: {namespaces: [pid, cgroup], limits: {pids: 32}}\n");
            String a = StateInstance.find(one.store.root()).orElseThrow().id();
            String b = StateInstance.find(two.store.root()).orElseThrow().id();
            assertThat(a).isNotEqualTo(b);
            Path pidsA = Path.of("/sys/fs/cgroup/pids/nslab", a, "same", "n", "pids.max");
            Path pidsB = Path.of("/sys/fs/cgroup/pids/nslab", b, "same", "n", "pids.max");
            if (!Files.exists(pidsA)) { // a host without a v1 pids hierarchy: the v2 one
                pidsA = Path.of("/sys/fs/cgroup/nslab", a, "same", "n", "pids.max");
                pidsB = Path.of("/sys/fs/cgroup/nslab", b, "same", "n", "pids.max");
            }
            assertThat(Files.readString(pidsA).strip()).isEqualTo("21");
            assertThat(Files.readString(pidsB).strip()).isEqualTo("32");
            long holderB = new NodeIsolation(two.store.lab("same").directory(), "same", "n").holder().orElseThrow();

            long t0 = System.nanoTime();
            one.deployer().down("same");
            assertThat((System.nanoTime() - t0) / 1_000_000).as("down waits for no cgroup of the other's").isLessThan(10_000);
            assertThat(Leftovers.of(one.store.root()).isEmpty()).isTrue();
            assertThat(Files.readString(pidsB).strip()).as("the other lab's limit").isEqualTo("32");
            assertThat(ProcessHandle.of(holderB)).as("the other lab's holder").isPresent();
            assertThat(new NodeIsolation(two.store.lab("same").directory(), "same", "n").holder()).hasValue(holderB);

            two.deployer().down("same");
            assertThat(Leftovers.of(two.store.root()).isEmpty()).isTrue();
        }
    }
}
