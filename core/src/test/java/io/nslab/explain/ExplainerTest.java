package io.nslab.explain;

import io.nslab.model.Lab;
import io.nslab.model.NodeName;
import io.nslab.model.load.LabLoader;
import io.nslab.sim.CheckRunner;
import io.nslab.sim.Explainer;
import io.nslab.sim.SimFixtures;
import io.nslab.sim.SimNetwork;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainerTest {
    static final Path EXAMPLES = Path.of("../examples");

    @Test
    void seedBrokenNamesTheMissingRouteOnNs1() throws Exception {
        Lab lab = LabLoader.load(EXAMPLES.resolve("seed-broken.yaml"));
        SimNetwork net = SimNetwork.of(lab);
        Explanation e = Explainer.forLab(net, lab).explain(CheckRunner.requestOf(lab, lab.checks().get(1)));
        assertThat(e.legs()).hasSize(1);
        assertThat(e.legs().getFirst().disposition()).isEqualTo(new Disposition.NoRoute("ns1", SimFixtures.ip("10.10.20.2")));
        assertThat(e.fix()).hasValue("add the route `10.10.20.0/24 via 10.10.10.1` on ns1"
                + " (route add -net 10.10.20.0 netmask 255.255.255.0 gw 10.10.10.1)");
        assertThat(ExplanationText.render(e)).contains("=> no route at ns1 for 10.10.20.2");
    }

    @Test
    void forwardingOffOnTheRouter() throws Exception {
        SimNetwork net = SimFixtures.seed(true);
        net.apply(SimFixtures.sysctl("router", "net.ipv4.ip_forward", "0"));
        Explanation e = net.explain(SimFixtures.ping("ns1", "10.10.20.2", 1, 1));
        Leg request = e.legs().getFirst();
        assertThat(request.disposition()).isInstanceOf(Disposition.ForwardingDisabled.class);
        assertThat(request.disposition().node()).isEqualTo("router");
        assertThat(request.hops()).extracting(Hop::node).containsExactly("ns1", "router");
        assertThat(request.hops().getFirst().route()).hasValue("10.10.20.0/24 via 10.10.10.1 dev v1");
        assertThat(e.fix()).hasValueSatisfying(f -> assertThat(f).startsWith("enable forwarding on router"));
    }

    /** IPv6 forwards by conf/all alone: the hop and the fix say so, and name the lab's ipv6-forwarding, not ip_forward. */
    @Test
    void ipv6ForwardingOffOnTheRouterNamesItsOwnSwitch() throws Exception {
        Lab lab = LabLoader.parse("v6.yaml", """
                name: v6
                nodes:
                  h1:
                    routes: [default via 2001:db8:1::1]
                  r: {}
                  h2:
                    routes: [default via 2001:db8:2::1]
                links:
                  - endpoints: ["h1:eth0 2001:db8:1::10/64", "r:a 2001:db8:1::1/64"]
                  - endpoints: ["h2:eth0 2001:db8:2::20/64", "r:b 2001:db8:2::1/64"]
                """);
        try (SimNetwork net = SimNetwork.of(lab)) {
            net.apply(SimFixtures.sysctl("v6-r", "net.ipv6.conf.a.forwarding", "1")); // an interface's own: no use
            Explanation e = Explainer.forLab(net, lab).explain(SimFixtures.ping("v6-h1", "2001:db8:2::20", 1, 1));
            Leg request = e.legs().getFirst();
            assertThat(request.disposition()).isInstanceOf(Disposition.ForwardingDisabled.class);
            assertThat(request.hops().getLast().decision()).isEqualTo("not for this node, and IPv6 forwarding is off (conf/all)");
            assertThat(e.fix()).hasValue("enable IPv6 forwarding on r (ipv6-forwarding: true, i.e. sysctl -w net.ipv6.conf.all.forwarding=1)");
        }
    }

    @Test
    void missingReturnRouteIsNamedOnTheReplier() throws Exception {
        SimNetwork net = SimFixtures.seed(false);
        net.apply(SimFixtures.addRoute("ns1", "10.10.20.0/24 via 10.10.10.1"));
        Explanation e = net.explain(SimFixtures.ping("ns1", "10.10.20.2", 1, 1));
        assertThat(e.legs()).hasSize(2);
        assertThat(e.legs().get(0).disposition().delivered()).isTrue();
        assertThat(e.legs().get(0).hops()).extracting(Hop::node).containsExactly("ns1", "router", "ns2");
        assertThat(e.legs().get(1).disposition()).isEqualTo(new Disposition.NoReturnRoute("ns2", SimFixtures.ip("10.10.10.2")));
        assertThat(e.fix()).hasValueSatisfying(f -> assertThat(f).startsWith("add the route `10.10.10.0/24 via 10.10.20.1` on ns2"));
        assertThat(e.answered()).isFalse();
    }

    @Test
    void bothDirectionsDeliveredOnTheFinishedSeed() throws Exception {
        Lab lab = LabLoader.load(EXAMPLES.resolve("seed.yaml"));
        SimNetwork net = SimNetwork.of(lab);
        Explanation e = Explainer.forLab(net, lab).explain(CheckRunner.requestOf(lab, lab.checks().getFirst()));
        assertThat(e.answered()).isTrue();
        assertThat(e.fix()).isEmpty();
        assertThat(e.legs().get(1).hops()).extracting(Hop::node).containsExactly("ns2", "router", "ns1");
        assertThat(lab.node(NodeName.of("router"))).isPresent();
    }

    @Test
    void ttlExceededLegComesBackFromTheRouter() throws Exception {
        SimNetwork net = SimFixtures.seed(true);
        Explanation e = net.explain(SimFixtures.pingTtl("ns1", "10.10.20.2", 1, 1));
        assertThat(e.legs().get(0).disposition()).isEqualTo(new Disposition.TtlExceeded("router"));
        assertThat(e.legs().get(1).label()).isEqualTo("ICMP Time to live exceeded");
        assertThat(e.legs().get(1).source()).isEqualTo(SimFixtures.ip("10.10.10.1"));
        assertThat(e.legs().get(1).disposition().delivered()).isTrue();
        assertThat(e.fix()).hasValueSatisfying(f -> assertThat(f).contains("larger TTL than 1"));
    }
}
