package io.nslab.kernel;

import static io.nslab.model.NamespaceRef.named;

import io.nslab.netlink.Errno;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.Route;
import io.nslab.model.RouteType;
import io.nslab.model.load.LabLoader;
import io.nslab.op.LabPlanner;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KernelNetworkTest {
    private KernelTestSupport support;
    private KernelNetwork network;

    @BeforeEach
    void setUp() throws Exception {
        support = KernelTestSupport.create();
        network = new KernelNetwork(support.registry());
    }

    @AfterEach
    void tearDown() {
        if (network != null) {
            network.close();
        }
        if (support != null) {
            support.close();
        }
    }

    @Test
    void seedLabIsBuiltAsPlanned() {
        Lab lab = LabLoader.load(Path.of("../examples/seed.yaml"));
        network.applyAll(LabPlanner.plan(lab));

        NamespaceState ns1 = network.snapshot().namespace("ns1").orElseThrow();
        LinkState v1 = ns1.links().stream().filter(l -> l.name().value().equals("v1")).findFirst().orElseThrow();
        assertThat(v1.kind()).isEqualTo(LinkKind.VETH);
        assertThat(v1.adminUp()).isTrue();
        assertThat(v1.carrier()).isTrue();
        assertThat(v1.peer()).hasValue(new LinkState.Peer(named("router"), IfName.of("v1_r")));
        assertThat(ns1.addresses()).extracting(a -> a.dev() + " " + a.address())
                .contains("v1 10.10.10.2/24", "lo 127.0.0.1/8");
        assertThat(ns1.routes()).filteredOn(r -> r.table() == RouteState.TABLE_MAIN && r.destination().address().isV4())
                .extracting(r -> r.destination() + " " + r.gateway().map(Object::toString).orElse("-") + " " + r.dev().orElseThrow()
                        + " proto " + r.protocol())
                .containsExactlyInAnyOrder("10.10.10.0/24 - v1 proto 2", "10.10.20.0/24 10.10.10.1 v1 proto 3");
        assertThat(ns1.sysctls()).containsEntry("net.ipv4.ip_forward", "0");

        NamespaceState router = network.snapshot().namespace("router").orElseThrow();
        assertThat(router.sysctls()).containsEntry("net.ipv4.ip_forward", "1");
        assertThat(router.routes()).filteredOn(r -> r.table() == RouteState.TABLE_LOCAL)
                .extracting(r -> r.kind().word() + " " + r.destination())
                .contains("local 10.10.10.1/32", "local 10.10.20.1/32");
    }

    @Test
    void refusalsCarryTheKernelsWords() {
        network.apply(new Op.AddNamespace(named("a")));
        network.apply(new Op.AddNamespace(named("b")));
        network.apply(new Op.AddVeth(named("a"), IfName.of("e0"), named("b"), IfName.of("e0"), OptionalInt.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty()));
        network.apply(new Op.AddAddress(named("a"), IfName.of("e0"), IpPrefix.parse("10.0.0.1/24")));
        network.apply(new Op.SetLinkState(named("a"), IfName.of("e0"), true));

        Route offSubnet = new Route(RouteType.UNICAST, IpPrefix.parse("10.9.0.0/16"), Optional.of(IpAddress.parse("10.5.0.1")),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), false);
        OpException gw = catchThrowableOfType(OpException.class, () -> network.apply(new Op.AddRoute(named("a"), offSubnet)));
        assertThat(gw.kernelMessage()).isEqualTo("Error: Nexthop has invalid gateway.");
        assertThat(gw.errno()).isEqualTo(Errno.ENETUNREACH);

        OpException twice = catchThrowableOfType(OpException.class,
                () -> network.apply(new Op.AddAddress(named("a"), IfName.of("e0"), IpPrefix.parse("10.0.0.1/24"))));
        assertThat(twice.kernelMessage()).isEqualTo("Error: ipv4: Address already assigned.");

        Route connected = new Route(RouteType.UNICAST, IpPrefix.parse("10.9.0.0/16"), Optional.of(IpAddress.parse("10.0.0.2")),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), false);
        network.apply(new Op.AddRoute(named("a"), connected));
        OpException exists = catchThrowableOfType(OpException.class, () -> network.apply(new Op.AddRoute(named("a"), connected)));
        assertThat(exists.kernelMessage()).isEqualTo("RTNETLINK answers: File exists");
        assertThat(exists.errno()).isEqualTo(Errno.EEXIST);

        OpException nodev = catchThrowableOfType(OpException.class,
                () -> network.apply(new Op.SetLinkState(named("a"), IfName.of("nope"), true)));
        assertThat(nodev.kernelMessage()).isEqualTo("Cannot find device \"nope\"");
        assertThat(nodev.getMessage()).isEqualTo("ip -n a link set nope up: Cannot find device \"nope\"");
    }

    @Test
    void deletingANamespaceTakesItsVethPeerAlong() {
        network.apply(new Op.AddNamespace(named("a")));
        network.apply(new Op.AddNamespace(named("b")));
        network.apply(new Op.AddVeth(named("a"), IfName.of("x"), named("b"), IfName.of("y"), OptionalInt.of(1400), Optional.empty(),
                OptionalInt.empty(), Optional.of(io.nslab.model.MacAddress.parse("02:00:00:00:00:42"))));
        NamespaceState b = network.snapshot().namespace("b").orElseThrow();
        LinkState y = b.links().stream().filter(l -> l.name().value().equals("y")).findFirst().orElseThrow();
        assertThat(y.mac()).hasToString("02:00:00:00:00:42");
        assertThat(network.snapshot().namespace("a").orElseThrow().links()).anySatisfy(l -> {
            assertThat(l.name().value()).isEqualTo("x");
            assertThat(l.mtu()).isEqualTo(1400);
        });
        network.apply(new Op.DeleteNamespace(named("a")));
        assertThat(support.registry().list()).containsExactly("b");
        // the peer goes asynchronously; give the kernel a moment
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline
                && network.snapshot().namespace("b").orElseThrow().links().stream().anyMatch(l -> l.name().value().equals("y"))) {
            Thread.onSpinWait();
        }
        assertThat(network.snapshot().namespace("b").orElseThrow().links()).extracting(l -> l.name().value()).containsExactly("lo");
    }

    @Test
    void vethsBetweenNewNamespacesGetTheIndexesChosenForThemAndOthersTheKernels() throws Exception {
        network.apply(new Op.AddNamespace(named("a")));
        network.apply(new Op.AddNamespace(named("b")));
        support.registry().create("foreign").close(); // made elsewhere: its links are not known here
        network.applyPhase(List.of(
                new Op.AddVeth(named("a"), IfName.of("x1"), named("b"), IfName.of("y1"), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty()),
                new Op.AddVeth(named("a"), IfName.of("x2"), named("b"), IfName.of("y2"), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty()),
                new Op.AddVeth(named("b"), IfName.of("y3"), named("foreign"), IfName.of("z"), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty())),
                io.nslab.op.PhaseListener.NONE).ifPresent(e -> {
                    throw e;
                });
        network.applyPhase(List.of(
                new Op.AddAddress(named("a"), IfName.of("x2"), io.nslab.model.IpPrefix.parse("10.0.0.1/24")),
                new Op.AddAddress(named("b"), IfName.of("y3"), io.nslab.model.IpPrefix.parse("10.0.1.1/24")),
                new Op.AddAddress(named("foreign"), IfName.of("z"), io.nslab.model.IpPrefix.parse("10.0.1.2/24"))),
                io.nslab.op.PhaseListener.NONE).ifPresent(e -> {
                    throw e;
                });
        network.watch(List.of(named("foreign")));
        var snap = network.snapshot();
        assertThat(snap.namespace("a").orElseThrow().links()).extracting(l -> l.name().value() + "=" + l.index())
                .containsExactly("lo=1", "x1=2", "x2=3");
        assertThat(snap.namespace("b").orElseThrow().links()).extracting(l -> l.name().value()).contains("y1", "y2", "y3");
        // every address is on the interface the op named, whoever chose the index
        assertThat(snap.namespace("a").orElseThrow().addresses()).anySatisfy(x -> {
            assertThat(x.dev().value()).isEqualTo("x2");
            assertThat(x.address()).hasToString("10.0.0.1/24");
        });
        assertThat(snap.namespace("b").orElseThrow().addresses()).anySatisfy(x -> assertThat(x.dev().value()).isEqualTo("y3"));
        assertThat(snap.namespace("foreign").orElseThrow().addresses()).anySatisfy(x -> assertThat(x.dev().value()).isEqualTo("z"));
    }
}
