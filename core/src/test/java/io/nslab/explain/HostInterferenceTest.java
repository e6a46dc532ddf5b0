package io.nslab.explain;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftChainType;
import io.nslab.netlink.nft.NftFamily;
import io.nslab.netlink.nft.NftHook;
import io.nslab.netlink.nft.NftPolicy;
import io.nslab.netlink.nft.NftRuleset;
import io.nslab.netlink.nft.NftTable;
import io.nslab.probe.PingRequest;
import io.nslab.sim.Explainer;
import io.nslab.sim.SimNetwork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** What of the host's state stops a lab's packets, decided from state given as values (no kernel, no root). */
class HostInterferenceTest {
    static final String ROUTED = """
            name: hostfw
            nodes:
              a: {routes: [default via 10.78.0.1]}
              b: {routes: [default via 10.78.1.1]}
            links:
              - endpoints: ["a:eth0 10.78.0.2/24", "host:nslab-h1 10.78.0.1/24"]
              - endpoints: ["b:eth0 10.78.1.2/24", "host:nslab-h2 10.78.1.1/24"]
            """;
    static final String BRIDGED = """
            name: hostbr
            nodes: {a: {}, b: {}}
            links:
              - endpoints: ["a:eth0 10.79.0.2/24", "host:nslab-b1"]
              - endpoints: ["b:eth0 10.79.0.3/24", "host:nslab-b2"]
            """;
    static final NftTable FILTER = NftTable.of(NftFamily.IP, "filter");
    static final NftRuleset FORWARD_DROP = new NftRuleset(List.of(FILTER),
            List.of(NftChain.base(FILTER, "FORWARD", NftChainType.FILTER, NftHook.FORWARD, 0, NftPolicy.DROP)), List.of());
    static final NftRuleset EMPTY = new NftRuleset(List.of(), List.of(), List.of());

    static HostState host(NftRuleset rs, Map<String, String> masters, Map<String, String> sysctls) {
        return new HostState(rs, i -> Optional.empty(), masters, sysctls);
    }

    static Hop hop(String node, String in, String out) {
        return new Hop(node, Optional.ofNullable(in).map(IfName::of), Optional.ofNullable(out).map(IfName::of), Optional.empty(), "");
    }

    static Explanation routed() {
        Leg request = new Leg("request", IpAddress.parse("10.78.0.2"), IpAddress.parse("10.78.1.2"),
                List.of(hop("a", null, "eth0"), hop("(host)", "nslab-h1", "nslab-h2"), hop("b", "eth0", null)),
                new Disposition.Delivered("b", IpAddress.parse("10.78.1.2")), Optional.empty());
        Leg reply = new Leg("echo reply", IpAddress.parse("10.78.1.2"), IpAddress.parse("10.78.0.2"),
                List.of(hop("b", null, "eth0"), hop("(host)", "nslab-h2", "nslab-h1"), hop("a", "eth0", null)),
                new Disposition.Delivered("a", IpAddress.parse("10.78.0.2")), Optional.empty());
        return new Explanation("a", IpAddress.parse("10.78.1.2"), List.of(request, reply));
    }

    static Explanation bridged() {
        Leg request = new Leg("request", IpAddress.parse("10.79.0.2"), IpAddress.parse("10.79.0.3"),
                List.of(hop("a", null, "eth0"), hop("b", "eth0", null)),
                new Disposition.Delivered("b", IpAddress.parse("10.79.0.3")), Optional.empty());
        return new Explanation("a", IpAddress.parse("10.79.0.3"), List.of(request));
    }

    @Test
    void aForwardDropOnTheRequestIsNamedOnceWithTheFixForBothDirections() {
        Lab lab = LabLoader.parse("hostfw.yaml", ROUTED);
        assertThat(HostInterference.crosses(lab, routed())).isTrue();
        var found = HostInterference.of(host(FORWARD_DROP, Map.of(), Map.of()), lab, routed());
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.what()).isEqualTo("the lab's request 10.78.0.2 -> 10.78.1.2, forwarded by the host from nslab-h1 to nslab-h2, "
                    + "is dropped at the host's forward hook by the policy drop of chain FORWARD in table ip filter (iptables -P FORWARD DROP)");
            assertThat(f.fix()).isEqualTo("allow them: iptables -I FORWARD -i nslab-h1 -o nslab-h2 -j ACCEPT (and the same with nslab-h2 "
                    + "and nslab-h1 swapped, for the answers), or iptables -P FORWARD ACCEPT if nothing on the host needs the drop");
        });
        assertThat(HostInterference.of(host(EMPTY, Map.of(), Map.of()), lab, routed())).isEmpty();
    }

    @Test
    void aDropOfTheAnswerAloneIsNamedOnTheAnswer() {
        NftRuleset onlyRequests = new NftRuleset(List.of(FILTER), FORWARD_DROP.chains(), List.of(new io.nslab.netlink.nft.NftInstalledRule(
                io.nslab.netlink.nft.NftRule.in(FILTER, "FORWARD").iifname("nslab-h1").accept().build(), 2)));
        var found = HostInterference.of(host(onlyRequests, Map.of(), Map.of()), LabLoader.parse("hostfw.yaml", ROUTED), routed());
        assertThat(found).singleElement().satisfies(f -> assertThat(f.what()).startsWith("the lab's echo reply 10.78.1.2 -> 10.78.0.2, "
                + "forwarded by the host from nslab-h2 to nslab-h1"));
    }

    @Test
    void anNftTablesFixIsInNftsWords() {
        NftTable t = NftTable.of(NftFamily.INET, "guard");
        NftRuleset rs = new NftRuleset(List.of(t), List.of(NftChain.base(t, "fwd", NftChainType.FILTER, NftHook.FORWARD, 0, NftPolicy.DROP)),
                List.of());
        var found = HostInterference.of(host(rs, Map.of(), Map.of()), LabLoader.parse("hostfw.yaml", ROUTED), routed());
        assertThat(found).singleElement().satisfies(f -> assertThat(f.fix()).isEqualTo("allow them: nft insert rule inet guard fwd "
                + "iifname nslab-h1 oifname nslab-h2 accept (and the same with nslab-h2 and nslab-h1 swapped, for the answers), "
                + "or nft chain inet guard fwd '{ policy accept; }'"));
    }

    @Test
    void forwardingOffOnTheHostNamesTheInterfaceSwitch() throws Exception {
        Lab lab = LabLoader.parse("hostfw.yaml", ROUTED);
        Explanation e;
        // the simulator's host is fresh: forwarding off, as on a host nobody set up for routing
        try (SimNetwork sim = SimNetwork.of(lab)) {
            e = Explainer.forLab(sim, lab).explain(new PingRequest(lab.netnsOf(io.nslab.model.NodeName.of("a")), IpAddress.parse("10.78.1.2"),
                    1, Duration.ofMillis(200), Duration.ofSeconds(1), OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(),
                    Optional.empty()));
        }
        assertThat(e.legs().getFirst().disposition()).isInstanceOf(Disposition.ForwardingDisabled.class);
        assertThat(e.fix()).contains("enable forwarding on the host itself: sysctl -w net.ipv4.conf.nslab-h1.forwarding=1 there "
                + "(or net.ipv4.ip_forward=1)");
        Map<String, String> sysctls = Map.of(HostState.IP_FORWARD, "0", HostState.forwarding("nslab-h1"), "0");
        assertThat(HostInterference.of(host(EMPTY, Map.of(), sysctls), lab, e)).singleElement().satisfies(f -> {
            assertThat(f.what()).isEqualTo("the lab's request 10.78.0.2 -> 10.78.1.2 comes in by nslab-h1 and the host does not forward "
                    + "it: net.ipv4.conf.nslab-h1.forwarding = 0 (net.ipv4.ip_forward = 0); the lab does not change the host");
            assertThat(f.fix()).startsWith("sysctl -w net.ipv4.conf.nslab-h1.forwarding=1 on the host");
        });
    }

    @Test
    void bridgedFramesMeetTheForwardHookOnlyWhenBridgeNetfilterCallsIptables() {
        Lab lab = LabLoader.parse("hostbr.yaml", BRIDGED);
        assertThat(HostInterference.crosses(lab, bridged())).isTrue();
        Map<String, String> ports = Map.of("nslab-b1", "br0", "nslab-b2", "br0");
        Map<String, String> on = new HashMap<>(Map.of(HostState.BRIDGE_NF_CALL_IPTABLES, "1"));
        assertThat(HostInterference.of(host(FORWARD_DROP, ports, on), lab, bridged())).singleElement().satisfies(f -> {
            assertThat(f.what()).contains("bridged by the host's br0 from nslab-b1 to nslab-b2", "bridge-nf-call-iptables = 1",
                    "policy drop of chain FORWARD in table ip filter");
            assertThat(f.fix()).startsWith("allow them: iptables -I FORWARD -i br0 -o br0 -j ACCEPT,")
                    .endsWith("or sysctl -w net.bridge.bridge-nf-call-iptables=0 on the host if nothing there relies on it (Docker and Kubernetes do)");
        });
        assertThat(HostInterference.of(host(FORWARD_DROP, ports, Map.of(HostState.BRIDGE_NF_CALL_IPTABLES, "0")), lab, bridged())).isEmpty();
        // no such file: br_netfilter is not loaded, and bridged frames never meet the IP hooks
        assertThat(HostInterference.of(host(FORWARD_DROP, ports, Map.of()), lab, bridged())).isEmpty();
        // ports of two different bridges: the frame is not bridged from one to the other
        assertThat(HostInterference.of(host(FORWARD_DROP, Map.of("nslab-b1", "br0", "nslab-b2", "br1"), on), lab, bridged())).isEmpty();
    }

    @Test
    void pingsToAndFromTheHostMeetItsInputAndOutputChains() {
        Lab lab = LabLoader.parse("hostlab.yaml", io.nslab.deploy.HostLab.YAML);
        NftRuleset rs = new NftRuleset(List.of(FILTER), List.of(
                NftChain.base(FILTER, "INPUT", NftChainType.FILTER, NftHook.INPUT, 0, NftPolicy.DROP),
                NftChain.base(FILTER, "OUTPUT", NftChainType.FILTER, NftHook.OUTPUT, 0, NftPolicy.DROP)), List.of());
        Leg toHost = new Leg("request", IpAddress.parse("10.77.1.2"), IpAddress.parse("10.77.0.1"),
                List.of(hop("b", null, "eth0"), hop("r", "down0", "up0"), hop("(host)", "nslab-h0", null)),
                new Disposition.Delivered("(host)", IpAddress.parse("10.77.0.1")), Optional.empty());
        var in = HostInterference.of(host(rs, Map.of(), Map.of()), lab, new Explanation("b", IpAddress.parse("10.77.0.1"), List.of(toHost)));
        assertThat(in).singleElement().satisfies(f -> {
            assertThat(f.what()).isEqualTo("the lab's request 10.77.1.2 -> 10.77.0.1, received by the host on nslab-h0, is dropped at the "
                    + "host's input hook by the policy drop of chain INPUT in table ip filter (iptables -P INPUT DROP)");
            assertThat(f.fix()).isEqualTo("allow them: iptables -I INPUT -i nslab-h0 -j ACCEPT, or iptables -P INPUT ACCEPT if nothing on "
                    + "the host needs the drop");
        });
        Leg fromHost = new Leg("request", IpAddress.parse("10.77.0.1"), IpAddress.parse("10.77.1.2"),
                List.of(hop("(host)", null, "nslab-h0"), hop("r", "up0", "down0"), hop("b", "eth0", null)),
                new Disposition.Delivered("b", IpAddress.parse("10.77.1.2")), Optional.empty());
        var out = HostInterference.of(host(rs, Map.of(), Map.of()), lab, new Explanation("(host)", IpAddress.parse("10.77.1.2"),
                List.of(fromHost)));
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.what()).contains("sent by the host out nslab-h0, is dropped at the host's output hook by the policy drop of chain "
                    + "OUTPUT in table ip filter (iptables -P OUTPUT DROP)");
            assertThat(f.fix()).startsWith("allow them: iptables -I OUTPUT -o nslab-h0 -j ACCEPT,");
        });
    }

    @Test
    void aReversePathDropOnTheHostNamesBothSwitches() {
        Lab lab = LabLoader.parse("hostfw.yaml", ROUTED);
        Leg request = new Leg("request", IpAddress.parse("10.78.0.2"), IpAddress.parse("10.78.1.2"),
                List.of(hop("a", null, "eth0"), hop("(host)", "nslab-h1", null)),
                new Disposition.RpFilterDrop("(host)", IfName.of("nslab-h1"), IpAddress.parse("10.78.0.2"), "strict"), Optional.empty());
        Map<String, String> sysctls = Map.of(HostState.RP_FILTER_ALL, "1", HostState.rpFilter("nslab-h1"), "0");
        var found = HostInterference.of(host(EMPTY, Map.of(), sysctls), lab, new Explanation("a", IpAddress.parse("10.78.1.2"), List.of(request)));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.what()).endsWith("fails the host's reverse-path check (strict): the host would not route 10.78.0.2 back out by nslab-h1; "
                    + "net.ipv4.conf.nslab-h1.rp_filter = 0, net.ipv4.conf.all.rp_filter = 1 (the larger counts)");
            assertThat(f.fix()).endsWith("sysctl -w net.ipv4.conf.nslab-h1.rp_filter=2 and net.ipv4.conf.all.rp_filter=2");
        });
    }

    @Test
    void aPathThatNeverReachesTheHostIsLeftAlone() {
        Lab lab = LabLoader.parse("hostfw.yaml", ROUTED);
        Leg local = new Leg("request", IpAddress.parse("10.78.0.2"), IpAddress.parse("10.78.0.2"), List.of(hop("a", null, null)),
                new Disposition.Delivered("a", IpAddress.parse("10.78.0.2")), Optional.empty());
        assertThat(HostInterference.crosses(lab, new Explanation("a", IpAddress.parse("10.78.0.2"), List.of(local)))).isFalse();
    }
}
