package io.nslab.deploy;

import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.op.Op;
import io.nslab.state.NamespaceState;
import io.nslab.state.Snapshot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The ledger owns exactly what the lab made: names freed by an edit are released, names others hold are never
 * taken or deleted, and a refused or failed run says what it left. The reproductions of issues found by users are
 * here by name; each runs in the simulator and on the kernel.
 */
class OwnershipTest {
    @TempDir
    Path state;

    private static final String ABC = """
            name: own
            nodes: {a: {}, b: {}, c: {}}
            links:
              - endpoints: ["a:e0 10.1.0.1/24", "b:e0 10.1.0.2/24"]
              - endpoints: ["b:e1 10.2.0.1/24", "c:e0 10.2.0.2/24"]
            """;

    private static void up(DeployWorld w, String text) {
        w.deployer().up(LabLoader.parse("own.yaml", text), text, op -> {
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void aNodeDroppedByAnEditIsReleasedSoDownNeverDeletesTheStrangerWhoTakesItsName(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            up(w, ABC);
            String ab = ABC.replace("{a: {}, b: {}, c: {}}", "{a: {}, b: {}}").replace("  - endpoints: [\"b:e1 10.2.0.1/24\", \"c:e0 10.2.0.2/24\"]\n", "");
            up(w, ab);
            assertThat(w.store.lab("own").namespaces()).containsOnlyKeys(NamespaceRef.named("own-a"), NamespaceRef.named("own-b"));

            w.stranger("own-c"); // another program: ip netns add own-c
            long strangers = w.inode("own-c").orElseThrow();
            DownResult down = w.deployer().down("own");
            assertThat(down.removed()).extracting(NamespaceRef.Named::name).containsExactlyInAnyOrder("own-a", "own-b");
            assertThat(w.namespaces()).containsExactly("own-c");
            assertThat(w.inode("own-c")).hasValue(strangers);
            w.deleteNamespace("own-c");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void anEditOntoANameAStrangerHoldsIsRefusedBeforeItDeletesAnything(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            up(w, ABC);
            long c = w.inode("own-c").orElseThrow();
            w.stranger("own-d");
            String abd = ABC.replace("c: {}", "d: {}").replace("c:e0", "d:e0");
            Throwable t = catchThrowable(() -> up(w, abd));
            assertThat(t).isInstanceOf(UpFailure.class).hasMessageContaining("namespace \"own-d\": already exists (node d)")
                    .hasMessageEndingWith("nothing was changed").hasMessageNotContaining("rolled back");
            assertThat(w.inode("own-c")).as("c is still there, the same namespace").hasValue(c);
            assertThat(w.store.lab("own").ownedNamespaces()).containsOnlyKeys(
                    NamespaceRef.named("own-a"), NamespaceRef.named("own-b"), NamespaceRef.named("own-c"));
            assertThat(w.deployer().plan(LabLoader.parse("own.yaml", ABC)).isEmpty()).as("the lab is as it was").isTrue();
            w.deleteNamespace("own-d");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void aLabNamespaceDeletedAndMadeAgainByAStrangerIsNeitherUpToDateNorDeleted(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            up(w, ABC);
            w.deleteNamespace("own-c"); // ip netns del own-c; ip netns add own-c: another program's now
            w.stranger("own-c");
            long strangers = w.inode("own-c").orElseThrow();

            Throwable t = catchThrowable(() -> up(w, ABC));
            assertThat(t).as("not up to date: c must be made, and its name is taken").isInstanceOf(UpFailure.class)
                    .hasMessageContaining("namespace \"own-c\": already exists (node c) and is not this lab's (inode " + strangers + ")");
            DownResult down = w.deployer().down("own");
            assertThat(down.removed()).extracting(NamespaceRef.Named::name).containsExactlyInAnyOrder("own-a", "own-b");
            assertThat(down.notes()).anySatisfy(n -> assertThat(n).contains("own-c is no longer the one this lab made"));
            assertThat(w.inode("own-c")).hasValue(strangers);
            w.deleteNamespace("own-c");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void aNamespaceDeletedOutsideNslabIsMadeAgainByTheNextUp(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            up(w, ABC);
            w.deleteNamespace("own-c");
            UpResult again = w.deployer().up(LabLoader.parse("own.yaml", ABC), ABC, op -> {
            });
            assertThat(again.notes()).anySatisfy(n -> assertThat(n).contains("own-c of this lab was deleted outside nslab"));
            assertThat(again.applied()).extracting(Op::command).contains("ip netns add own-c");
            DeployerTest.assertBuiltAsTheFileSays(w, LabLoader.parse("own.yaml", ABC));
            assertThat(w.store.lab("own").ownedNamespaces().get(NamespaceRef.named("own-c"))).isEqualTo(w.inode("own-c").orElseThrow());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void anEditThatRemovesALinkTogetherWithTheRouteThroughItWorks(String kind) throws IOException {
        String withRoute = ABC.replace("{a: {}, b: {}, c: {}}", "{a: {routes: [10.2.0.0/24 via 10.1.0.2]}, b: {}, c: {}}");
        String without = ABC.replace("{a: {}, b: {}, c: {}}", "{a: {}, b: {}, c: {}}")
                .replace("  - endpoints: [\"a:e0 10.1.0.1/24\", \"b:e0 10.1.0.2/24\"]\n", "");
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            up(w, withRoute);
            UpResult edit = w.deployer().up(LabLoader.parse("own.yaml", without), without, op -> {
            });
            assertThat(edit.applied()).extracting(Op::command).containsSubsequence(
                    "ip -n own-a route del 10.2.0.0/24 via 10.1.0.2", "ip -n own-a link del e0");
            assertThat(w.deployer().plan(LabLoader.parse("own.yaml", without)).isEmpty()).isTrue();
            DeployerTest.assertBuiltAsTheFileSays(w, LabLoader.parse("own.yaml", without));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void aFailedEditMakesTheLinkItDeletedAgainAsItWas(String kind) throws IOException {
        String mtu = ABC.replace("- endpoints: [\"a:e0 10.1.0.1/24\", \"b:e0 10.1.0.2/24\"]",
                "- endpoints: [\"a:e0 10.1.0.1/24\", \"b:e0 10.1.0.2/24\"]\n    mtu: 1400")
                .replace("{a: {}, b: {}, c: {}}", "{a: {routes: [10.2.0.0/24 via 10.1.0.2]}, b: {forwarding: true}, c: {}}");
        String base = ABC.replace("{a: {}, b: {}, c: {}}", "{a: {routes: [10.2.0.0/24 via 10.1.0.2]}, b: {forwarding: true}, c: {}}");
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            up(w, base);
            List<NamespaceRef.Named> names = List.of(NamespaceRef.named("own-a"), NamespaceRef.named("own-b"));
            Snapshot before = w.snapshot(names);
            // the edit deletes a:e0 (its MTU changes), makes it again, then fails at the route through it
            int[] replaced = {0};
            Deployer failing = w.deployer(FailingTarget.failWhen(w.target(), op -> op instanceof Op.ReplaceRoute && replaced[0]++ == 0));
            Throwable t = catchThrowable(() -> failing.up(LabLoader.parse("own.yaml", mtu), mtu, op -> {
            }));
            assertThat(t).isInstanceOf(UpFailure.class).hasMessageContaining("injected failure")
                    .hasMessageEndingWith("nothing of this run is left");
            Snapshot after = w.snapshot(names);
            for (NamespaceRef.Named n : names) {
                NamespaceState b = before.namespace(n).orElseThrow();
                NamespaceState a = after.namespace(n).orElseThrow();
                // the link made again has a new index and MAC (so a new IPv6 link-local address): the kernel chooses those
                assertThat(a.links()).extracting(l -> l.name() + " mtu " + l.mtu() + (l.adminUp() ? " up" : ""))
                        .containsExactlyInAnyOrderElementsOf(b.links().stream().map(l -> l.name() + " mtu " + l.mtu() + (l.adminUp() ? " up" : "")).toList());
                assertThat(a.addresses()).filteredOn(x -> !x.address().address().toString().startsWith("fe80:")).extracting(x -> x.dev() + " " + x.address())
                        .containsExactlyInAnyOrderElementsOf(b.addresses().stream().filter(x -> !x.address().address().toString().startsWith("fe80:"))
                                .map(x -> x.dev() + " " + x.address()).toList());
                assertThat(a.routes()).extracting(r -> r.destination() + " via " + r.gateway())
                        .containsExactlyInAnyOrderElementsOf(b.routes().stream().map(r -> r.destination() + " via " + r.gateway()).toList());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void anUpKilledHalfWayLeavesARecordThatCleanupFollowsToTheLetter(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            w.stranger("bystander");
            long bystander = w.inode("bystander").orElseThrow();
            Lab lab = LabLoader.parse("own.yaml", ABC);
            Deployer killed = w.deployer(FailingTarget.killAt(w.target(), op -> op instanceof Op.AddVeth));
            assertThat(catchThrowable(() -> killed.up(lab, ABC, op -> {
            }))).isInstanceOf(FailingTarget.Killed.class);
            assertThat(w.store.lab("own").ownedNamespaces()).as("every namespace made is owned, by inode")
                    .containsOnlyKeys(NamespaceRef.named("own-a"), NamespaceRef.named("own-b"), NamespaceRef.named("own-c"))
                    .allSatisfy((n, inode) -> assertThat(w.inode(n.name())).hasValue(inode));

            List<DownResult> cleaned = w.deployer().cleanup();
            assertThat(cleaned).singleElement().satisfies(r -> assertThat(r.removed()).hasSize(3));
            assertThat(w.namespaces()).containsExactly("bystander");
            assertThat(w.inode("bystander")).hasValue(bystander);
            assertThat(w.store.labs()).isEmpty();
            w.deleteNamespace("bystander");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void aRecordLineThatIsNotOneIsReportedAndNeverActedOn(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            up(w, ABC);
            w.stranger("foreign");
            Path journal = w.store.lab("own").directory().resolve("namespaces");
            Files.writeString(journal, "own ../../etc 12\nown foreign notanumber\nclaim foreign\nrm -rf /\n",
                    java.nio.file.StandardOpenOption.APPEND);
            DownResult down = w.deployer().down("own");
            assertThat(down.removed()).hasSize(3);
            assertThat(down.notes()).filteredOn(n -> n.startsWith("record: ")).hasSize(3);
            assertThat(w.namespaces()).containsExactly("foreign");
            w.deleteNamespace("foreign");
        }
    }

    /**
     * An up killed while making a namespace leaves the name claimed in the ledger and an empty file where the
     * namespace was being bound. The next up of the file finishes the lab: before, its preflight took the file for a
     * namespace, refused it as "not a namespace" or opened it (setns: EINVAL, exit 4). issue 22, item 5.
     */
    @org.junit.jupiter.api.Test
    void anUpAfterOneKilledWhileMakingANamespaceFinishesTheLab() throws IOException {
        try (DeployWorld w = DeployWorld.of("kernel", state)) {
            up(w, ABC);
            String abcd = ABC.replace("c: {}}", "c: {}, d: {}}") + "  - endpoints: [\"c:e1 10.3.0.1/24\", \"d:e0 10.3.0.2/24\"]\n";
            try (LabRecord record = w.store.lab("own")) {
                record.beginApply(List.of(NamespaceRef.named("own-c"))); // c gets the new link
                record.claimNamespaces(List.of(NamespaceRef.named("own-d")));
            }
            Path placeholder = ((DeployWorld.Kernel) w).support.directory().resolve("own-d");
            Files.createFile(placeholder); // what a namespace's creation makes first, before it binds the namespace there
            up(w, abcd);
            assertThat(w.inode("own-d")).as("own-d is a namespace now").isPresent();
            assertThat(w.store.lab("own").ownedNamespaces()).containsOnlyKeys(NamespaceRef.named("own-a"), NamespaceRef.named("own-b"),
                    NamespaceRef.named("own-c"), NamespaceRef.named("own-d"));
            assertThat(w.store.lab("own").interrupted()).isEmpty();
            assertThat(w.deployer().plan(LabLoader.parse("own.yaml", abcd)).isEmpty()).isTrue();
        }
    }
}
