package io.nslab.deploy;

import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An incremental {@code up} that removes, renames and adds nodes, killed (as by {@code kill -9}) before each of its
 * ops in turn: the next {@code up} of the edited file finishes the edit, and {@code cleanup} leaves nothing of the
 * lab. The deterministic form of EditKillTrialsTest's random kills. A kill after the nodes the edit adds had their
 * addresses, before the edited lab was saved, left namespaces the next up deletes (in nobody's lab as last applied)
 * whose addresses its drift repair also planned to delete, after them: the preflight refused "namespace ke-g15 does
 * not exist" for every such node (CI, seed 75573730853005, trial 4).
 */
class KilledEditTest {
    @TempDir
    Path state;

    /** A hub and hosts; the edit drops h0, renames h1 to g1, adds x0 and changes h2's MTU; every host routes via the hub. */
    private static String star(boolean edited) {
        List<String> hosts = edited ? List.of("g1", "h2", "h3", "x0") : List.of("h0", "h1", "h2", "h3");
        StringBuilder nodes = new StringBuilder("name: ke\nnodes:\n  hub: {forwarding: true}\n");
        StringBuilder links = new StringBuilder("links:\n");
        for (String h : hosts) {
            int n = Integer.parseInt(h.substring(1)) + (h.startsWith("x") ? 100 : 0);
            nodes.append("  ").append(h).append(": {routes: [default via 10.0.").append(n).append(".1]}\n");
            links.append("  - endpoints: [\"hub:p").append(h).append(" 10.0.").append(n).append(".1/24\", \"").append(h)
                    .append(":eth0 10.0.").append(n).append(".2/24\"]\n");
            if (edited && h.equals("h2")) {
                links.append("    mtu: 1400\n");
            }
        }
        return nodes.append(links).toString();
    }

    private static final String BASE = star(false);
    private static final String EDITED = star(true);

    /**
     * Runs {@code command} as one nslab process would: on the kernel with a network of its own, closed after (a
     * namespace a process still holds open outlives its deletion, and its veths' peers with it).
     */
    private static <T> T process(DeployWorld w, java.util.function.Function<DeployTarget, T> command) {
        if (w instanceof DeployWorld.Kernel k) {
            try (KernelNetwork network = new KernelNetwork(k.support.registry())) {
                return command.apply(new KernelTarget(network));
            }
        }
        return command.apply(w.target());
    }

    private static void up(DeployWorld w, String text) {
        process(w, t -> w.deployer(t).up(LabLoader.parse("ke.yaml", text), text, op -> {
        }));
    }

    /** Runs the edit, killed before its {@code n}-th op; false when the edit has fewer ops and finished. */
    private static boolean killedEdit(DeployWorld w, int n) {
        int[] seen = {0};
        Throwable t = process(w, target -> catchThrowable(() -> w.deployer(FailingTarget.killAt(target, op -> seen[0]++ == n))
                .up(LabLoader.parse("ke.yaml", EDITED), EDITED, op -> {
                })));
        if (t == null) {
            return false;
        }
        assertThat(t).as("kill before op " + n).isInstanceOf(FailingTarget.Killed.class);
        return true;
    }

    /** The lab's namespaces in the world are those its ledger owns, by inode. */
    private static void ledgerTrue(DeployWorld w, String where) {
        var owned = w.store.lab("ke").ownedNamespaces();
        List<String> labs = new ArrayList<>(w.namespaces());
        labs.removeIf(n -> n.equals("bystander") || w.inode(n).isEmpty());
        assertThat(owned.keySet().stream().map(NamespaceRef.Named::name).toList()).as(where).containsAll(labs);
        labs.forEach(n -> assertThat(w.inode(n)).as(where + ": " + n).hasValue(owned.get(NamespaceRef.named(n))));
    }

    /**
     * From the base lab each time, the edit killed before its op 0, 1, ... until it runs whole; after each kill the
     * ledger is checked and {@code afterKill} gets where it was killed. Returns how many kills there were.
     */
    private static int killEachOp(DeployWorld w, java.util.function.Consumer<String> afterKill) throws IOException {
        for (int n = 0; ; n++) {
            String where = "killed before op " + n;
            up(w, BASE);
            if (!killedEdit(w, n)) {
                return n;
            }
            ledgerTrue(w, where);
            afterKill.accept(where);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void theNextUpFinishesAnEditKilledBeforeAnyOfItsOps(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            w.stranger("bystander");
            long bystander = w.inode("bystander").orElseThrow();
            Lab edited = LabLoader.parse("ke.yaml", EDITED);
            int n = killEachOp(w, where -> {
                Throwable finish = catchThrowable(() -> up(w, EDITED));
                assertThat(finish).as(where + ": the next up finishes the edit").isNull();
                assertThat((boolean) process(w, t -> w.deployer(t).plan(edited).isEmpty())).as(where + ": up to date").isTrue();
                assertThat(w.store.lab("ke").interrupted()).as(where).isEmpty();
                assertThat(new TreeSet<>(w.namespaces())).as(where).containsExactlyInAnyOrder("bystander", "ke-hub", "ke-g1",
                        "ke-h2", "ke-h3", "ke-x0");
            });
            assertThat(n).as("the edit has ops to be killed at").isGreaterThan(10);
            assertThat(w.inode("bystander")).hasValue(bystander);
            w.deleteNamespace("bystander");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void cleanupRemovesAnEditKilledBeforeAnyOfItsOps(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            w.stranger("bystander");
            long bystander = w.inode("bystander").orElseThrow();
            killEachOp(w, where -> {
                List<DownResult> cleaned = process(w, t -> w.deployer(t).cleanup());
                assertThat(cleaned).as(where).singleElement().satisfies(r -> assertThat(r.lab()).isEqualTo("ke"));
                assertThat(w.namespaces()).as(where).containsExactly("bystander");
                assertThat(w.store.labs()).as(where).isEmpty();
            });
            assertThat(w.inode("bystander")).hasValue(bystander);
            w.deleteNamespace("bystander");
        }
    }

    /**
     * Killed after it saved the edited lab and before it removed its mark: the next up makes the namespaces the mark
     * names again from the file, and the rest is as the file says.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void theNextUpFinishesAnEditKilledAfterItSavedTheLab(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            up(w, BASE);
            up(w, EDITED);
            try (LabRecord record = w.store.lab("ke")) {
                // what the edit was changing among the base lab's namespaces
                record.beginApply(List.of(NamespaceRef.named("ke-hub"), NamespaceRef.named("ke-h0"), NamespaceRef.named("ke-h1"),
                        NamespaceRef.named("ke-h2")));
            }
            up(w, EDITED);
            assertThat((boolean) process(w, t -> w.deployer(t).plan(LabLoader.parse("ke.yaml", EDITED)).isEmpty())).isTrue();
            assertThat(w.store.lab("ke").interrupted()).isEmpty();
        }
    }
}
