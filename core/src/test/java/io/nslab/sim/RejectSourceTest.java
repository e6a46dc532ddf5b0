package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingResult;
import org.junit.jupiter.api.Test;

import static io.nslab.sim.SimFixtures.ping;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source of a reject's ICMP error. Seen on the kernel (ns1 pinging the router's 10.10.20.1, an address on its
 * other interface): rejected at input, "From 10.10.20.1" (icmp_send answers from the destination of a packet whose
 * route is local); rejected at prerouting, before routing, "From 10.10.10.1" (the route back picks the source).
 * Fidelity seeds 40 and 91 with generated firewalls found the first.
 */
class RejectSourceTest {

    private static IpAddress errorSource(String firewall) {
        try (SimNetwork net = SimNetwork.of(FirewallSemanticsTest.seed(firewall, false))) {
            PingResult r = net.ping(ping("ns1", "10.10.20.1", 1, 1));
            return r.events().stream().map(e -> ((PingEvent.Error) e).from()).findFirst().orElseThrow();
        }
    }

    @Test
    void aRejectAtInputAnswersFromTheAddressThePacketWasFor() {
        assertThat(errorSource("input: [icmp type echo-request reject]")).isEqualTo(IpAddress.parse("10.10.20.1"));
    }

    @Test
    void aRejectAtPreroutingAnswersFromTheRoutesChoice() {
        assertThat(errorSource("""
                tables:
                  inet filter:
                    pre: {type: filter, hook: prerouting, rules: [icmp type echo-request reject]}
                """)).isEqualTo(IpAddress.parse("10.10.10.1"));
    }
}
