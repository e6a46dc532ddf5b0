package io.nslab.deploy;

import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.Endpoint;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.Route;
import io.nslab.model.VethLink;
import io.nslab.model.load.LabLoader;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class DeployerTest {
    @TempDir
    Path state;
    private KernelTestSupport support;
    private KernelNetwork network;
    private StateStore store;

    private DeployFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = DeployFixture.create(state);
        support = fixture.support;
        network = fixture.network;
        store = fixture.store;
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static Stream<Path> examples() throws IOException {
        return Files.list(Path.of("../examples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleIsBuiltAsTheFileSaysAndRemovedWithoutATrace(Path file) throws IOException {
        Lab lab = LabLoader.load(file);
        Deployer deployer = new Deployer(store, network, new Interruption());
        List<Op> applied = deployer.up(lab, Files.readString(file), op -> {
        });
        assertThat(applied).isNotEmpty();
        assertThat(support.registry().list()).containsExactlyInAnyOrderElementsOf(
                lab.nodes().keySet().stream().map(lab::netnsOf).toList());

        Snapshot snap = network.snapshot(lab.nodes().keySet().stream().map(lab::netnsOf).toList());
        for (Node node : lab.nodes().values()) {
            NamespaceState ns = snap.namespace(lab.netnsOf(node.name())).orElseThrow();
            for (Endpoint e : lab.endpointsOf(node.name())) {
                assertThat(ns.links()).as("%s in %s", e.ifname(), ns.netns())
                        .anySatisfy(l -> {
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
            node.sysctls().forEach((k, v) -> assertThat(network.readSysctl(ns.netns(), k)).as(k).isEqualTo(v));
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

        assertThat(deployer.up(lab, Files.readString(file), op -> {
        })).as("a second up changes nothing").isEmpty();

        assertThat(deployer.down(lab.name())).isEqualTo(lab.nodes().size());
        assertThat(support.registry().list()).isEmpty();
        assertThat(store.labs()).isEmpty();
    }

    @Test
    void aFailureAtAnyOpRollsBackEverything() throws IOException {
        Path file = Path.of("../examples/bridge.yaml");
        Lab lab = LabLoader.load(file);
        int total = new Deployer(store, network, new Interruption()).plan(lab).size();
        for (int k = 0; k < total; k++) {
            int failAt = k;
            int[] seen = {0};
            Deployer deployer = new Deployer(store, network, new Interruption(), op -> {
                if (seen[0]++ == failAt) {
                    throw new OpException(op, io.nslab.netlink.Errno.EIO, "injected failure");
                }
            });
            Throwable t = catchThrowable(() -> deployer.up(lab, Files.readString(file), op -> {
            }));
            assertThat(t).as("failing at op %d", k).hasMessageContaining("injected failure").hasMessageContaining("rolled back");
            assertThat(support.registry().list()).as("namespaces after failing at op %d", k).isEmpty();
            assertThat(store.labs()).as("records after failing at op %d", k).isEmpty();
        }
    }

    @Test
    void aFailureInAnEditRestoresTheRunningLab() throws IOException {
        Path file = Path.of("../examples/seed.yaml");
        String text = Files.readString(file);
        Lab lab = LabLoader.load(file);
        new Deployer(store, network, new Interruption()).up(lab, text, op -> {
        });
        Snapshot before = network.snapshot(List.of("ns1", "router", "ns2"));

        String edited = text.replace("forwarding: true", "forwarding: true\n    rp-filter: strict")
                .replace("10.10.20.0/24 via 10.10.10.1", "10.10.20.0/24 via 10.10.10.1 metric 7");
        Lab next = LabLoader.parse("edited.yaml", edited);
        List<Op> plan = new Deployer(store, network, new Interruption()).plan(next);
        assertThat(plan).extracting(Op::command).containsExactly(
                "ip -n ns1 route del 10.10.20.0/24 via 10.10.10.1",
                "ip netns exec router sysctl -w net.ipv4.conf.all.rp_filter=1",
                "ip -n ns1 route add 10.10.20.0/24 via 10.10.10.1 metric 7");
        Deployer failing = new Deployer(store, network, new Interruption(), op -> {
            if (op instanceof Op.AddRoute) {
                throw new OpException(op, io.nslab.netlink.Errno.EIO, "injected failure");
            }
        });
        assertThat(catchThrowable(() -> failing.up(next, edited, op -> {
        }))).hasMessageContaining("node \"ns1\"").hasMessageContaining("injected failure");

        Snapshot after = network.snapshot(List.of("ns1", "router", "ns2"));
        assertThat(after.namespaces()).extracting(NamespaceState::routes)
                .isEqualTo(before.namespaces().stream().map(NamespaceState::routes).toList());
        assertThat(network.readSysctl("router", "net.ipv4.conf.all.rp_filter")).isEqualTo("0");
        assertThat(new Deployer(store, network, new Interruption()).plan(lab)).as("the record still says the old lab").isEmpty();
    }

    @Test
    void anEditAppliesOnlyTheDifference() throws IOException {
        Path file = Path.of("../examples/bridge.yaml");
        String text = Files.readString(file);
        Deployer deployer = new Deployer(store, network, new Interruption());
        deployer.up(LabLoader.load(file), text, op -> {
        });
        String edited = text.replace("- endpoints: [\"h3:eth0 10.0.0.3/24\", \"sw:p3\"]",
                "- endpoints: [\"h3:eth0 10.0.0.3/24\", \"sw:p3\"]\n  - endpoints: [\"h4:eth0 10.0.0.4/24\", \"sw:p4\"]")
                .replace("ports: [p1, p2, p3]", "ports: [p1, p2, p3, p4]").replace("  h3: {}", "  h3: {}\n  h4: {}");
        Lab next = LabLoader.parse("edited.yaml", edited);
        List<Op> applied = deployer.up(next, edited, op -> {
        });
        assertThat(applied).extracting(Op::command).containsExactly(
                "ip netns add bridge-h4",
                "ip -n bridge-h4 link add eth0 type veth peer name p4 netns bridge-sw",
                "ip -n bridge-sw link set p4 master br0",
                "ip -n bridge-h4 addr add 10.0.0.4/24 dev eth0",
                "ip -n bridge-sw link set p4 up",
                "ip -n bridge-h4 link set lo up",
                "ip -n bridge-h4 link set eth0 up");
        assertThat(support.registry().list()).contains("bridge-h4");

        List<Op> back = deployer.up(LabLoader.load(file), text, op -> {
        });
        assertThat(back).extracting(Op::command).containsExactly("ip netns del bridge-h4");
        assertThat(support.registry().list()).doesNotContain("bridge-h4");
    }

    @Test
    void aNewNodeLinkedToARunningOneAndToAnotherNewOneGetsBothLinks() throws IOException {
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
        fixture.deployer().up(LabLoader.parse("grow.yaml", before), before, op -> {
        });
        // a later `nslab up` is a new process: a fresh view of the kernel, which made neither a nor b
        try (KernelNetwork later = new KernelNetwork(support.registry())) {
            new Deployer(store, later, new Interruption()).up(LabLoader.parse("grow.yaml", after), after, op -> {
            });
            Snapshot snap = later.snapshot(List.of("grow-x", "grow-z", "grow-a"));
            assertThat(snap.namespace("grow-x").orElseThrow().links()).extracting(l -> l.name().value())
                    .contains("e0", "e1");
            assertThat(snap.namespace("grow-a").orElseThrow().links()).extracting(l -> l.name().value())
                    .contains("e0", "e1");
        }
    }

    @Test
    void neverTakesANamespaceItDidNotCreate() throws IOException {
        support.registry().create("ns2").close();
        Path file = Path.of("../examples/seed.yaml");
        Lab lab = LabLoader.load(file);
        Throwable t = catchThrowable(() -> new Deployer(store, network, new Interruption()).up(lab, Files.readString(file), op -> {
        }));
        assertThat(t).hasMessageContaining("namespace \"ns2\" already exists and is not this lab's");
        assertThat(support.registry().list()).containsExactly("ns2");
        assertThat(store.labs()).isEmpty();
        support.registry().delete("ns2");
    }

    @Test
    void twoLabsComeUpTogetherWithoutDisturbingEachOther() throws Exception {
        Path chain = Path.of("../examples/chain.yaml");
        Path bridge = Path.of("../examples/bridge.yaml");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> new Deployer(store, network, new Interruption()).up(LabLoader.load(chain), Files.readString(chain), op -> {
            }));
            var b = pool.submit(() -> new Deployer(store, network, new Interruption()).up(LabLoader.load(bridge), Files.readString(bridge), op -> {
            }));
            assertThat(a.get()).isNotEmpty();
            assertThat(b.get()).isNotEmpty();
        }
        assertThat(store.labs()).containsExactly("bridge", "chain");
        assertThat(support.registry().list()).hasSize(9);
        assertThat(new Deployer(store, network, new Interruption()).down("chain")).isEqualTo(5);
        assertThat(support.registry().list()).as("the other lab is untouched")
                .containsExactlyInAnyOrder("bridge-sw", "bridge-h1", "bridge-h2", "bridge-h3");
    }

    @Test
    void aFailureWhileNamespacesAreMadeInParallelRollsBackEverything() {
        StringBuilder yaml = new StringBuilder("name: par\nnodes:\n  r: {}\n");
        for (int i = 0; i < 30; i++) {
            yaml.append("  h").append(i).append(": {}\n");
        }
        Lab lab = LabLoader.parse("par.yaml", yaml.toString());
        int[] seen = {0};
        Deployer deployer = new Deployer(store, network, new Interruption(), op -> {
            synchronized (seen) {
                if (op instanceof Op.AddNamespace && ++seen[0] == 17) {
                    throw new OpException(op, io.nslab.netlink.Errno.EIO, "injected failure");
                }
            }
        });
        assertThat(catchThrowable(() -> deployer.up(lab, yaml.toString(), op -> {
        }))).hasMessageContaining("injected failure").hasMessageContaining("rolled back");
        assertThat(support.registry().list()).isEmpty();
        assertThat(store.labs()).isEmpty();
    }
}
