package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.probe.PingRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * icmpv6_echo_reply looks the route up with the request's interface as oif, which ranks the route through it first
 * among the routes of one prefix. Seen on the kernel: b has fd00::/64 on e0 (its peer down: linkdown, listed first)
 * and on e2; a pings b's fd00::2 through e2 and is answered. Fidelity seed 17 with IPv6 pings found the simulator
 * sending the reply by the first route and losing it.
 */
class Ipv6EchoReplyOifTest {

    @Test
    void theReplyLeavesByTheInterfaceTheRequestCameIn() {
        try (SimNetwork net = SimNetwork.of(LabLoader.parse("oif.yaml", """
                name: oif
                netns-prefix: ""
                nodes:
                  a: {}
                  b: {}
                  c: {}
                links:
                  - endpoints:
                      - {node: b, interface: e0, addresses: ["fd00::6/64"]}
                      - {node: c, interface: e0, up: false}
                  - endpoints: ["b:e2 fd00::2/64", "a:e3 fd00::3/64"]
                """))) {
            var r = net.ping(new PingRequest(NamespaceRef.named("a"), IpAddress.parse("fd00::2"), 1, Duration.ofMillis(200),
                    Duration.ofSeconds(1), OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty()));
            assertThat(r.received()).isEqualTo(1);
        }
    }
}
