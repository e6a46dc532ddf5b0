package io.nslab.deploy;

import io.nslab.NslabException;
import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.netlink.NeighbourInfo;
import io.nslab.netlink.Netlink;
import io.nslab.netlink.msg.Nda;
import io.nslab.probe.PingRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Static neighbours on the kernel, the budget refusal, and --tune-host against a fake /proc/sys. */
class NeighbourDeployTest {
    private static final String LAN = """
            name: nb
            %s
            nodes:
              sw:
                bridges:
                  br0: {ports: [p1, p2, p3], addresses: [10.0.0.254/24, "fd00::fe/64"]}
              h1: {}
              h2: {}
              h3: {}
            links:
              - endpoints: ["h1:eth0 10.0.0.1/24 fd00::1/64", "sw:p1"]
              - endpoints: ["h2:eth0 10.0.0.2/24 fd00::2/64", "sw:p2"]
              - endpoints: ["h3:eth0 10.0.0.3/24 fd00::3/64", "sw:p3"]
            """;

    @TempDir
    Path state;
    private KernelTestSupport support;
    private KernelNetwork network;
    private StateStore store;

    private DeployWorld.Kernel fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = (DeployWorld.Kernel) DeployWorld.of("kernel", state);
        fixture.configure(d -> d.hostLimits(new HostNeighbourLimits(state.resolve("sys"))));
        support = fixture.support;
        network = fixture.network;
        store = fixture.store;
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private Deployer deployer(Path procSys) {
        return fixture.deployer().hostLimits(new HostNeighbourLimits(procSys));
    }

    private List<NeighbourInfo> neighbours(String netns) {
        try (io.nslab.netlink.NetNs ns = support.registry().open(netns); Netlink nl = Netlink.open(ns)) {
            // IPv6 interfaces also hold a NOARP entry for the MLD group ff02::16: multicast, not a peer
            return nl.neighbours().list().stream().filter(n -> !n.destination().isMulticastAddress()).toList();
        }
    }

    @Test
    void staticNeighboursArePermanentAndPingsNeedNoArp() throws IOException {
        String text = LAN.formatted("defaults: {neighbours: static}");
        Lab lab = LabLoader.parse("nb.yaml", text);
        deployer(HostNeighbourLimitsTest.fakeProcSys(state, 512, 1024)).up(lab, text, op -> {
        });
        List<NeighbourInfo> h1 = neighbours("nb-h1");
        assertThat(h1).hasSize(6); // h2, h3 and the bridge, in IPv4 and IPv6
        assertThat(h1).allMatch(n -> n.state() == Nda.NUD_PERMANENT);
        assertThat(neighbours("nb-sw")).hasSize(6).allMatch(n -> n.state() == Nda.NUD_PERMANENT);

        fixture.deployer().awaitCarrier(lab, Duration.ofSeconds(2));
        for (String dst : new String[] {"10.0.0.2", "10.0.0.3", "10.0.0.254"}) {
            assertThat(network.ping(new PingRequest(io.nslab.model.NamespaceRef.named("nb-h1"), IpAddress.parse(dst), 1, Duration.ofMillis(100), Duration.ofSeconds(1),
                    java.util.OptionalInt.empty(), PingRequest.DEFAULT_SIZE, java.util.Optional.empty(), java.util.Optional.empty()))
                    .received()).as("ping %s", dst).isEqualTo(1);
        }
        // no entry was learnt: every one is still the permanent one nslab installed
        assertThat(neighbours("nb-h1")).hasSize(6).allMatch(n -> n.state() == Nda.NUD_PERMANENT);
        assertThat(neighbours("nb-h3")).hasSize(6).allMatch(n -> n.state() == Nda.NUD_PERMANENT);
    }

    @Test
    void aLabOverTheHostsLimitIsRefusedBeforeAnythingIsCreated() throws IOException {
        String text = LAN.formatted("");
        Lab lab = LabLoader.parse("nb.yaml", text);
        Path sys = HostNeighbourLimitsTest.fakeProcSys(state, 4, 8); // 24 entries (12 IPv4, 12 IPv6) needed
        Map<String, String> before = HostNeighbourLimitsTest.contents(sys);
        Throwable refused = catchThrowable(() -> deployer(sys).up(lab, text, op -> {
        }));
        assertThat(refused).isInstanceOf(NslabException.class).hasMessageContaining("nslab up nb: lab nb needs 12 dynamic IPv4 (ARP)")
                .hasMessageContaining("net.ipv4.neigh.default.gc_thresh3 = 8").hasMessageContaining("neighbours: static")
                .hasMessageContaining("--tune-host");
        assertThat(((NslabException) refused).exitCode().code()).isEqualTo(3);
        assertThat(support.registry().list()).isEmpty();
        assertThat(store.labs()).isEmpty();
        assertThat(HostNeighbourLimitsTest.contents(sys)).isEqualTo(before);

        // the same lab with static neighbours fits
        String staticText = LAN.formatted("defaults: {neighbours: static}");
        deployer(sys).up(LabLoader.parse("nb.yaml", staticText), staticText, op -> {
        });
        assertThat(support.registry().list()).hasSize(4);
        assertThat(HostNeighbourLimitsTest.contents(sys)).isEqualTo(before);
    }

    @Test
    void tuneHostRaisesTheLimitsAndDownRestoresTheExactText() throws IOException {
        String text = LAN.formatted("");
        Lab lab = LabLoader.parse("nb.yaml", text);
        Path sys = HostNeighbourLimitsTest.fakeProcSys(state, 4, 8);
        Map<String, String> before = HostNeighbourLimitsTest.contents(sys);
        Deployer d = deployer(sys).tuneHost(true);
        UpResult up = d.up(lab, text, op -> {
        });
        assertThat(up.hostNotes()).contains("host: raised net.ipv4.neigh.default.gc_thresh3: 8 -> 1036 (the last lab to need it restores it on down)");
        assertThat(Files.readString(sys.resolve("net/ipv4/neigh/default/gc_thresh3"))).isEqualTo("1036\n");
        assertThat(Files.readString(store.root().resolve("host-tuning")))
                .contains("raise net.ipv4.neigh.default.gc_thresh3 8 1036").contains("lab nb");
        Deployer down = deployer(sys);
        DownResult result = down.down("nb");
        assertThat(result.notes()).contains("host: restored net.ipv4.neigh.default.gc_thresh3 = 8");
        assertThat(HostNeighbourLimitsTest.contents(sys)).isEqualTo(before);
    }

    @Test
    void cleanupAfterAKilledUpRestoresTheHostsLimits() throws IOException {
        String text = LAN.formatted("");
        Lab lab = LabLoader.parse("nb.yaml", text);
        Path sys = HostNeighbourLimitsTest.fakeProcSys(state, 4, 8);
        Map<String, String> before = HostNeighbourLimitsTest.contents(sys);
        // killed in the middle: the limits are raised and some namespaces made, and nothing more happens
        Deployer killed = fixture.deployer(FailingTarget.killAt(fixture.target(), op -> op instanceof io.nslab.op.Op.AddVeth))
                .hostLimits(new HostNeighbourLimits(sys)).tuneHost(true);
        assertThat(catchThrowable(() -> killed.up(lab, text, op -> {
        }))).isInstanceOf(FailingTarget.Killed.class);
        assertThat(HostNeighbourLimitsTest.contents(sys)).isNotEqualTo(before);
        assertThat(store.labs()).containsExactly("nb");

        deployer(sys).cleanup();
        assertThat(HostNeighbourLimitsTest.contents(sys)).isEqualTo(before);
        assertThat(support.registry().list()).isEmpty();
        assertThat(store.labs()).isEmpty();
    }
}
