package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.explain.Explanation;
import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.PortOutcome;
import io.nslab.probe.PortProtocol;
import io.nslab.probe.PortRequest;
import io.nslab.probe.PortResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TCP and UDP probes in the simulator through a router's forward chain: the outcome each firewall verdict gives, as
 * the kernel world's sockets see it (the kernel agrees on the plain lab in ProbeCommandKernelTest; rules cannot be
 * deployed on the kernel yet).
 */
class PortProbeSimTest {
    static final String LAB = """
            name: ports
            netns-prefix: ""
            nodes:
              a:
                routes: ["default via 10.0.1.1"]
              r:
                forwarding: true
                firewall:
                  forward:
                    policy: accept
                    rules:
                      - "tcp dport 22 drop"
                      - "tcp dport 23 reject with tcp reset"
                      - "tcp dport 24 reject with icmpx admin-prohibited"
                      - "udp dport 53 drop"
                      - "udp dport 54 reject"
                      - "tcp sport 25 drop"
              b:
                routes: ["default via 10.0.2.1"]
            links:
              - endpoints: ["a:eth0 10.0.1.2/24", "r:eth0 10.0.1.1/24"]
              - endpoints: ["r:eth1 10.0.2.1/24", "b:eth0 10.0.2.2/24"]
            """;

    private static PortResult probe(SimNetwork net, PortProtocol p, String to, int port, String listener) {
        return net.probe(new PortRequest(NamespaceRef.named("a"), IpAddress.parse(to), p, port, Duration.ofSeconds(4),
                Optional.ofNullable(listener).map(NamespaceRef::named)));
    }

    @Test
    void eachVerdictGivesItsOutcome() {
        try (SimNetwork net = SimNetwork.of(LabLoader.parse("ports.yaml", LAB))) {
            assertThat(probe(net, PortProtocol.TCP, "10.0.2.2", 80, "b").outcome()).isEqualTo(PortOutcome.OPEN);
            assertThat(probe(net, PortProtocol.UDP, "10.0.2.2", 80, "b").outcome()).isEqualTo(PortOutcome.OPEN);
            assertThat(probe(net, PortProtocol.TCP, "10.0.2.2", 22, "b").outcome()).isEqualTo(PortOutcome.FILTERED);
            PortResult reset = probe(net, PortProtocol.TCP, "10.0.2.2", 23, "b");
            assertThat(reset.outcome()).isEqualTo(PortOutcome.REFUSED);
            assertThat(reset.reset()).isTrue();
            PortResult prohibited = probe(net, PortProtocol.TCP, "10.0.2.2", 24, "b");
            assertThat(prohibited.outcome()).isEqualTo(PortOutcome.FILTERED);
            assertThat(prohibited.icmp().orElseThrow().kind()).contains(IcmpErrorKind.PACKET_FILTERED);
            assertThat(prohibited.icmp().orElseThrow().from()).contains(IpAddress.parse("10.0.1.1"));
            assertThat(probe(net, PortProtocol.UDP, "10.0.2.2", 53, "b").outcome()).isEqualTo(PortOutcome.FILTERED);
            assertThat(probe(net, PortProtocol.UDP, "10.0.2.2", 54, "b").outcome()).isEqualTo(PortOutcome.CLOSED);
        }
    }

    @Test
    void aDroppedAnswerIsSilenceAndNothingListeningIsAResetOrPortUnreachable() {
        try (SimNetwork net = SimNetwork.of(LabLoader.parse("ports.yaml", LAB))) {
            // the SYN to port 25 passes; the SYN-ACK from port 25 is what the rule drops
            assertThat(probe(net, PortProtocol.TCP, "10.0.2.2", 25, "b").outcome()).isEqualTo(PortOutcome.FILTERED);
            PortResult noListener = probe(net, PortProtocol.TCP, "10.0.2.2", 80, null);
            assertThat(noListener.outcome()).isEqualTo(PortOutcome.REFUSED);
            assertThat(noListener.listened()).isFalse();
            PortResult udp = probe(net, PortProtocol.UDP, "10.0.2.2", 80, null);
            assertThat(udp.outcome()).isEqualTo(PortOutcome.CLOSED);
            assertThat(udp.icmp().orElseThrow().from()).contains(IpAddress.parse("10.0.2.2"));
        }
    }

    @Test
    void routingFailuresAreUnreachableAndAnUnansweredNeighbourNeedsThreeSeconds() {
        try (SimNetwork net = SimNetwork.of(LabLoader.parse("ports.yaml", LAB))) {
            assertThat(probe(net, PortProtocol.TCP, "10.9.9.9", 80, null).icmp().orElseThrow().kind()).contains(IcmpErrorKind.NET_UNREACHABLE);
            assertThat(probe(net, PortProtocol.TCP, "10.0.2.9", 80, null).outcome()).isEqualTo(PortOutcome.UNREACHABLE);
            PortResult early = net.probe(new PortRequest(NamespaceRef.named("a"), IpAddress.parse("10.0.2.9"), PortProtocol.TCP, 80,
                    Duration.ofSeconds(2), Optional.empty()));
            assertThat(early.outcome()).as("host unreachable comes 3 s after the SYN").isEqualTo(PortOutcome.FILTERED);
        }
    }

    @Test
    void explainNamesTheRuleThatDroppedTheSyn() {
        Lab lab = LabLoader.parse("ports.yaml", LAB);
        try (SimNetwork net = SimNetwork.of(lab)) {
            Explanation e = Explainer.forLab(net, lab).explain(new PortRequest(NamespaceRef.named("a"), IpAddress.parse("10.0.2.2"),
                    PortProtocol.TCP, 22, Duration.ofSeconds(4), Optional.of(NamespaceRef.named("b"))));
            assertThat(e.legs()).hasSize(1);
            assertThat(e.legs().getFirst().disposition()).isInstanceOfSatisfying(Disposition.Filtered.class,
                    f -> assertThat(f.by().text()).contains("`tcp dport 22 drop`", "chain forward", "on r"));
        }
    }

    @Test
    void portChecksInTheLabFormatRunThroughTheCheckRunner() {
        Lab lab = LabLoader.parse("ports.yaml", LAB + """
                checks:
                  - tcp: a -> b:80
                  - tcp: a -> b:23
                    expect: refused
                  - udp: a -> 10.0.2.2:53
                    expect: filtered
                    timeout: 0.5
                  - tcp: a -> b:24
                    expect: open
                """);
        try (SimNetwork net = SimNetwork.of(lab)) {
            var verdicts = CheckRunner.runAll(net, lab);
            assertThat(verdicts).extracting(CheckRunner.Verdict::passed).containsExactly(true, true, true, false);
            assertThat(verdicts.get(3).seen()).isEqualTo("filtered (From 10.0.1.1 Packet filtered)");
            assertThat(verdicts.get(0).check().label()).isEqualTo("tcp a -> b:80");
        }
    }
}
