package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.model.Endpoint;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Node;
import io.nslab.model.Route;
import io.nslab.model.VethLink;
import io.nslab.model.load.LabLoader;
import io.nslab.op.Op;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Deploy, edit, roll back and tear down, the same tests in the simulator (no root) and on the kernel. */
class DeployerTest {
    @TempDir
    Path state;

    static Stream<Arguments> examplesInBothWorlds() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                if (LabLoader.load(f).nodes().values().stream().allMatch(n -> n.firewall().isEmpty())) {
                    out.add(Arguments.of("sim", f));
                    out.add(Arguments.of("kernel", f));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> examplesWithFirewallsInBothWorlds() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                if (LabLoader.load(f).nodes().values().stream().anyMatch(n -> !n.firewall().isEmpty())) {
                    out.add(Arguments.of("sim", f));
                    out.add(Arguments.of("kernel", f));
                }
            }
        }
        assertThat(out).as("the examples have firewalls").isNotEmpty();
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examplesWithFirewallsInBothWorlds")
    void firewallTablesAreDeployedEditedOneTableAtATimeAndGoWithTheLab(String kind, Path file) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            String text = Files.readString(file);
            Lab lab = LabLoader.parse(file.toString(), text);
            UpResult up = w.deployer().up(lab, text, DeployerTest::noProgress);
            long tables = lab.nodes().values().stream().mapToLong(n -> n.firewall().tables().size()).sum();
            assertThat(up.applied().stream().filter(op -> op instanceof Op.SetTable).count()).isEqualTo(tables);
            assertThat(w.deployer().plan(lab).isEmpty()).as("up again: nothing to do").isTrue();

            // one table more: that table alone is made, in one op; nothing else is touched
            String edited = text.replaceFirst("firewall:\n", "firewall:\n      tables:\n        ip extra:\n          c: {rules: [ip saddr 192.0.2.0/24 drop]}\n");
            Lab next = LabLoader.parse(file.toString(), edited);
            List<Op> plan = w.deployer().plan(next).ops();
            assertThat(plan).hasSize(1).allMatch(op -> op instanceof Op.SetTable);
            w.deployer().up(next, edited, DeployerTest::noProgress);
            assertThat(w.deployer().plan(next).isEmpty()).isTrue();
            // and back: the table the edit made goes, or is replaced by the file's
            assertThat(w.deployer().plan(lab).ops()).isNotEmpty()
                    .allMatch(op -> op instanceof Op.SetTable || op instanceof Op.DeleteTable);
            w.deployer().up(lab, text, DeployerTest::noProgress);

            w.deployer().down(lab.name());
            assertThat(w.namespaces()).as("the tables went with the namespaces").isEmpty();
        }
    }

    private static void noProgress(Op op) {
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examplesInBothWorlds")
    void everyExampleIsBuiltAsTheFileSaysAndRemovedWithoutATrace(String kind, Path file) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            Lab lab = LabLoader.load(file);
            Deployer deployer = w.deployer();
            UpResult result = deployer.up(lab, Files.readString(file), DeployerTest::noProgress);
            assertThat(result.applied()).isNotEmpty();
            List<NamespaceRef.Named> names = lab.nodes().keySet().stream().map(lab::namespaceOf).toList();
            assertThat(w.namespaces()).containsExactlyInAnyOrderElementsOf(names.stream().map(NamespaceRef.Named::name).toList());
            assertThat(w.store.lab(lab.name()).ownedNamespaces()).as("the ledger owns exactly the lab's namespaces, by inode")
                    .containsOnlyKeys(names).allSatisfy((n, inode) -> assertThat(w.inode(n.name())).hasValue(inode));
            assertBuiltAsTheFileSays(w, lab);

            assertThat(deployer.up(lab, Files.readString(file), DeployerTest::noProgress).upToDate()).as("a second up changes nothing").isTrue();
            assertThat(deployer.down(lab.name()).removed()).hasSize(lab.nodes().size());
            assertThat(w.namespaces()).isEmpty();
            assertThat(w.store.labs()).isEmpty();
        }
    }

    static void assertBuiltAsTheFileSays(DeployWorld w, Lab lab) {
        Snapshot snap = w.snapshot(lab.nodes().keySet().stream().map(lab::namespaceOf).toList());
        for (Node node : lab.nodes().values()) {
            NamespaceState ns = snap.namespace(lab.netnsOf(node.name())).orElseThrow();
            for (Endpoint e : lab.endpointsOf(node.name())) {
                assertThat(ns.links()).as("%s in %s", e.ifname(), ns.netns()).anySatisfy(l -> {
                    assertThat(l.name()).isEqualTo(e.ifname());
                    assertThat(l.adminUp()).isEqualTo(e.up());
                });
                for (var a : e.addresses()) {
                    assertThat(ns.addresses()).anySatisfy(s -> {
                        assertThat(s.dev()).isEqualTo(e.ifname());
                        assertThat(s.address()).isEqualTo(a);
                    });
                }
            }
            for (Route r : node.routes()) {
                assertThat(ns.routes()).as("route %s on %s", r, node.name()).anySatisfy(s -> {
                    assertThat(s.table()).isEqualTo(RouteState.TABLE_MAIN);
                    assertThat(s.destination()).isEqualTo(r.destination());
                    assertThat(s.gateway()).isEqualTo(r.via());
                    assertThat(s.metric()).isEqualTo(r.metric().orElse(0));
                });
            }
            node.sysctls().forEach((k, v) -> assertThat(w.target().readSysctl(ns.netns(), k)).as(k).isEqualTo(v));
            for (var b : node.bridges()) {
                for (var port : b.ports()) {
                    assertThat(ns.links()).anySatisfy(l -> {
                        assertThat(l.name()).isEqualTo(port);
                        assertThat(l.master()).contains(b.name());
                    });
                }
            }
        }
        for (VethLink l : lab.links()) {
            NamespaceState a = snap.namespace(lab.netnsOf(l.a().node())).orElseThrow();
            assertThat(a.links()).anySatisfy(s -> {
                assertThat(s.name()).isEqualTo(l.a().ifname());
                assertThat(s.peer()).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo(l.b().ifname()));
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void aFailureAtAnyOpRollsBackEverything(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            Path file = Path.of("../examples/bridge.yaml");
            Lab lab = LabLoader.load(file);
            int total = w.deployer().plan(lab).ops().size();
            for (int k = 0; k < total; k++) {
                Deployer deployer = w.deployer(FailingTarget.failAt(w.target(), k));
                Throwable t = catchThrowable(() -> deployer.up(lab, Files.readString(file), DeployerTest::noProgress));
                assertThat(t).as("failing at op %d", k).isInstanceOf(UpFailure.class).hasMessageContaining("injected failure")
                        .hasMessageContaining("rolled back").hasMessageEndingWith("nothing of this run is left");
                assertThat(w.namespaces()).as("namespaces after failing at op %d", k).isEmpty();
                assertThat(w.store.labs()).as("records after failing at op %d", k).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void aFailureInAnEditRestoresTheRunningLab(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            Path file = Path.of("../examples/seed.yaml");
            String text = Files.readString(file);
            Lab lab = LabLoader.load(file);
            w.deployer().up(lab, text, DeployerTest::noProgress);
            List<NamespaceRef.Named> names = List.of(NamespaceRef.named("ns1"), NamespaceRef.named("router"), NamespaceRef.named("ns2"));
            Snapshot before = w.snapshot(names);

            String edited = text.replace("forwarding: true", "forwarding: true\n    rp-filter: strict")
                    .replace("10.10.20.0/24 via 10.10.10.1", "10.10.20.0/24 via 10.10.10.1 metric 7");
            Lab next = LabLoader.parse("edited.yaml", edited);
            assertThat(w.deployer().plan(next).ops()).extracting(Op::command).containsExactly(
                    "ip -n ns1 route del 10.10.20.0/24 via 10.10.10.1",
                    "ip netns exec router sysctl -w net.ipv4.conf.all.rp_filter=1",
                    "ip -n ns1 route add 10.10.20.0/24 via 10.10.10.1 metric 7");
            Deployer failing = w.deployer(FailingTarget.failWhen(w.target(), op -> op instanceof Op.AddRoute));
            assertThat(catchThrowable(() -> failing.up(next, edited, DeployerTest::noProgress)))
                    .hasMessageContaining("node \"ns1\"").hasMessageContaining("injected failure")
                    .hasMessageContaining("nothing of this run is left");

            Snapshot after = w.snapshot(names);
            assertThat(after.namespaces()).extracting(NamespaceState::routes)
                    .isEqualTo(before.namespaces().stream().map(NamespaceState::routes).toList());
            assertThat(w.target().readSysctl(NamespaceRef.named("router"), "net.ipv4.conf.all.rp_filter")).isEqualTo("0");
            assertThat(w.deployer().plan(lab).isEmpty()).as("the record still says the old lab").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void anEditAppliesOnlyTheDifference(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            Path file = Path.of("../examples/bridge.yaml");
            String text = Files.readString(file);
            Deployer deployer = w.deployer();
            deployer.up(LabLoader.load(file), text, DeployerTest::noProgress);
            String edited = text.replace("- endpoints: [\"h3:eth0 10.0.0.3/24\", \"sw:p3\"]",
                            "- endpoints: [\"h3:eth0 10.0.0.3/24\", \"sw:p3\"]\n  - endpoints: [\"h4:eth0 10.0.0.4/24\", \"sw:p4\"]")
                    .replace("ports: [p1, p2, p3]", "ports: [p1, p2, p3, p4]").replace("  h3: {}", "  h3: {}\n  h4: {}");
            Lab next = LabLoader.parse("edited.yaml", edited);
            assertThat(deployer.up(next, edited, DeployerTest::noProgress).applied()).extracting(Op::command).containsExactly(
                    "ip netns add bridge-h4",
                    "ip -n bridge-h4 link add eth0 type veth peer name p4 netns bridge-sw",
                    "ip -n bridge-sw link set p4 master br0",
                    "ip -n bridge-h4 addr add 10.0.0.4/24 dev eth0",
                    "ip -n bridge-sw link set p4 up",
                    "ip -n bridge-h4 link set lo up",
                    "ip -n bridge-h4 link set eth0 up");
            assertThat(w.namespaces()).contains("bridge-h4");

            assertThat(deployer.up(LabLoader.load(file), text, DeployerTest::noProgress).applied()).extracting(Op::command)
                    .containsExactly("ip -n bridge-sw link del p4", "ip netns del bridge-h4");
            assertThat(w.namespaces()).doesNotContain("bridge-h4");
            assertThat(w.store.lab("bridge").namespaces()).doesNotContainKey(NamespaceRef.named("bridge-h4"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void aNewNodeLinkedToARunningOneAndToAnotherNewOneGetsBothLinks(String kind) throws IOException {
        String before = """
                name: grow
                nodes: {a: {}, b: {}}
                links:
                  - endpoints: ["a:e0 10.9.0.1/30", "b:e0 10.9.0.2/30"]
                """;
        // x's link to a (made before: the kernel picks the index of x's end) comes before its link to z (both new:
        // nslab picks the indexes), in one batch in x and in one edit
        String after = before.replace("{a: {}, b: {}}", "{a: {}, b: {}, x: {}, z: {}}") + """
                  - endpoints: ["x:e0 10.9.1.1/30", "a:e1 10.9.1.2/30"]
                  - endpoints: ["x:e1 10.9.2.1/30", "z:e0 10.9.2.2/30"]
                """;
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            w.deployer().up(LabLoader.parse("grow.yaml", before), before, DeployerTest::noProgress);
            // a later `nslab up` is a new process: a fresh view of the world, which made neither a nor b
            DeployTarget later = w.laterTarget();
            w.deployer(later).up(LabLoader.parse("grow.yaml", after), after, DeployerTest::noProgress);
            Snapshot snap = later.snapshot(List.of(NamespaceRef.named("grow-x"), NamespaceRef.named("grow-a")));
            assertThat(snap.namespace("grow-x").orElseThrow().links()).extracting(l -> l.name().value()).contains("e0", "e1");
            assertThat(snap.namespace("grow-a").orElseThrow().links()).extracting(l -> l.name().value()).contains("e0", "e1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim", "kernel"})
    void aNameAStrangerHoldsIsRefusedBeforeAnythingIsMade(String kind) throws IOException {
        try (DeployWorld w = DeployWorld.of(kind, state)) {
            w.stranger("ns2");
            long inode = w.inode("ns2").orElseThrow();
            Path file = Path.of("../examples/seed.yaml");
            Throwable t = catchThrowable(() -> w.deployer().up(LabLoader.load(file), Files.readString(file), DeployerTest::noProgress));
            assertThat(t).isInstanceOf(UpFailure.class)
                    .hasMessageContaining("namespace \"ns2\": already exists (node ns2) and is not this lab's (inode " + inode + ")")
                    .hasMessageEndingWith("nothing was changed");
            assertThat(((UpFailure) t).exitCode()).as("another program's namespace is the environment, not bad input")
                    .isEqualTo(ExitCode.ENVIRONMENT);
            assertThat(w.namespaces()).containsExactly("ns2");
            assertThat(w.inode("ns2")).hasValue(inode);
            assertThat(w.store.labs()).isEmpty();
            w.deleteNamespace("ns2");
        }
    }
}
