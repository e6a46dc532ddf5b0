package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.probe.LocalError;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import io.nslab.probe.PortOutcome;
import io.nslab.probe.PortProtocol;
import io.nslab.probe.PortRequest;
import io.nslab.probe.PortResult;
import io.nslab.render.PingText;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * connect() toward IPv6 from a namespace with no candidate source address at all. Seen on the kernel (a UDP and a TCP
 * socket's connect() in unshared network namespaces): with lo down and no IPv6 address, EADDRNOTAVAIL with no route,
 * with an unreachable route, and with a route through a device that never had carrier (so no link-local address);
 * Network is unreachable as soon as there is one candidate: ::1 of an up lo, a link-local address of an up device with
 * carrier, or a global address even on a device that is down. ping -6 prints {@code ping: connect: Cannot assign
 * requested address}. Fidelity seeds 21, 28, 57, 59 and 100 (with IPv6 port probes) found it.
 */
class Ipv6NoSourceTest {

    private static SimNetwork lab(String a, String aLink) {
        return SimNetwork.of(LabLoader.parse("nosrc.yaml", """
                name: nosrc
                netns-prefix: ""
                nodes:
                  a:
                %s
                  b: {}
                links:
                  - endpoints:
                      - {node: a, interface: eth0, addresses: [10.0.1.2/24]%s}
                      - {node: b, interface: eth0, addresses: [10.0.1.1/24, "fd00::1/64"]}
                """.formatted(a.indent(4).stripTrailing(), aLink)));
    }

    private static PingResult ping(SimNetwork net, String to) {
        return net.ping(new PingRequest(NamespaceRef.named("a"), IpAddress.parse(to), 1, Duration.ofMillis(200),
                Duration.ofSeconds(1), OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty()));
    }

    private static PortResult probe(SimNetwork net, PortProtocol p, String to) {
        return net.probe(new PortRequest(NamespaceRef.named("a"), IpAddress.parse(to), p, 7000, Duration.ofSeconds(1),
                Optional.of(NamespaceRef.named("b"))));
    }

    @Test
    void withoutAnyCandidateSourceConnectSaysCannotAssignRequestedAddress() {
        // lo down (the default), a's only link down: no ::1 and no link-local address
        try (SimNetwork net = lab("loopback: down", ", up: false")) {
            PingResult r = ping(net, "fd00::1");
            assertThat(r.connectError()).hasValue(LocalError.NO_SOURCE_ADDRESS);
            assertThat(PingText.refusal(r.request(), r.connectError().get())).isEqualTo("ping: connect: Cannot assign requested address\n");
            for (PortProtocol p : PortProtocol.values()) {
                PortResult port = probe(net, p, "fd00::1");
                assertThat(port.outcome()).isEqualTo(PortOutcome.UNREACHABLE);
                assertThat(port.seen()).isEqualTo("connect: Cannot assign requested address");
            }
            assertThat(ping(net, "10.0.1.1").received()).as("IPv4 is not concerned").isZero();
        }
    }

    @Test
    void theSourceIsChosenBeforeTheRoutesErrorIsSaid() {
        try (SimNetwork net = lab("loopback: down\nroutes: [unreachable fd00::/64]", ", up: false")) {
            assertThat(ping(net, "fd00::1").connectError()).hasValue(LocalError.NO_SOURCE_ADDRESS);
        }
    }

    @Test
    void oneCandidateIsEnoughForTheRoutesOwnError() {
        try (SimNetwork net = lab("loopback: up", ", up: false")) {
            assertThat(ping(net, "fd00::1").connectError()).as("::1 of an up lo").hasValue(LocalError.NETWORK_UNREACHABLE);
        }
        try (SimNetwork net = lab("loopback: down", "")) {
            assertThat(ping(net, "fd00::1").connectError()).as("the link-local address of an up link")
                    .hasValue(LocalError.NETWORK_UNREACHABLE);
        }
        try (SimNetwork net = lab("loopback: down\nroutes: [unreachable fd00::/64]", "")) {
            assertThat(ping(net, "fd00::1").connectError()).hasValue(LocalError.NO_ROUTE_TO_HOST);
        }
    }
}
