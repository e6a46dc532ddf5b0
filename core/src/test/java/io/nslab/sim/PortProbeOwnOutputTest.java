package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.probe.LocalError;
import io.nslab.probe.PortOutcome;
import io.nslab.probe.PortProtocol;
import io.nslab.probe.PortRequest;
import io.nslab.probe.PortResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A probe the sender's own output chain stops. Seen on the kernel (a UDP socket's send() and a TCP connect() in an
 * unshared namespace under these rules): a UDP datagram dropped or rejected at output fails send() with EPERM, a TCP
 * SYN dropped there times out. Fidelity seeds 53, 73 and 75 (generated firewalls) had the kernel world's write throw.
 */
class PortProbeOwnOutputTest {

    private static PortResult probe(PortProtocol p, int port) {
        try (SimNetwork net = SimNetwork.of(LabLoader.parse("out.yaml", """
                name: out
                netns-prefix: ""
                nodes:
                  a:
                    firewall:
                      output: ["udp dport 53 drop", "udp dport 54 reject", "tcp dport 55 drop"]
                  b: {}
                links:
                  - endpoints: ["a:eth0 10.0.1.2/24", "b:eth0 10.0.1.1/24"]
                """))) {
            return net.probe(new PortRequest(NamespaceRef.named("a"), IpAddress.parse("10.0.1.1"), p, port, Duration.ofSeconds(1),
                    Optional.of(NamespaceRef.named("b"))));
        }
    }

    @Test
    void aDatagramItsOwnRuleStopsFailsAtSend() {
        for (int port : new int[] {53, 54}) {
            PortResult r = probe(PortProtocol.UDP, port);
            assertThat(r.outcome()).isEqualTo(PortOutcome.FILTERED);
            assertThat(r.localError()).hasValue(LocalError.SEND_FILTERED);
            assertThat(r.seen()).isEqualTo("send: Operation not permitted");
        }
    }

    @Test
    void aSynItsOwnRuleDropsIsSilence() {
        PortResult r = probe(PortProtocol.TCP, 55);
        assertThat(r.outcome()).isEqualTo(PortOutcome.FILTERED);
        assertThat(r.localError()).isEmpty();
        assertThat(probe(PortProtocol.UDP, 56).outcome()).isEqualTo(PortOutcome.OPEN);
    }

    /**
     * To the node's own address with lo down: the output hook comes before lo's transmit, so the rule decides (send's
     * EPERM, fidelity seed 850); without a rule for it the datagram is lost at lo, silence.
     */
    @Test
    void theOutputHookComesBeforeADownLoopback() {
        try (SimNetwork net = SimNetwork.of(LabLoader.parse("lo.yaml", """
                name: lo
                netns-prefix: ""
                nodes:
                  a:
                    loopback: {up: false}
                    firewall:
                      output: ["udp dport 53 drop"]
                  b: {}
                links:
                  - endpoints: ["a:eth0 10.0.1.2/24", "b:eth0 10.0.1.1/24"]
                """))) {
            PortResult dropped = net.probe(new PortRequest(NamespaceRef.named("a"), IpAddress.parse("10.0.1.2"), PortProtocol.UDP, 53,
                    Duration.ofSeconds(1), Optional.of(NamespaceRef.named("a"))));
            assertThat(dropped.localError()).hasValue(LocalError.SEND_FILTERED);
            PortResult lost = net.probe(new PortRequest(NamespaceRef.named("a"), IpAddress.parse("10.0.1.2"), PortProtocol.UDP, 54,
                    Duration.ofSeconds(1), Optional.of(NamespaceRef.named("a"))));
            assertThat(lost.localError()).isEmpty();
            assertThat(lost.outcome()).isEqualTo(PortOutcome.FILTERED);
        }
    }
}
