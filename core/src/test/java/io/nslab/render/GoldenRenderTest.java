package io.nslab.render;

import static io.nslab.model.NamespaceRef.named;

import io.nslab.model.Family;
import io.nslab.probe.TraceRequest;
import io.nslab.sim.SimFixtures;
import io.nslab.sim.SimNetwork;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renderers on the simulator's state print exactly what the real tools printed for the same
 * commands (golden/seed.sh), times and MACs masked.
 */
class GoldenRenderTest {
    SimNetwork net;
    Snapshot world;

    @BeforeEach
    void build() throws Exception {
        net = SimFixtures.seed(true);
        world = net.snapshot();
    }

    static String golden(String name) throws IOException {
        try (InputStream in = GoldenRenderTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String mask(String s) {
        return s.replaceAll("link/ether \\S+", "link/ether MAC")
                .replaceAll("time=[0-9.]+ ms", "time=T ms")
                .replaceAll("time [0-9]+ms", "time Tms")
                .replaceAll("rtt min/avg/max/mdev = \\S+ ms", "rtt min/avg/max/mdev = T ms")
                .replaceAll("  [0-9]+\\.[0-9]{3} ms", "  T ms")
                .replaceAll("(?m)^    inet6 fe80::.*\\n.*\\n", "");
    }

    NamespaceState ns(String name) {
        return world.namespace(name).orElseThrow();
    }

    @Test
    void ipRoute() throws IOException {
        assertThat(IpRouteText.show(ns("ns1"), RouteState.TABLE_MAIN, Family.INET)).isEqualTo(golden("seed-ns1-ip-route.txt"));
    }

    @Test
    void ipRouteTableLocal() throws IOException {
        assertThat(IpRouteText.show(ns("ns1"), RouteState.TABLE_LOCAL, Family.INET))
                .isEqualTo(golden("seed-ns1-ip-route-table-local.txt"));
        assertThat(IpRouteText.show(ns("router"), RouteState.TABLE_LOCAL, Family.INET))
                .isEqualTo(golden("seed-router-ip-4-route-table-local.txt"));
    }

    @Test
    void ipJsonRoute() throws IOException {
        assertThat(IpRouteText.json(ns("ns1"), RouteState.TABLE_MAIN, Family.INET)).isEqualTo(golden("seed-ns1-ip-j-route.txt"));
        assertThat(IpRouteText.json(ns("ns1"), RouteState.TABLE_LOCAL, Family.INET))
                .isEqualTo(golden("seed-ns1-ip-j-route-table-local.txt"));
    }

    @Test
    void routeN() throws IOException {
        assertThat(RouteNText.render(ns("ns1"))).isEqualTo(golden("seed-ns1-route-n.txt"));
    }

    @Test
    void ipAddrAndLink() throws IOException {
        assertThat(mask(IpLinkText.addr(world, ns("ns1")))).isEqualTo(mask(golden("seed-ns1-ip-addr.txt")));
        assertThat(mask(IpLinkText.link(world, ns("ns1")))).isEqualTo(mask(golden("seed-ns1-ip-link.txt")));
    }

    @Test
    void pingReplies() throws IOException {
        String out = PingText.render(net.ping(SimFixtures.ping("ns1", "10.10.20.2", 3, 1)));
        assertThat(mask(out)).isEqualTo(mask(golden("seed-ping-ok.txt")));
    }

    @Test
    void pingTimeExceeded() throws IOException {
        String out = PingText.render(net.ping(SimFixtures.pingTtl("ns1", "10.10.20.2", 2, 1)));
        assertThat(mask(out)).isEqualTo(mask(golden("seed-ping-ttl1.txt")));
    }

    @Test
    void traceroute() throws IOException {
        String out = TraceText.render(net.trace(TraceRequest.of(named("ns1"), SimFixtures.ip("10.10.20.2"))));
        assertThat(mask(out)).isEqualTo(mask(golden("seed-trace.txt")));
    }

    @Test
    void pingWithoutRoute() throws Exception {
        SimNetwork bare = SimFixtures.seed(false);
        assertThat(PingText.render(bare.ping(SimFixtures.ping("ns1", "10.10.20.2", 1, 1)))).isEqualTo(golden("seed-ping-no-route.txt"));
    }
}
