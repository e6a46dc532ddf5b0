package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three interfaces of b on a's bridge all answer ARP for b's 10.0.0.4 (arp_ignore 0); the kernel floods the request to
 * the last port added first, so that port's far end answers first and a's entry keeps its MAC (seen in a sandbox:
 * ports p1..p3, the entry held q3's MAC). Which interface the ping then arrives by decides an iifname rule: here b
 * rejects what comes in by q1, the first port's peer, and the kernel answers the ping (fidelity seed 1000140).
 */
class BridgeFloodOrderTest {

    @Test
    void theLastPortAddedAnswersFirst() {
        try (SimNetwork net = SimNetwork.of(LabLoader.parse("flood.yaml", """
                name: flood
                netns-prefix: ""
                nodes:
                  a:
                    bridges:
                      br0: {ports: [p1, p2, p3], addresses: [10.0.0.100/24]}
                  b:
                    firewall:
                      input: ["iifname \\"q1\\" reject", "iifname \\"q3\\" accept"]
                links:
                  - endpoints: ["a:p1", "b:q1 10.0.3.1/24"]
                  - endpoints: ["a:p2", "b:q2 10.0.0.4/24"]
                  - endpoints: ["a:p3", "b:q3"]
                """))) {
            PingResult r = net.ping(new PingRequest(NamespaceRef.named("a"), IpAddress.parse("10.0.0.4"), 1, Duration.ofMillis(200),
                    Duration.ofSeconds(1), OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty()));
            assertThat(r.events()).singleElement().isInstanceOf(PingEvent.Reply.class);
        }
    }
}
