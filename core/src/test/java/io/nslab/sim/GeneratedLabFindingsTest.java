package io.nslab.sim;

import static io.nslab.model.NamespaceRef.named;

import io.nslab.netlink.Errno;
import io.nslab.model.Family;
import io.nslab.op.Op;
import io.nslab.state.NamespaceState;
import io.nslab.state.OperState;
import io.nslab.state.RouteState;
import io.nslab.render.IpRouteText;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;

import static io.nslab.sim.LinuxSemanticsTest.ns;
import static io.nslab.sim.LinuxSemanticsTest.refused;
import static io.nslab.sim.SimFixtures.addRoute;
import static io.nslab.sim.SimFixtures.addr;
import static io.nslab.sim.SimFixtures.ifn;
import static io.nslab.sim.SimFixtures.up;
import static io.nslab.sim.SimFixtures.veth;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where generated labs (the fidelity module, docs/fidelity.md) found the simulator apart from the kernel, one
 * test each, with the kernel's output (6.18, iproute2 6.1) as the expectation.
 */
class GeneratedLabFindingsTest {

    private static String ipv6(SimNetwork net, String ns, int table) {
        return IpRouteText.show(ns(net, ns), table, Family.INET6);
    }

    /** a:x -- b:y with x up; y up too when {@code peerUp}. */
    private static SimNetwork pair(boolean peerUp) throws Exception {
        SimNetwork net = new SimNetwork();
        net.apply(new Op.AddNamespace(named("a")));
        net.apply(new Op.AddNamespace(named("b")));
        net.apply(veth("a", "x", "b", "y"));
        net.apply(up("a", "lo"));
        net.apply(up("a", "x"));
        if (peerUp) {
            net.apply(up("b", "y"));
        }
        return net;
    }

    /** Seed 4 of the first runs: {@code ip addr add fd00::1/128 dev x} gets a kernel route in main, as any prefix length does. */
    @Test
    void ipv6HostAddressGetsItsRouteInMain() throws Exception {
        SimNetwork net = pair(true);
        net.apply(addr("a", "x", "fd00::1/128"));
        assertThat(ipv6(net, "a", RouteState.TABLE_MAIN)).contains("fd00::1 dev x proto kernel metric 256 pref medium\n")
                .doesNotContain("::1 dev lo");
    }

    /** Seed 1: IPv6 reject routes hang on the loopback: {@code unreachable fd00:4::6 dev lo metric 100 pref medium}. */
    @Test
    void ipv6RejectRoutesShowDevLo() throws Exception {
        SimNetwork net = pair(true);
        net.apply(addRoute("a", "unreachable fd00:4::6/128 metric 100"));
        net.apply(addRoute("a", "blackhole fd00:5::/64"));
        assertThat(ipv6(net, "a", RouteState.TABLE_MAIN))
                .contains("unreachable fd00:4::6 dev lo metric 100 pref medium\n")
                .contains("blackhole fd00:5::/64 dev lo metric 1024 pref medium\n");
        assertThat(IpRouteText.show(ns(net, "a"), RouteState.TABLE_MAIN, Family.INET)).doesNotContain("dev lo");
    }

    /**
     * Seed 1: every device that has been up with carrier has {@code multicast ff00::/8 dev X table local proto kernel
     * metric 256}; one up without carrier has not (addrconf waits until the link is ready), and admin down takes it away.
     */
    @Test
    void ipv6MulticastRouteOnceTheLinkIsReady() throws Exception {
        SimNetwork net = pair(false);
        assertThat(ipv6(net, "a", RouteState.TABLE_LOCAL)).doesNotContain("ff00::/8");
        net.apply(up("b", "y"));
        assertThat(ipv6(net, "a", RouteState.TABLE_LOCAL)).contains("multicast ff00::/8 dev x proto kernel metric 256 pref medium\n");
        assertThat(ipv6(net, "b", RouteState.TABLE_LOCAL)).contains("multicast ff00::/8 dev y proto kernel metric 256 pref medium\n");
        assertThat(ipv6(net, "a", RouteState.TABLE_LOCAL)).doesNotContain("ff00::/8 dev lo");
        net.apply(new Op.SetLinkState(named("b"), ifn("y"), false));
        assertThat(ipv6(net, "a", RouteState.TABLE_LOCAL)).contains("multicast ff00::/8 dev x proto kernel metric 256 linkdown pref medium\n");
        assertThat(ipv6(net, "b", RouteState.TABLE_LOCAL)).doesNotContain("ff00::/8");
    }

    /** Seed 2: a bridge without ports is {@code UP,LOWER_UP}, state UNKNOWN, and its subnet's route is not linkdown. */
    @Test
    void bridgeWithoutPortsHasCarrier() throws Exception {
        SimNetwork net = new SimNetwork();
        net.apply(new Op.AddNamespace(named("a")));
        net.apply(new Op.AddBridge(named("a"), ifn("br0"), OptionalInt.empty(), Optional.empty()));
        net.apply(addr("a", "br0", "10.0.0.1/24"));
        net.apply(up("a", "br0"));
        NamespaceState a = ns(net, "a");
        assertThat(a.links()).filteredOn(l -> l.name().equals(ifn("br0"))).singleElement().satisfies(l -> {
            assertThat(l.carrier()).isTrue();
            assertThat(l.operState()).isEqualTo(OperState.UNKNOWN);
        });
        assertThat(IpRouteText.show(a, RouteState.TABLE_MAIN, Family.INET))
                .isEqualTo("10.0.0.0/24 dev br0 proto kernel scope link src 10.0.0.1 \n");
        assertThat(ipv6(net, "a", RouteState.TABLE_LOCAL)).contains("multicast ff00::/8 dev br0");
    }

    /**
     * Seed 5: {@code fd00:1::2/128 via fd00:1::2} first, then {@code default via fd00:1::2}: the gateway's own route
     * needs a gateway, and ip6_route_check_nh refuses with EHOSTUNREACH; so it does when that route is a reject route.
     */
    @Test
    void ipv6GatewayBehindAGatewayRouteIsNoRouteToHost() throws Exception {
        SimNetwork net = pair(false);
        net.apply(addr("a", "x", "fd00:1::5/64"));
        net.apply(addRoute("a", "fd00:1::2/128 via fd00:1::2"));
        refused(net, addRoute("a", "default via fd00:1::2 metric 100"), Errno.EHOSTUNREACH, "RTNETLINK answers: No route to host");
        refused(net, addRoute("a", "fd00:9::/64 via fd00:1::2 dev x"), Errno.EHOSTUNREACH, "RTNETLINK answers: No route to host");
        net.apply(addRoute("a", "unreachable fd00:1::9/128"));
        refused(net, addRoute("a", "fd00:8::/64 via fd00:1::9"), Errno.EHOSTUNREACH, "RTNETLINK answers: No route to host");
        net.apply(addRoute("a", "fd00:7::/64 via fd00:1::3"));
        assertThat(ipv6(net, "a", RouteState.TABLE_MAIN)).contains("fd00:7::/64 via fd00:1::3 dev x metric 1024 linkdown pref medium\n");
    }

    /**
     * Seeds 1000065 and 1000112: with rp_filter loose, a device without an IPv4 address accepts only what the route
     * back would send out of it (__fib_validate_source: no_addr, then last_resort). Here a's ARP for 10.0.5.1 arrives
     * on b:y, which has no address while b's route back to 10.0.3.1 leaves by z: dropped, and the ping is lost. With
     * rp_filter off, or an address on y, b answers (by z, to a:v). Seen on 6.18.
     */
    @Test
    void looseRpFilterOnADeviceWithoutAddressWantsTheRouteBackThere() throws Exception {
        SimNetwork net = new SimNetwork();
        net.apply(new Op.AddNamespace(named("a")));
        net.apply(new Op.AddNamespace(named("b")));
        net.apply(veth("a", "x", "b", "y"));
        net.apply(veth("a", "v", "b", "z"));
        net.apply(veth("b", "w", "b", "w2"));
        net.apply(addr("a", "x", "10.0.3.1/24"));
        net.apply(addr("a", "v", "10.0.1.5/16"));
        net.apply(addr("b", "z", "10.0.1.4/16"));
        net.apply(addr("b", "w", "10.0.5.1/24"));
        for (String d : new String[] {"x", "v", "lo"}) {
            net.apply(up("a", d));
        }
        for (String d : new String[] {"y", "z", "w", "w2", "lo"}) {
            net.apply(up("b", d));
        }
        net.apply(addRoute("a", "10.0.5.0/25 dev x"));
        assertThat(net.ping(SimFixtures.ping("a", "10.0.5.1", 1, 1)).received()).isEqualTo(1);
        net.apply(SimFixtures.sysctl("b", "net.ipv4.conf.all.rp_filter", "2"));
        assertThat(net.ping(SimFixtures.ping("a", "10.0.5.1", 1, 1)).events()).isEmpty();
        net.apply(addr("b", "y", "192.168.9.9/24"));
        assertThat(net.ping(SimFixtures.ping("a", "10.0.5.1", 1, 1)).received()).isEqualTo(1);
    }

    /**
     * Seed 752: {@code 10.0.4.4/30 via 10.0.1.7 dev e9 onlink}, where 10.0.1.7 is the broadcast address of the node's
     * 10.0.1.4/30 on another link and 10.0.4.4/30 is already a connected route: the gateway is checked first, and a
     * broadcast (or local) gateway is "Nexthop has invalid gateway", also onlink; a reject route over it is not.
     */
    @Test
    void onlinkGatewayMustNotBeABroadcastAddress() throws Exception {
        SimNetwork net = pair(true);
        net.apply(new Op.AddNamespace(named("c")));
        net.apply(veth("a", "u", "c", "w"));
        net.apply(addr("a", "u", "10.0.1.5/30"));
        net.apply(up("a", "u"));
        net.apply(addr("a", "x", "10.0.3.4/24"));
        refused(net, addRoute("a", "10.0.4.4/30 via 10.0.1.7 dev x onlink"), Errno.EINVAL, "Error: Nexthop has invalid gateway.");
        refused(net, addRoute("a", "10.0.4.8/30 via 10.0.3.255 dev x onlink"), Errno.EINVAL, "Error: Nexthop has invalid gateway.");
        refused(net, addRoute("a", "10.0.1.4/30 via 10.0.1.7 dev x onlink"), Errno.EINVAL, "Error: Nexthop has invalid gateway.");
        refused(net, addRoute("a", "10.0.1.4/30 via 10.0.3.1 dev x onlink"), Errno.EEXIST, "RTNETLINK answers: File exists");
        net.apply(addRoute("a", "blackhole 10.0.0.0/25"));
        net.apply(addRoute("a", "10.0.4.12/30 via 10.0.0.9 dev x onlink"));
    }
}
