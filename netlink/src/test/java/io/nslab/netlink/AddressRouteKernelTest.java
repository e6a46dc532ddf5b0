package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nslab.netlink.msg.Ifa;
import io.nslab.netlink.msg.Nda;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Addresses, routes, neighbours and sysctls on a veth pair between namespaces a (10.0.0.1) and b (10.0.0.2). */
class AddressRouteKernelTest {
    private TestWorld world;
    private Netlink a;
    private Netlink b;
    private int va;

    @BeforeEach
    void setUp() {
        world = new TestWorld();
        a = world.namespace("a");
        b = world.namespace("b");
        a.links().addVeth("va", "vb", TestWorld.ns(b));
        a.links().setUp("va");
        b.links().setUp("vb");
        va = a.links().indexOf("va");
        a.addresses().add(AddressInfo.of(va, "10.0.0.1/24"));
        b.addresses().add("vb", "10.0.0.2/24");
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void ipv4AndIpv6Addresses() {
        a.addresses().add(AddressInfo.of(va, "2001:db8::1/64").nodad());
        a.addresses().add(AddressInfo.of(va, "10.9.0.1/16").withScope(Scope.LINK));

        assertThat(a.addresses().list("va")).extracting(x -> x.prefix().toString())
                .contains("10.0.0.1/24", "10.9.0.1/16", "2001:db8:0:0:0:0:0:1/64");
        AddressInfo v6 = a.addresses().list(IpPrefix.AF_INET6).stream()
                .filter(x -> x.prefix().toString().startsWith("2001:db8")).findFirst().orElseThrow();
        assertThat(v6.flags() & Ifa.F_NODAD).isNotZero();
        assertThat(v6.isTentative()).isFalse();
        assertThat(a.addresses().list(IpPrefix.AF_INET).stream()
                .filter(x -> x.prefix().toString().equals("10.9.0.1/16")).findFirst().orElseThrow().scope())
                .isEqualTo(Scope.LINK);

        assertThatThrownBy(() -> a.addresses().add(AddressInfo.of(va, "10.0.0.1/24")))
                .hasMessageStartingWith("RTM_NEWADDR: EEXIST");
        a.addresses().delete("va", "10.9.0.1/16");
        assertThat(a.addresses().list("va")).extracting(x -> x.prefix().toString()).doesNotContain("10.9.0.1/16");
        assertThatThrownBy(() -> a.addresses().delete("va", "10.9.0.1/16"))
                .hasMessageStartingWith("RTM_DELADDR: EADDRNOTAVAIL");
    }

    @Test
    void routesThroughAGateway() {
        a.routes().add(RouteInfo.to("10.1.0.0/16").via("10.0.0.2").dev(va).metric(7).source("10.0.0.1"));

        RouteInfo listed = a.routes().list().stream()
                .filter(r -> r.destination().toString().equals("10.1.0.0/16")).findFirst().orElseThrow();
        assertThat(listed.gateway().getHostAddress()).isEqualTo("10.0.0.2");
        assertThat(listed.outputIndex()).isEqualTo(va);
        assertThat(listed.metric()).isEqualTo(7);
        assertThat(listed.preferredSource().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(listed.protocol()).isEqualTo(RouteInfo.PROTO_BOOT);
        assertThat(listed.scope()).isEqualTo(Scope.UNIVERSE);

        RouteInfo chosen = a.routes().get("10.1.2.3");
        assertThat(chosen.gateway().getHostAddress()).isEqualTo("10.0.0.2");
        assertThat(chosen.outputIndex()).isEqualTo(va);

        assertThatThrownBy(() -> a.routes().add(RouteInfo.to("10.1.0.0/16").via("10.0.0.2").dev(va).metric(7)))
                .hasMessageStartingWith("RTM_NEWROUTE: EEXIST");
        a.routes().replace(RouteInfo.to("10.1.0.0/16").via("10.0.0.3").dev(va).metric(7));
        assertThat(a.routes().get("10.1.2.3").gateway().getHostAddress()).isEqualTo("10.0.0.3");

        a.routes().delete(RouteInfo.to("10.1.0.0/16").metric(7));
        assertThatThrownBy(() -> a.routes().get("10.1.2.3"))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.is(Errno.ENETUNREACH)).isTrue());
    }

    @Test
    void invalidGatewayFailsWithTheKernelsExplanation() {
        assertThatThrownBy(() -> a.routes().add(RouteInfo.to("10.5.0.0/16").via("192.168.99.1").dev(va)))
                .isInstanceOfSatisfying(NetlinkException.class,
                        e -> assertThat(e.extAck()).contains("Nexthop has invalid gateway"))
                .hasMessage("RTM_NEWROUTE: ENETUNREACH (Network is unreachable): Nexthop has invalid gateway.");
        // onlink tells the kernel to trust the gateway anyway
        a.routes().add(RouteInfo.to("10.5.0.0/16").via("192.168.99.1").dev(va).onlink(true));
        assertThat(a.routes().list()).filteredOn(r -> r.destination().toString().equals("10.5.0.0/16"))
                .singleElement().satisfies(r -> assertThat(r.onlink()).isTrue());
        assertThat(a.routes().get("10.5.0.1").gateway().getHostAddress()).isEqualTo("192.168.99.1");
    }

    @Test
    void routeTypesTablesAndIpv6() {
        a.routes().add(RouteInfo.to("10.6.0.0/16").type(RouteType.BLACKHOLE));
        a.routes().add(RouteInfo.to("10.7.0.0/16").type(RouteType.UNREACHABLE));
        a.routes().add(RouteInfo.to("10.8.0.0/16").type(RouteType.PROHIBIT));
        a.routes().add(RouteInfo.defaultRoute(IpPrefix.AF_INET).via("10.0.0.2").table(100));
        a.routes().add(RouteInfo.to("10.0.9.0/24").dev(va).table(1000).protocol(RouteInfo.PROTO_STATIC));
        a.addresses().add(AddressInfo.of(va, "2001:db8::1/64").nodad());
        a.routes().add(RouteInfo.to("2001:db8:1::/48").via("2001:db8::2").dev(va));

        assertThat(a.routes().list()).extracting(r -> r.destination() + " " + r.type())
                .contains("10.6.0.0/16 BLACKHOLE", "10.7.0.0/16 UNREACHABLE", "10.8.0.0/16 PROHIBIT");
        assertThat(a.routes().list(IpPrefix.AF_INET, 100)).singleElement()
                .satisfies(r -> assertThat(r.destination().length()).isZero())
                .satisfies(r -> assertThat(r.table()).isEqualTo(100));
        assertThat(a.routes().list(IpPrefix.AF_INET, 1000)).singleElement()
                .satisfies(r -> assertThat(r.scope()).isEqualTo(Scope.LINK))
                .satisfies(r -> assertThat(r.protocol()).isEqualTo(RouteInfo.PROTO_STATIC));
        assertThat(a.routes().list(IpPrefix.AF_INET6, 254)).extracting(r -> r.destination().toString())
                .contains("2001:db8:1:0:0:0:0:0/48");
        assertThat(a.routes().get("2001:db8:1::5").gateway().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:2");
        assertThatThrownBy(() -> a.routes().get("10.6.0.1")).isInstanceOf(NetlinkException.class);

        a.routes().delete(RouteInfo.to("10.6.0.0/16").type(RouteType.BLACKHOLE));
        assertThat(a.routes().list()).extracting(r -> r.destination().toString()).doesNotContain("10.6.0.0/16");
    }

    @Test
    void neighbours() {
        a.neighbours().add(NeighbourInfo.permanent(va, "10.0.0.9", "02:00:00:00:00:09"));

        NeighbourInfo n = a.neighbours().list("va").stream()
                .filter(x -> x.destination().getHostAddress().equals("10.0.0.9")).findFirst().orElseThrow();
        assertThat(n.lladdr()).contains(MacAddress.parse("02:00:00:00:00:09"));
        assertThat(n.state()).isEqualTo(Nda.NUD_PERMANENT);
        assertThatThrownBy(() -> a.neighbours().add(NeighbourInfo.permanent(va, "10.0.0.9", "02:00:00:00:00:09")))
                .hasMessageStartingWith("RTM_NEWNEIGH: EEXIST");

        a.neighbours().delete(n);
        assertThat(a.neighbours().list()).noneMatch(x -> x.destination().getHostAddress().equals("10.0.0.9"));
    }

    @Test
    void sysctlsBelongToTheirNamespace() throws Exception {
        String hostBefore = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip();

        Sysctls.write(TestWorld.ns(a), "net.ipv4.ip_forward", "1");
        Sysctls.write(TestWorld.ns(a), "net/ipv4/conf/va/rp_filter", "2");

        assertThat(Sysctls.read(TestWorld.ns(a), "net.ipv4.ip_forward")).isEqualTo("1");
        assertThat(Sysctls.read(TestWorld.ns(a), "net.ipv4.conf.va.rp_filter")).isEqualTo("2");
        assertThat(Sysctls.read(TestWorld.ns(b), "net.ipv4.ip_forward")).isEqualTo("0");
        assertThat(Sysctls.read(TestWorld.ns(b), "net.ipv4.ip_default_ttl")).isEqualTo("64"); // more than one digit
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip()).isEqualTo(hostBefore);
    }
}
