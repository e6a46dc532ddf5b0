package io.nslab.deploy;

import io.nslab.NslabException;
import io.nslab.model.Lab;
import io.nslab.model.load.LabException;
import io.nslab.model.load.LabLoader;
import io.nslab.op.LabPlanner;
import io.nslab.op.Op;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.sim.SimNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Host endpoints ({@code host:IFNAME}) as the file, the plan and the simulator see them, and the refusal
 * without {@code --allow-host}. The kernel side runs in a sandbox only (HostEndpointSandboxTest in cli):
 * a test here must never change the host it runs on.
 */
class HostEndpointTest {

    @Test
    void hostIsTheHostOnlyWhenNoNodeHasThatName() {
        Lab lab = LabLoader.parse("hostlab.yaml", HostLab.YAML);
        assertThat(lab.hostEndpoints()).extracting(e -> e.ifname().value()).containsExactly("nslab-h0");
        assertThat(lab.netnsOf(Lab.HOST)).isEqualTo(io.nslab.model.NamespaceRef.HOST);
        assertThat(lab.hostRoutes()).hasSize(1);

        Lab declared = LabLoader.parse("vm-host.yaml", "name: v\nnodes: {host: {}, r: {}}\nlinks:\n  - endpoints: [host:eth0, r:eth0]\n");
        assertThat(declared.hostEndpoints()).isEmpty();
        assertThat(declared.netnsOf(Lab.HOST)).isEqualTo(io.nslab.model.NamespaceRef.named("v-host"));
    }

    @Test
    void thePlanMakesTheHostEndFromTheHostSideAndNeverItsNamespace() {
        var commands = LabPlanner.plan(LabLoader.parse("hostlab.yaml", HostLab.YAML)).stream().map(Op::command).toList();
        assertThat(commands).contains(
                "ip link add nslab-h0 type veth peer name up0 netns hostlab-r",
                "ip addr add 10.77.0.1/24 dev nslab-h0",
                "ip link set nslab-h0 up",
                "ip route add 10.77.1.0/24 via 10.77.0.2");
        assertThat(commands).noneMatch(c -> c.contains("/host")).doesNotContain("ip netns add host");
    }

    @Test
    void hostRoutesMustGoThroughAHostEndpoint() {
        assertThatThrownBy(() -> LabLoader.parse("x.yaml", HostLab.YAML.replace("10.77.1.0/24 via 10.77.0.2", "blackhole 10.9.0.0/16")))
                .isInstanceOf(LabException.class).hasMessageContaining("x.yaml:3:").hasMessageContaining("must go through a host endpoint");
        assertThatThrownBy(() -> LabLoader.parse("x.yaml", "name: x\nhost: {routes: [default via 10.0.0.1]}\nnodes: {a: {}}\n"))
                .isInstanceOf(LabException.class).hasMessageContaining("x.yaml:2:").hasMessageContaining("need a host endpoint");
        assertThatThrownBy(() -> LabLoader.parse("x.yaml", HostLab.YAML.replace("host:nslab-h0", "host:lo")))
                .isInstanceOf(LabException.class).hasMessageContaining("the host's lo exists already");
    }

    @Test
    void theSimulatorModelsTheHostAsAFreshNamespace() throws Exception {
        try (SimNetwork sim = SimNetwork.of(LabLoader.parse("hostlab.yaml", HostLab.YAML))) {
            var result = sim.ping(new PingRequest(io.nslab.model.NamespaceRef.named("hostlab-b"), io.nslab.model.IpAddress.parse("10.77.0.1"), 1, Duration.ofMillis(200),
                    Duration.ofSeconds(1), OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty()));
            assertThat(result.events()).singleElement().isInstanceOfSatisfying(PingEvent.Reply.class, r -> assertThat(r.ttl()).isEqualTo(63));
        }
    }

    @Test
    void upRefusesHostEndpointsUnlessAllowedAndMakesNothing(@TempDir Path state) throws Exception {
        try (DeployWorld w = DeployWorld.of("sim", state)) {
            Lab lab = LabLoader.parse("hostlab.yaml", HostLab.YAML);
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> w.deployer().up(lab, HostLab.YAML, op -> { }));
            assertThat(t).isInstanceOf(NslabException.class).hasMessageContaining("host endpoint (host:nslab-h0)")
                    .hasMessageContaining("--allow-host").hasMessageEndingWith("nothing was changed");
            assertThat(((NslabException) t).exitCode()).isEqualTo(io.nslab.ExitCode.BAD_INPUT);
            assertThat(w.store.labs()).isEmpty();
            assertThat(w.namespaces()).isEmpty();
        }
    }
}
