package io.nslab.sim;

import static io.nslab.model.NamespaceRef.named;

import io.nslab.netlink.Errno;
import io.nslab.model.Family;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.LocalError;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingResult;
import io.nslab.probe.TraceRequest;
import io.nslab.render.IpLinkText;
import io.nslab.render.IpRouteText;
import io.nslab.render.TraceText;
import io.nslab.state.AddressScope;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.OperState;
import io.nslab.state.RouteState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.nslab.sim.SimFixtures.addRoute;
import static io.nslab.sim.SimFixtures.addr;
import static io.nslab.sim.SimFixtures.down;
import static io.nslab.sim.SimFixtures.ifn;
import static io.nslab.sim.SimFixtures.ip;
import static io.nslab.sim.SimFixtures.ping;
import static io.nslab.sim.SimFixtures.pingTtl;
import static io.nslab.sim.SimFixtures.route;
import static io.nslab.sim.SimFixtures.sysctl;
import static io.nslab.sim.SimFixtures.up;
import static io.nslab.sim.SimFixtures.veth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every item of LINUX-SEMANTICS.md, on the simulator. */
class LinuxSemanticsTest {

    static NamespaceState ns(SimNetwork net, String name) {
        return net.snapshot().namespace(name).orElseThrow();
    }

    static String ipRoute(SimNetwork net, String name) {
        return IpRouteText.show(ns(net, name), RouteState.TABLE_MAIN, Family.INET);
    }

    static String ipRouteLocal(SimNetwork net, String name) {
        return IpRouteText.show(ns(net, name), RouteState.TABLE_LOCAL, Family.INET);
    }

    static List<PingEvent> events(PingResult r) {
        return r.events();
    }

    static void refused(SimNetwork net, Op op, Errno errno, String message) {
        assertThatThrownBy(() -> net.apply(op)).isInstanceOfSatisfying(OpException.class, e -> {
            assertThat(e.errno()).isEqualTo(errno);
            assertThat(e.kernelMessage()).isEqualTo(message);
        });
    }

    @Nested
    class NewNamespace {
        @Test
        void onlyLoDownWithoutAddress() throws Exception {
            SimNetwork net = new SimNetwork();
            net.apply(new Op.AddNamespace(named("a")));
            NamespaceState a = ns(net, "a");
            assertThat(a.links()).singleElement().satisfies(l -> {
                assertThat(l.index()).isEqualTo(1);
                assertThat(l.name()).isEqualTo(ifn("lo"));
                assertThat(l.adminUp()).isFalse();
                assertThat(l.operState()).isEqualTo(OperState.DOWN);
            });
            assertThat(a.addresses()).isEmpty();
            assertThat(a.routes()).isEmpty();
            assertThat(IpLinkText.link(net.snapshot(), a)).isEqualTo(
                    "1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
                            + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
        }

        @Test
        void loUpAdds127() throws Exception {
            SimNetwork net = new SimNetwork();
            net.apply(new Op.AddNamespace(named("a")));
            net.apply(up("a", "lo"));
            assertThat(ns(net, "a").addresses()).filteredOn(x -> x.address().address().isV4()).singleElement().satisfies(x -> {
                assertThat(x.address().toString()).isEqualTo("127.0.0.1/8");
                assertThat(x.scope()).isEqualTo(AddressScope.HOST);
            });
            assertThat(ipRouteLocal(net, "a")).isEqualTo("local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 \n"
                    + "local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 \n"
                    + "broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1 \n");
        }

        @Test
        void sysctlsStartOff() throws Exception {
            SimNetwork net = new SimNetwork();
            net.apply(new Op.AddNamespace(named("a")));
            var s = ns(net, "a").sysctls();
            assertThat(s).containsEntry("net.ipv4.ip_forward", "0").containsEntry("net.ipv4.conf.all.forwarding", "0")
                    .containsEntry("net.ipv6.conf.all.forwarding", "0").containsEntry("net.ipv4.conf.all.rp_filter", "0")
                    .containsEntry("net.ipv4.conf.default.rp_filter", "0").containsEntry("net.ipv4.ip_default_ttl", "64");
        }

        @Test
        void ipForwardSetsEveryInterfaceAndIngressDecides() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            assertThat(ns(net, "router").sysctls()).containsEntry("net.ipv4.conf.v1_r.forwarding", "1")
                    .containsEntry("net.ipv4.conf.v2_r.forwarding", "1");
            net.apply(sysctl("router", "net.ipv4.ip_forward", "0"));
            net.apply(sysctl("router", "net.ipv4.conf.v2_r.forwarding", "1"));
            // egress on, ingress off: dropped
            assertThat(net.ping(ping("ns1", "10.10.20.2", 1, 1)).received()).isZero();
            net.apply(sysctl("router", "net.ipv4.conf.v2_r.forwarding", "0"));
            net.apply(sysctl("router", "net.ipv4.conf.v1_r.forwarding", "1"));
            // ingress on, egress off: the request passes, the reply (ingress v2_r) does not
            assertThat(net.ping(ping("ns1", "10.10.20.2", 1, 1)).received()).isZero();
            net.apply(sysctl("router", "net.ipv4.conf.v2_r.forwarding", "1"));
            assertThat(net.ping(ping("ns1", "10.10.20.2", 1, 1)).received()).isEqualTo(1);
        }

        @Test
        void newVethsAreDownAndOneEndUpHasNoCarrier() throws Exception {
            SimNetwork net = new SimNetwork();
            net.apply(new Op.AddNamespace(named("a")));
            net.apply(new Op.AddNamespace(named("b")));
            net.apply(veth("a", "x", "b", "y"));
            LinkState x = ns(net, "a").links().get(1);
            assertThat(x.adminUp()).isFalse();
            assertThat(x.operState()).isEqualTo(OperState.DOWN);
            net.apply(up("a", "x"));
            x = ns(net, "a").links().get(1);
            assertThat(x.carrier()).isFalse();
            assertThat(IpLinkText.link(net.snapshot(), ns(net, "a"))).contains("2: x@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500")
                    .contains("state DOWN mode DEFAULT");
            net.apply(up("b", "y"));
            assertThat(ns(net, "a").links().get(1).operState()).isEqualTo(OperState.UP);
        }

        @Test
        void vethPeerInTheSameNamespaceGetsTheLowerIndex() throws Exception {
            SimNetwork net = new SimNetwork();
            net.apply(new Op.AddNamespace(named("one")));
            net.apply(new Op.AddVeth(named("one"), ifn("c"), named("one"), ifn("d"), OptionalInt.of(9000), Optional.empty(), OptionalInt.empty(),
                    Optional.empty()));
            // seen: "3: c@d: <BROADCAST,MULTICAST,M-DOWN> mtu 9000 qdisc noop state DOWN"
            String link = IpLinkText.link(net.snapshot(), ns(net, "one"));
            assertThat(link).contains("3: c@d: <BROADCAST,MULTICAST,M-DOWN> mtu 9000 qdisc noop state DOWN mode DEFAULT");
            assertThat(link).contains("2: d@c: ");
        }
    }

    @Nested
    class Addresses {
        @Test
        void localRouteEvenWhileDownPrefixRouteOnlyWhileUp() throws Exception {
            SimNetwork net = new SimNetwork();
            net.apply(new Op.AddNamespace(named("a")));
            net.apply(new Op.AddNamespace(named("b")));
            net.apply(veth("a", "x", "b", "y"));
            net.apply(addr("a", "x", "10.77.0.1/24"));
            assertThat(ipRouteLocal(net, "a")).isEqualTo("local 10.77.0.1 dev x proto kernel scope host src 10.77.0.1 \n");
            assertThat(ipRoute(net, "a")).isEmpty();
            net.apply(up("a", "x"));
            assertThat(ipRoute(net, "a")).isEqualTo("10.77.0.0/24 dev x proto kernel scope link src 10.77.0.1 linkdown \n");
            net.apply(addr("a", "x", "10.78.0.1/32"));
            assertThat(ipRoute(net, "a")).doesNotContain("10.78.0");
        }

        @Test
        void secondaryAddressesAndTheirRoutes() throws Exception {
            SimNetwork net = SimFixtures.seed(false);
            net.apply(addr("ns1", "v1", "10.10.10.11/24"));
            net.apply(addr("ns1", "v1", "10.10.10.2/16"));
            var as = ns(net, "ns1").addresses().stream().filter(a -> a.dev().equals(ifn("v1"))).toList();
            assertThat(as).extracting(a -> a.address() + (a.secondary() ? " secondary" : ""))
                    .containsExactly("10.10.10.2/24", "10.10.10.2/16", "10.10.10.11/24 secondary");
            assertThat(ipRouteLocal(net, "ns1")).contains("local 10.10.10.11 dev v1 proto kernel scope host src 10.10.10.2 \n");
            assertThat(ipRoute(net, "ns1")).isEqualTo("10.10.0.0/16 dev v1 proto kernel scope link src 10.10.10.2 \n"
                    + "10.10.10.0/24 dev v1 proto kernel scope link src 10.10.10.2 \n");
        }

        @Test
        void sameAddressTwice() throws Exception {
            SimNetwork net = SimFixtures.seed(false);
            refused(net, addr("ns1", "v1", "10.10.10.2/24"), Errno.EEXIST, "Error: ipv4: Address already assigned.");
            refused(net, addr("ns1", "nosuch", "10.1.0.1/16"), Errno.ENODEV, "Cannot find device \"nosuch\"");
            refused(net, new Op.DeleteAddress(named("ns1"), ifn("v1"), io.nslab.model.IpPrefix.parse("10.10.10.99/24")), Errno.EADDRNOTAVAIL,
                    "Error: ipv4: Address not found.");
        }

        @Test
        void movingALinkFlushesItsAddressesAndSetsItDown() throws Exception {
            SimNetwork net = SimFixtures.seed(false);
            net.apply(new Op.AddNamespace(named("other")));
            net.apply(new Op.MoveLink(named("ns1"), ifn("v1"), named("other")));
            assertThat(ns(net, "ns1").links()).extracting(LinkState::name).containsExactly(ifn("lo"));
            assertThat(ipRoute(net, "ns1")).isEmpty();
            LinkState moved = ns(net, "other").links().get(1);
            assertThat(moved.name()).isEqualTo(ifn("v1"));
            assertThat(moved.adminUp()).isFalse();
            assertThat(ns(net, "other").addresses()).isEmpty();
        }

        @Test
        void adminDownDeletesPrefixAndStaticRoutesForGood() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(addRoute("ns1", "blackhole 10.9.9.0/24"));
            net.apply(down("ns1", "v1"));
            assertThat(ipRoute(net, "ns1")).isEqualTo("blackhole 10.9.9.0/24 \n");
            assertThat(ipRouteLocal(net, "ns1")).startsWith("local 10.10.10.2 dev v1 proto kernel scope host src 10.10.10.2 \n"
                    + "local 127.0.0.0/8");
            net.apply(up("ns1", "v1"));
            assertThat(ipRoute(net, "ns1")).isEqualTo("blackhole 10.9.9.0/24 \n"
                    + "10.10.10.0/24 dev v1 proto kernel scope link src 10.10.10.2 \n");
        }

        @Test
        void carrierDownKeepsRoutesFlaggedLinkdownAndStillUsed() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(down("router", "v2_r"));
            assertThat(ipRoute(net, "ns2")).isEqualTo("10.10.10.0/24 via 10.10.20.1 dev v2 linkdown \n"
                    + "10.10.20.0/24 dev v2 proto kernel scope link src 10.10.20.2 linkdown \n");
            PingResult r = net.ping(ping("ns2", "10.10.10.2", 1, 1));
            assertThat(r.connectError()).isEmpty();
            assertThat(r.transmitted()).isEqualTo(1);
            assertThat(r.received()).isZero();
        }
    }

    @Nested
    class StaticRoutes {
        @Test
        void gatewayMustBeOnAConnectedSubnetUnlessOnlink() throws Exception {
            SimNetwork net = SimFixtures.seed(false);
            refused(net, addRoute("ns1", "10.50.0.0/24 via 10.20.0.1"), Errno.EINVAL, "Error: Nexthop has invalid gateway.");
            refused(net, addRoute("ns1", "10.65.0.0/24 via 10.10.10.2"), Errno.EINVAL, "Error: Nexthop has invalid gateway.");
            refused(net, addRoute("ns1", "10.60.0.0/24 via 10.20.0.1 onlink"), Errno.EINVAL, "Error: Nexthop device required for onlink.");
            net.apply(addRoute("ns1", "10.61.0.0/24 via 10.200.0.1 dev v1 onlink"));
            net.apply(addRoute("ns1", "10.66.0.0/24 via 127.0.0.1"));
            assertThat(ipRoute(net, "ns1")).contains("10.61.0.0/24 via 10.200.0.1 dev v1 onlink \n")
                    .contains("10.66.0.0/24 via 127.0.0.1 dev lo \n");
        }

        @Test
        void otherRefusalsInTheKernelsWords() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            refused(net, addRoute("ns1", "10.10.20.0/24 via 10.10.10.1"), Errno.EEXIST, "RTNETLINK answers: File exists");
            refused(net, addRoute("ns1", "blackhole 10.10.20.0/24"), Errno.EEXIST, "RTNETLINK answers: File exists");
            refused(net, new Op.AddRoute(named("ns1"), new io.nslab.model.Route(io.nslab.model.RouteType.UNICAST,
                    io.nslab.model.IpPrefix.parse("10.1.0.1/16"), Optional.of(ip("10.10.10.1")), Optional.empty(), OptionalInt.empty(),
                    Optional.empty(), false)), Errno.EINVAL, "Error: Invalid prefix for given prefix length.");
            refused(net, addRoute("ns1", "10.51.0.0/24 via 10.10.10.1 dev nosuch"), Errno.ENODEV, "Cannot find device \"nosuch\"");
            refused(net, addRoute("ns1", "10.52.0.0/24 via 10.10.10.1 src 10.10.10.99"), Errno.EINVAL, "Error: Invalid prefsrc address.");
            refused(net, new Op.DeleteRoute(named("ns1"), route("10.53.0.0/24")), Errno.ESRCH, "RTNETLINK answers: No such process");
            refused(net, veth("ns1", "v1", "ns2", "zz"), Errno.EEXIST, "RTNETLINK answers: File exists");
            refused(net, up("ns1", "nosuch"), Errno.ENODEV, "Cannot find device \"nosuch\"");
            refused(net, new Op.AddNamespace(named("ns1")), Errno.EEXIST, "Cannot create namespace file \"/run/netns/ns1\": File exists");
            net.apply(new Op.AddBridge(named("ns1"), ifn("br0"), OptionalInt.empty(), Optional.empty()));
            refused(net, new Op.SetMaster(named("ns1"), ifn("lo"), Optional.of(ifn("br0"))), Errno.EINVAL, "RTNETLINK answers: Invalid argument");
            refused(net, new Op.SetMaster(named("ns1"), ifn("br0"), Optional.of(ifn("br0"))), Errno.ELOOP,
                    "Error: Can not enslave a bridge to a bridge.");
            net.apply(down("ns1", "v1"));
            refused(net, addRoute("ns1", "10.67.0.0/24 dev v1"), Errno.ENETDOWN, "Error: Device for nexthop is not up.");
            refused(net, sysctl("ns1", "net.ipv4.conf.nosuch.forwarding", "1"), Errno.ENOENT,
                    "sysctl: cannot stat /proc/sys/net/ipv4/conf/nosuch/forwarding: No such file or directory");
        }

        @Test
        void listedInTheKernelsOrder() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            for (String r : new String[] {"default via 10.10.10.1", "10.99.0.0/16 via 10.10.10.1", "blackhole 10.9.9.0/24",
                    "unreachable 10.8.0.0/16", "prohibit 10.7.0.0/16", "10.6.0.0/16 via 10.10.10.1 metric 100"}) {
                net.apply(addRoute("ns1", r));
            }
            // seen with iproute2 6.1 (golden/seed.out.txt)
            assertThat(ipRoute(net, "ns1")).isEqualTo("default via 10.10.10.1 dev v1 \n"
                    + "10.6.0.0/16 via 10.10.10.1 dev v1 metric 100 \n"
                    + "prohibit 10.7.0.0/16 \n"
                    + "unreachable 10.8.0.0/16 \n"
                    + "blackhole 10.9.9.0/24 \n"
                    + "10.10.10.0/24 dev v1 proto kernel scope link src 10.10.10.2 \n"
                    + "10.10.20.0/24 via 10.10.10.1 dev v1 \n"
                    + "10.99.0.0/16 via 10.10.10.1 dev v1 \n");
            assertThat(io.nslab.render.RouteNText.render(ns(net, "ns1"))).contains(
                    "10.7.0.0        -               255.255.0.0     !     0      -        0 -\n",
                    "10.9.9.0        0.0.0.0         255.255.255.0   U     0      0        0 *\n");
        }

        @Test
        void longestPrefixThenLowestMetric() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(addRoute("ns1", "10.10.0.0/16 via 10.10.10.1 metric 5"));
            net.apply(addRoute("ns1", "blackhole 10.10.0.0/16 metric 9"));
            net.apply(addRoute("ns1", "blackhole 10.10.20.2/32 metric 9"));
            assertThat(net.ping(ping("ns1", "10.10.20.2", 1, 1)).connectError()).hasValue(LocalError.INVALID_ARGUMENT);
            assertThat(net.ping(ping("ns1", "10.10.30.1", 1, 1)).connectError()).isEmpty();
        }

        @Test
        void rejectRoutesOnTheSender() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(addRoute("ns1", "blackhole 10.9.9.0/24"));
            net.apply(addRoute("ns1", "unreachable 10.8.0.0/16"));
            net.apply(addRoute("ns1", "prohibit 10.7.0.0/16"));
            assertThat(net.ping(ping("ns1", "10.9.9.1", 1, 1)).connectError()).hasValue(LocalError.INVALID_ARGUMENT);
            assertThat(net.ping(ping("ns1", "10.8.0.1", 1, 1)).connectError()).hasValue(LocalError.NO_ROUTE_TO_HOST);
            assertThat(net.ping(ping("ns1", "10.7.0.1", 1, 1)).connectError()).hasValue(LocalError.PERMISSION_DENIED);
            assertThat(net.ping(ping("ns1", "10.7.0.1", 1, 1)).exitStatus()).isEqualTo(2);
        }

        @Test
        void rejectRoutesOnARouter() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(addRoute("ns1", "default via 10.10.10.1"));
            net.apply(addRoute("router", "unreachable 10.5.0.0/16"));
            net.apply(addRoute("router", "prohibit 10.4.0.0/16"));
            net.apply(addRoute("router", "blackhole 10.3.0.0/16"));
            assertThat(events(net.ping(ping("ns1", "10.5.0.1", 1, 1))))
                    .containsExactly(new PingEvent.Error(1, ip("10.10.10.1"), IcmpErrorKind.HOST_UNREACHABLE, Optional.empty()));
            assertThat(events(net.ping(ping("ns1", "10.4.0.1", 1, 1))))
                    .containsExactly(new PingEvent.Error(1, ip("10.10.10.1"), IcmpErrorKind.PACKET_FILTERED, Optional.empty()));
            assertThat(events(net.ping(ping("ns1", "10.3.0.1", 1, 1)))).isEmpty();
        }
    }

    @Nested
    class SendingForwardingAnswering {
        @Test
        void noRouteOnTheSender() throws Exception {
            PingResult r = SimFixtures.seed(false).ping(ping("ns1", "10.10.20.2", 1, 1));
            assertThat(r.connectError()).hasValue(LocalError.NETWORK_UNREACHABLE);
            assertThat(r.exitStatus()).isEqualTo(2);
        }

        @Test
        void sourceAddressSelection() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(addr("ns1", "v1", "10.10.30.2/24"));
            net.apply(addr("ns1", "lo", "192.0.2.1/32"));
            net.apply(addRoute("router", "10.10.30.0/24 via 10.10.10.2"));
            net.apply(addRoute("ns2", "10.10.30.0/24 via 10.10.20.1"));
            net.apply(addRoute("ns2", "192.0.2.1/32 via 10.10.20.1"));
            net.apply(addRoute("router", "192.0.2.1/32 via 10.10.10.2"));
            // the gateway's subnet picks the primary 10.10.10.2
            assertThat(net.ping(ping("ns1", "10.10.20.2", 1, 1)).source()).hasValue(ip("10.10.10.2"));
            // the route's src wins
            net.apply(addRoute("ns1", "10.10.20.2/32 via 10.10.10.1 src 192.0.2.1"));
            PingResult r = net.ping(ping("ns1", "10.10.20.2", 1, 1));
            assertThat(r.source()).hasValue(ip("192.0.2.1"));
            assertThat(r.received()).isEqualTo(1);
        }

        @Test
        void weakHostAnswersOnAnyInterfaceEvenWithoutForwarding() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(sysctl("router", "net.ipv4.ip_forward", "0"));
            assertThat(events(net.ping(ping("ns1", "10.10.20.1", 1, 1)))).singleElement()
                    .isInstanceOfSatisfying(PingEvent.Reply.class, r -> assertThat(r.ttl()).isEqualTo(64));
            assertThat(net.ping(ping("ns1", "10.10.20.2", 1, 1)).events()).isEmpty();
        }

        @Test
        void loopbackDownLosesPingsToYourself() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            assertThat(net.ping(ping("ns1", "10.10.10.2", 1, 1)).received()).isEqualTo(1);
            net.apply(down("ns1", "lo"));
            PingResult r = net.ping(ping("ns1", "10.10.10.2", 1, 1));
            assertThat(r.connectError()).isEmpty();
            assertThat(r.transmitted()).isEqualTo(1);
            assertThat(r.events()).isEmpty();
            assertThat(net.ping(ping("ns1", "127.0.0.1", 1, 1)).events()).isEmpty();
            // seen: the broadcast route of lo goes, its local routes stay
            assertThat(ipRouteLocal(net, "ns1")).doesNotContain("127.255.255.255").contains("local 127.0.0.1 dev lo");
        }

        @Test
        void routerWithoutRouteSendsNetUnreachable() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(addRoute("ns1", "default via 10.10.10.1"));
            assertThat(events(net.ping(ping("ns1", "10.99.0.1", 2, 1)))).containsExactly(
                    new PingEvent.Error(1, ip("10.10.10.1"), IcmpErrorKind.NET_UNREACHABLE, Optional.empty()),
                    new PingEvent.Error(2, ip("10.10.10.1"), IcmpErrorKind.NET_UNREACHABLE, Optional.empty()));
        }

        @Test
        void ttlCheckAfterTheRouteLookup() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(addRoute("ns1", "default via 10.10.10.1"));
            assertThat(events(net.ping(pingTtl("ns1", "10.10.20.2", 1, 1))))
                    .containsExactly(new PingEvent.Error(1, ip("10.10.10.1"), IcmpErrorKind.TTL_EXCEEDED, Optional.empty()));
            assertThat(events(net.ping(pingTtl("ns1", "10.99.0.1", 1, 1))))
                    .containsExactly(new PingEvent.Error(1, ip("10.10.10.1"), IcmpErrorKind.NET_UNREACHABLE, Optional.empty()));
            assertThat(events(net.ping(pingTtl("ns1", "10.10.20.2", 1, 2)))).singleElement()
                    .isInstanceOfSatisfying(PingEvent.Reply.class, r -> assertThat(r.ttl()).isEqualTo(63));
        }

        @Test
        void icmpErrorSourceIsChosenByRoutingBackToTheSender() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            // ns2 pings beyond the router: the error comes from the router's address on ns2's side
            net.apply(addRoute("ns2", "default via 10.10.20.1"));
            assertThat(events(net.ping(pingTtl("ns2", "10.10.10.2", 1, 1))))
                    .containsExactly(new PingEvent.Error(1, ip("10.10.20.1"), IcmpErrorKind.TTL_EXCEEDED, Optional.empty()));
        }

        @Test
        void missingReturnRouteIsOnlyLoss() throws Exception {
            SimNetwork net = SimFixtures.seed(false);
            net.apply(addRoute("ns1", "10.10.20.0/24 via 10.10.10.1"));
            PingResult r = net.ping(ping("ns1", "10.10.20.2", 2, 1));
            assertThat(r.connectError()).isEmpty();
            assertThat(r.transmitted()).isEqualTo(2);
            assertThat(r.events()).isEmpty();
            assertThat(r.exitStatus()).isEqualTo(1);
        }

        @Test
        void arpFailureReportsHostUnreachableAfterThreeSeconds() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            assertThat(events(net.ping(ping("ns1", "10.10.10.77", 1, 5))))
                    .containsExactly(new PingEvent.Error(1, ip("10.10.10.2"), IcmpErrorKind.HOST_UNREACHABLE, Optional.empty()));
            assertThat(events(net.ping(ping("ns1", "10.10.10.77", 1, 1)))).isEmpty();
            assertThat(events(net.ping(ping("ns1", "10.10.10.77", 3, 5)))).hasSize(3);
        }

        @Test
        void oneRouterCostsOneTtl() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            assertThat(events(net.ping(ping("ns1", "10.10.20.2", 1, 1)))).singleElement()
                    .isInstanceOfSatisfying(PingEvent.Reply.class, r -> assertThat(r.ttl()).isEqualTo(63));
            net.apply(sysctl("ns2", "net.ipv4.ip_default_ttl", "100"));
            assertThat(events(net.ping(ping("ns1", "10.10.20.2", 1, 1)))).singleElement()
                    .isInstanceOfSatisfying(PingEvent.Reply.class, r -> assertThat(r.ttl()).isEqualTo(99));
        }

        @Test
        void redirectWhenForwardingBackOutTheSameInterface() throws Exception {
            SimNetwork net = Labs.lanWithRouter();
            PingResult r = net.ping(ping("h1", "10.9.0.1", 1, 1));
            // seen: From 10.0.0.254: icmp_seq=1 Redirect Host(New nexthop: 10.0.0.2), then the reply
            assertThat(events(r)).hasSize(2);
            assertThat(events(r).get(0)).isEqualTo(new PingEvent.Error(1, ip("10.0.0.254"), IcmpErrorKind.REDIRECT_HOST,
                    Optional.of(ip("10.0.0.2"))));
            assertThat(events(r).get(1)).isInstanceOfSatisfying(PingEvent.Reply.class, x -> assertThat(x.ttl()).isEqualTo(64));
            net.apply(sysctl("r", "net.ipv4.conf.all.send_redirects", "0"));
            net.apply(sysctl("r", "net.ipv4.conf.eth0.send_redirects", "0"));
            assertThat(events(net.ping(ping("h1", "10.9.0.1", 1, 1)))).singleElement().isInstanceOf(PingEvent.Reply.class);
        }

        @Test
        void rpFilterStrictDropsAsymmetricTrafficLooseLetsItThrough() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(addr("ns1", "lo", "10.9.0.1/32"));
            net.apply(addRoute("router", "10.9.0.0/24 via 10.10.20.2"));
            net.apply(addRoute("ns1", "10.10.20.0/24 via 10.10.10.1 src 10.9.0.1 metric 1"));
            var req = new io.nslab.probe.PingRequest(named("ns1"), ip("10.10.20.1"), 1, Duration.ofMillis(200), Duration.ofSeconds(1),
                    OptionalInt.empty(), 56, Optional.of(ip("10.9.0.1")), Optional.empty());
            // with arp_announce 0 the ARP request would carry 10.9.0.1 and strict rp_filter would drop it too
            net.apply(sysctl("ns1", "net.ipv4.conf.all.arp_announce", "2"));
            net.apply(sysctl("router", "net.ipv4.conf.all.rp_filter", "1"));
            Disposition_ d = new Disposition_(net.explain(req).legs().getFirst().disposition());
            assertThat(d.value()).isInstanceOf(io.nslab.explain.Disposition.RpFilterDrop.class);
            net.apply(sysctl("router", "net.ipv4.conf.all.rp_filter", "2"));
            assertThat(net.explain(req).legs().getFirst().disposition().delivered()).isTrue();
        }

        @Test
        void bridgeJoinsAndItsDownStateCutsOff() throws Exception {
            SimNetwork net = Labs.lanWithRouter();
            assertThat(events(net.ping(ping("h1", "10.0.0.2", 1, 1)))).singleElement()
                    .isInstanceOfSatisfying(PingEvent.Reply.class, x -> assertThat(x.ttl()).isEqualTo(64));
            LinkState br = ns(net, "sw").links().stream().filter(l -> l.name().equals(ifn("br0"))).findFirst().orElseThrow();
            long lowestPort = ns(net, "sw").links().stream().filter(l -> l.master().isPresent()).mapToLong(l -> l.mac().bits())
                    .min().orElseThrow();
            assertThat(br.mac().bits()).isEqualTo(lowestPort);
            net.apply(down("sw", "br0"));
            assertThat(net.ping(ping("h1", "10.0.0.2", 1, 1)).events()).isEmpty();
        }

        @Test
        void ipv6PingOverAConnectedRoute() throws Exception {
            SimNetwork net = Labs.lanWithRouter();
            net.apply(addr("h1", "eth0", "fd00:1::1/64"));
            net.apply(addr("h2", "eth0", "fd00:1::2/64"));
            assertThat(IpRouteText.show(ns(net, "h1"), RouteState.TABLE_MAIN, Family.INET6))
                    .isEqualTo("fd00:1::/64 dev eth0 proto kernel metric 256 pref medium\n");
            assertThat(events(net.ping(ping("h1", "fd00:1::2", 1, 1)))).singleElement().isInstanceOf(PingEvent.Reply.class);
            assertThat(net.ping(ping("h1", "fd00:9::2", 1, 1)).connectError()).hasValue(LocalError.NETWORK_UNREACHABLE);
        }
    }

    @Nested
    class Traceroute {
        @Test
        void rateLimitedUnreachablesShowTwiceThenAStar() throws Exception {
            SimNetwork net = SimFixtures.seed(true);
            net.apply(addRoute("ns1", "default via 10.10.10.1"));
            net.apply(addRoute("router", "unreachable 10.5.0.0/16"));
            net.apply(addRoute("router", "prohibit 10.4.0.0/16"));
            // seen on fresh namespaces (golden/more.out.txt B, C, D)
            assertThat(trace(net, "10.99.0.1", 3)).isEqualTo(" 1  10.10.10.1  T ms !N  T ms !N *\n");
            assertThat(trace(net, "10.5.0.1", 3)).isEqualTo(" 1  10.10.10.1  T ms !H  T ms !H *\n");
            assertThat(trace(net, "10.4.0.1", 3)).isEqualTo(" 1  10.10.10.1  T ms !X  T ms !X *\n");
        }

        @Test
        void noReturnRouteShowsOnlyTheFirstRouter() throws Exception {
            SimNetwork net = SimFixtures.seed(false);
            net.apply(addRoute("ns1", "default via 10.10.10.1"));
            assertThat(trace(net, "10.10.20.2", 4)).isEqualTo(" 1  10.10.10.1  T ms  T ms  T ms\n 2  * * *\n 3  * * *\n 4  * * *\n");
        }

        private String trace(SimNetwork net, String dst, int maxHops) {
            String out = TraceText.render(net.trace(new TraceRequest(named("ns1"), ip(dst), maxHops, 3, Duration.ofSeconds(1))));
            return out.substring(out.indexOf('\n') + 1).replaceAll("[0-9]+\\.[0-9]{3} ms", "T ms");
        }
    }

    /** A tiny holder so a disposition reads well in an assertion. */
    record Disposition_(io.nslab.explain.Disposition value) {
    }
}
