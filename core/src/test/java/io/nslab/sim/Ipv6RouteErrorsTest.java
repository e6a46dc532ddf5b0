package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node with IPv6 forwarding off that receives a packet for another address: IPv6 looks the route up first and
 * answers a missing or reject route whatever the switch says; only a usable route meets the switch, in silence. Seen
 * on the kernel (a pings fd00:9::1 via b, forwarding 0 on b): no route and an unreachable route "Destination
 * unreachable: No route", a prohibit route "Administratively prohibited", a blackhole route and a route through a
 * device nothing. Fidelity seeds 58 and 59 (IPv6 port probes) found the simulator silent where the kernel answers.
 */
class Ipv6RouteErrorsTest {

    private static List<String> errors(String bRoute) {
        try (SimNetwork net = SimNetwork.of(LabLoader.parse("v6fwd.yaml", """
                name: v6fwd
                netns-prefix: ""
                nodes:
                  a:
                    routes: ["default via fd00:1::2"]
                  b:
                    loopback: up
                    routes: [%s]
                  c: {}
                links:
                  - endpoints: ["a:va fd00:1::1/64", "b:vb fd00:1::2/64"]
                  - endpoints: ["b:vc fd00:2::2/64", "c:vc fd00:2::3/64"]
                """.formatted(bRoute)))) {
            PingResult r = net.ping(new PingRequest(NamespaceRef.named("a"), IpAddress.parse("fd00:9::1"), 1, Duration.ofMillis(200),
                    Duration.ofSeconds(1), OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty()));
            assertThat(r.received()).isZero();
            return r.events().stream().map(e -> (PingEvent.Error) e).map(e -> e.from() + " " + e.kind().name()).toList();
        }
    }

    @Test
    void routeErrorsAreAnsweredWithForwardingOff() {
        assertThat(errors("")).containsExactly("fd00:1::2 " + IcmpErrorKind.NET_UNREACHABLE.name());
        assertThat(errors("unreachable fd00:9::/64")).containsExactly("fd00:1::2 " + IcmpErrorKind.NET_UNREACHABLE.name());
        assertThat(errors("prohibit fd00:9::/64")).containsExactly("fd00:1::2 " + IcmpErrorKind.PACKET_FILTERED.name());
    }

    @Test
    void aUsableRouteMeetsTheSwitchInSilence() {
        assertThat(errors("blackhole fd00:9::/64")).isEmpty();
        assertThat(errors("fd00:9::/64 via fd00:2::3")).isEmpty();
    }
}
