package io.nslab.agreement;

import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.Family;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.op.LabPlanner;
import io.nslab.render.IpRouteText;
import io.nslab.sim.SimNetwork;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) are IPv6 to the kernel: it takes them as interface addresses,
 * route destinations and gateways (seen with iproute2 6.1 in a sandbox). The kernel world used to turn them into IPv4
 * on the way in (the JDK's InetAddress does) and failed with "prefix length 128 out of 0..32" (up: exit 4); both
 * worlds now hold the same addresses and IPv6 routes.
 */
class MappedAddressesAgreeTest {
    static final String LAB = """
            name: mapped
            nodes:
              a:
                routes:
                  - ::ffff:0:0/96 via fd00:1::2
                  - fd00:5::/64 via ::ffff:10.0.0.2
                loopback:
                  addresses: ["::ffff:192.0.2.1/128"]
              b: {}
            links:
              - endpoints: ["a:eth0 10.0.0.1/24 fd00:1::1/64 ::ffff:10.0.0.1/120", "b:eth0 10.0.0.2/24 fd00:1::2/64 ::ffff:10.0.0.2/120"]
            """;

    @Test
    void bothWorldsHoldTheMappedAddressesAndRoutes() throws Exception {
        Lab lab = LabLoader.parse("mapped.yaml", LAB);
        try (KernelTestSupport support = KernelTestSupport.create();
             KernelNetwork kernel = new KernelNetwork(support.registry());
             SimNetwork sim = SimNetwork.of(lab)) {
            kernel.applyAll(LabPlanner.plan(lab));
            List<NamespaceRef> names = List.of(NamespaceRef.named("mapped-a"), NamespaceRef.named("mapped-b"));
            Snapshot real = SettledSnapshot.of(kernel, names);
            Snapshot model = sim.snapshot();
            NamespaceState a = real.namespace("mapped-a").orElseThrow();
            assertThat(addresses(a)).contains("eth0 ::ffff:10.0.0.1/120", "lo ::ffff:192.0.2.1/128");
            assertThat(IpRouteText.show(a, RouteState.TABLE_MAIN, Family.INET6))
                    .contains("::ffff:0.0.0.0/96 via fd00:1::2 dev eth0 metric 1024 pref medium\n")
                    .contains("fd00:5::/64 via ::ffff:10.0.0.2 dev eth0 metric 1024 pref medium\n");
            for (NamespaceRef ns : names) {
                NamespaceState k = real.namespace(ns).orElseThrow();
                NamespaceState s = model.namespace(ns).orElseThrow();
                assertThat(addresses(s)).as("%s: addresses", ns).isEqualTo(addresses(k));
                for (int table : new int[] {RouteState.TABLE_MAIN, RouteState.TABLE_LOCAL}) {
                    assertThat(withoutLinkLocal(IpRouteText.show(s, table, Family.INET6)))
                            .as("%s: ip -6 route show table %d", ns, table)
                            .isEqualTo(withoutLinkLocal(IpRouteText.show(k, table, Family.INET6)));
                }
            }
        }
    }

    /** Every global address, as {@code dev address/len}, in order (link-local ones the simulator does not model). */
    private static String addresses(NamespaceState ns) {
        return ns.addresses().stream().filter(x -> !x.address().address().isLinkLocal())
                .map(x -> x.dev() + " " + x.address()).sorted().collect(Collectors.joining("\n"));
    }

    private static String withoutLinkLocal(String routes) {
        return routes.lines().filter(l -> !l.contains("fe80:")).collect(Collectors.joining("\n"));
    }
}
