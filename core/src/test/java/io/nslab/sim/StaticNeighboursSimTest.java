package io.nslab.sim;

import static io.nslab.model.NamespaceRef.named;

import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.op.Op;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingResult;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.nslab.sim.SimFixtures.ifn;
import static io.nslab.sim.SimFixtures.ip;
import static io.nslab.sim.SimFixtures.ping;
import static org.assertj.core.api.Assertions.assertThat;

/** Permanent neighbour entries in the simulator: no ARP, so no "Destination Host Unreachable" for a listed peer. */
class StaticNeighboursSimTest {
    private static Lab lan(String mode) {
        return LabLoader.parse("lan.yaml", """
                name: lan
                defaults: {neighbours: %s}
                nodes:
                  sw: {bridges: {br0: {ports: [p1, p2, p3]}}}
                  h1: {}
                  h2: {}
                  h3: {}
                links:
                  - endpoints: ["h1:eth0 10.0.0.1/24", "sw:p1"]
                  - endpoints: ["h2:eth0 10.0.0.2/24", "sw:p2"]
                  - endpoints: ["h3:eth0 10.0.0.3/24", "sw:p3"]
                """.formatted(mode));
    }

    @Test
    void aListedPeerIsReachedWithoutArp() throws Exception {
        SimNetwork net = SimNetwork.of(lan("static"));
        assertThat(net.ping(ping("lan-h1", "10.0.0.2", 1, 1)).received()).isEqualTo(1);
        assertThat(net.ping(ping("lan-h3", "10.0.0.1", 1, 1)).received()).isEqualTo(1);
    }

    @Test
    void aListedPeerThatIsGoneLosesPacketsSilentlyWhereArpWouldReportIt() throws Exception {
        SimNetwork dynamic = SimNetwork.of(lan("dynamic"));
        dynamic.apply(new Op.SetLinkState(named("lan-h3"), ifn("eth0"), false));
        assertThat(dynamic.ping(ping("lan-h1", "10.0.0.3", 1, 5)).events())
                .containsExactly(new PingEvent.Error(1, ip("10.0.0.1"), IcmpErrorKind.HOST_UNREACHABLE, Optional.empty()));

        SimNetwork statics = SimNetwork.of(lan("static"));
        statics.apply(new Op.SetLinkState(named("lan-h3"), ifn("eth0"), false));
        PingResult r = statics.ping(ping("lan-h1", "10.0.0.3", 1, 5));
        assertThat(r.events()).isEmpty();
        assertThat(r.received()).isZero();
        assertThat(r.errors()).isZero();
    }

    @Test
    void addingAnEntryTwiceIsRefusedAsTheKernelDoes() throws Exception {
        SimNetwork net = SimNetwork.of(lan("static"));
        Op again = LabPlannerOps.firstNeighbour(lan("static"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> net.apply(again)).hasMessageContaining("File exists");
    }

    private static final class LabPlannerOps {
        static Op firstNeighbour(Lab lab) {
            return io.nslab.op.LabPlanner.plan(lab).stream().filter(o -> o instanceof Op.AddNeighbour).findFirst().orElseThrow();
        }
    }
}
