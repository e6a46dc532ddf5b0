package io.nslab.kernel;

import static io.nslab.model.NamespaceRef.named;

import io.nslab.model.IfName;
import io.nslab.model.IpPrefix;
import io.nslab.op.Op;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteKind;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** What the kernel world reads back, where generated labs (docs/fidelity.md) found it wrong. */
class SnapshotReaderTest {

    private static Op.AddVeth veth(String ns, String name, String peerNs, String peer) {
        return new Op.AddVeth(named(ns), IfName.of(name), named(peerNs), IfName.of(peer), OptionalInt.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty());
    }

    private static LinkState link(Snapshot s, String ns, String name) {
        return s.namespace(ns).orElseThrow().links().stream().filter(l -> l.name().value().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Interface indexes are per namespace: a:x -- b:y and c:p -- d:q all have index 2 and peer index 2. The peer is the
     * one in the namespace that IFLA_LINK_NETNSID names, not the first pair of matching indexes (which made c:p's
     * peer a:x).
     */
    @Test
    void vethPeersAreFoundByNamespaceIdNotByIndexesAlone() throws Exception {
        try (KernelTestSupport support = KernelTestSupport.create(); KernelNetwork net = new KernelNetwork(support.registry())) {
            for (String ns : List.of("a", "b", "c", "d")) {
                net.apply(new Op.AddNamespace(named(ns)));
            }
            net.apply(veth("a", "x", "b", "y"));
            net.apply(veth("c", "p", "d", "q"));
            Snapshot s = net.snapshot(List.of(named("a"), named("b"), named("c"), named("d")));
            assertThat(link(s, "c", "p").index()).isEqualTo(link(s, "a", "x").index());
            assertThat(link(s, "a", "x").peer()).contains(new LinkState.Peer(named("b"), IfName.of("y")));
            assertThat(link(s, "b", "y").peer()).contains(new LinkState.Peer(named("a"), IfName.of("x")));
            assertThat(link(s, "c", "p").peer()).contains(new LinkState.Peer(named("d"), IfName.of("q")));
            assertThat(link(s, "d", "q").peer()).contains(new LinkState.Peer(named("c"), IfName.of("p")));
        }
    }

    /**
     * {@code linkdown} is the kernel's RTNH_F_LINKDOWN, not a guess from the device: a broadcast route in table local
     * has it too ({@code broadcast 10.0.5.11 dev x table local proto kernel scope link src 10.0.5.9 linkdown}, as
     * {@code ip route show table all} prints it), the local route never.
     */
    @Test
    void linkdownIsTheKernelsFlagInEveryTable() throws Exception {
        try (KernelTestSupport support = KernelTestSupport.create(); KernelNetwork net = new KernelNetwork(support.registry())) {
            net.apply(new Op.AddNamespace(named("a")));
            net.apply(new Op.AddNamespace(named("b")));
            net.apply(veth("a", "x", "b", "y"));
            net.apply(new Op.AddAddress(named("a"), IfName.of("x"), IpPrefix.parse("10.0.5.9/30")));
            net.apply(new Op.SetLinkState(named("a"), IfName.of("x"), true));
            // the flag follows the carrier event, which the kernel's link watcher may handle a moment later
            NamespaceState a = net.snapshot(List.of(named("a"))).namespace("a").orElseThrow();
            for (int i = 0; i < 60 && a.routes().stream().noneMatch(RouteState::linkdown); i++) {
                Thread.sleep(50);
                a = net.snapshot(List.of(named("a"))).namespace("a").orElseThrow();
            }
            assertThat(a.routes()).filteredOn(r -> r.kind() == RouteKind.BROADCAST).singleElement()
                    .satisfies(r -> assertThat(r.linkdown()).isTrue());
            assertThat(a.routes()).filteredOn(r -> r.kind() == RouteKind.LOCAL && r.table() == RouteState.TABLE_LOCAL)
                    .singleElement().satisfies(r -> assertThat(r.linkdown()).isFalse());
            assertThat(a.routes()).filteredOn(r -> r.table() == RouteState.TABLE_MAIN && r.destination().equals(IpPrefix.parse("10.0.5.8/30")))
                    .singleElement().satisfies(r -> assertThat(r.linkdown()).isTrue());
        }
    }
}
