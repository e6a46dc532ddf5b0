package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.explain.Explanation;
import io.nslab.explain.ExplanationText;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingResult;
import io.nslab.probe.TraceRequest;
import io.nslab.probe.TraceResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.nslab.model.NamespaceRef.named;
import static io.nslab.sim.SimFixtures.ip;
import static io.nslab.sim.SimFixtures.ping;
import static io.nslab.sim.SimFixtures.pingTtl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Netfilter in the simulator, on the tutorial's ns1 - router - ns2 (and a server behind a DNAT): conntrack states,
 * NAT of requests, replies and ICMP errors, rejects and counters. Where a test says "the kernel", the same lab was
 * run with nft in a sandbox and printed the same.
 */
class FirewallSemanticsTest {

    /** ns1 (10.10.10.2) - router - ns2 (10.10.20.2); ns2 has a route back unless {@code noReturn}. */
    static Lab seed(String routerFirewall, boolean noReturn) {
        return LabLoader.parse("fw.yaml", """
                name: fw
                netns-prefix: ""
                nodes:
                  ns1:
                    routes: [default via 10.10.10.1]
                  router:
                    forwarding: true
                    firewall:
                %s
                  ns2:
                    routes: [%s]
                links:
                  - endpoints: ["ns1:v1 10.10.10.2/24", "router:v1_r 10.10.10.1/24"]
                  - endpoints: ["ns2:v2 10.10.20.2/24", "router:v2_r 10.10.20.1/24"]
                """.formatted(routerFirewall.indent(6).stripTrailing(), noReturn ? "" : "10.10.10.0/24 via 10.10.20.1"));
    }

    private static PingResult ping1(SimNetwork net, String from, String to) {
        return net.ping(ping(from, to, 1, 1));
    }

    private static List<PingEvent.Error> errors(PingResult r) {
        return r.events().stream().filter(e -> e instanceof PingEvent.Error).map(e -> (PingEvent.Error) e).toList();
    }

    @Test
    void aStatefulForwardChainLetsRepliesBackButNotNewConnections() {
        try (SimNetwork net = SimNetwork.of(seed("forward: {policy: drop, stateful: true, allow: [in v1_r]}", false))) {
            assertThat(ping1(net, "ns1", "10.10.20.2").received()).isEqualTo(1);
            PingResult in = ping1(net, "ns2", "10.10.10.2");
            assertThat(in.received()).isZero();
            assertThat(in.errors()).isZero();
        }
    }

    @Test
    void withoutTheStatefulRuleTheReplyIsWhatIsDropped() {
        try (SimNetwork net = SimNetwork.of(seed("forward: {policy: drop, allow: [in v1_r]}", false))) {
            assertThat(ping1(net, "ns1", "10.10.20.2").received()).isZero();
            Explanation e = Explainer.forLab(net, seed("forward: {policy: drop, allow: [in v1_r]}", false))
                    .explain(ping("ns1", "10.10.20.2", 1, 1));
            assertThat(e.legs()).hasSize(2);
            assertThat(e.legs().get(0).disposition().delivered()).isTrue();
            Disposition.Filtered f = (Disposition.Filtered) e.legs().get(1).disposition();
            assertThat(f.hook()).isEqualTo("forward");
            assertThat(f.by().rule()).isEmpty();
            assertThat(f.state()).isEqualTo(io.nslab.firewall.ConnState.ESTABLISHED);
            assertThat(e.fix()).hasValue("allow replies with `ct state established,related accept` at the top of chain forward "
                    + "(table inet filter) on router, or change the policy to accept");
        }
    }

    @Test
    void anEchoReplyWithoutARequestSeenIsInvalid() {
        // the router tracks only what passes it: ns2's reply to a request the router never saw is invalid there
        String fw = "forward: {rules: [ct state invalid drop]}";
        try (SimNetwork net = SimNetwork.of(seed(fw, false))) {
            assertThat(ping1(net, "ns1", "10.10.20.2").received()).isEqualTo(1);
        }
    }

    @Test
    void masqueradeTranslatesRequestsRepliesAndIcmpErrorsBackToTheSender() {
        // ns2 has no route back to ns1's network: only the router's masquerade lets ns1 through
        try (SimNetwork without = SimNetwork.of(seed("input: []", true));
             SimNetwork net = SimNetwork.of(seed("nat: [masquerade out v2_r]", true))) {
            assertThat(ping1(without, "ns1", "10.10.20.2").received()).isZero();
            PingResult r = ping1(net, "ns1", "10.10.20.2");
            assertThat(r.received()).isEqualTo(1);
            assertThat(((PingEvent.Reply) r.events().getFirst()).from()).isEqualTo(ip("10.10.20.2"));
            // an address on v2_r's subnet nobody has: the router's own ARP fails, its error is translated back to ns1
            PingResult lost = net.ping(ping("ns1", "10.10.20.99", 1, 5));
            assertThat(errors(lost)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(IcmpErrorKind.HOST_UNREACHABLE);
                assertThat(e.from()).isEqualTo(ip("10.10.20.1"));
            });
        }
    }

    @Test
    void anIcmpErrorFromBeyondTheMasqueradeReachesTheOriginalSender() {
        // the kernel: ping -t 2 from a LAN host through a masquerading router gets "From <next router> Time to live exceeded"
        Lab lab = LabLoader.parse("nat-lan.yaml", LabLoader.read(java.nio.file.Path.of("../examples/nat-lan.yaml")));
        try (SimNetwork net = SimNetwork.of(lab)) {
            PingResult r = net.ping(pingTtl("nat-lan-pc1", "198.51.100.80", 1, 2));
            assertThat(errors(r)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(IcmpErrorKind.TTL_EXCEEDED);
                assertThat(e.from()).isEqualTo(ip("203.0.113.1"));
            });
        }
    }

    @Test
    void throughADnatRepliesAndErrorsComeFromThePublicAddress() {
        // the kernel: the TTL exceeded the DNAT router itself sends is translated as a reply, so it comes from 203.0.113.10,
        // and traceroute shows 203.0.113.10 at both hops
        Lab lab = LabLoader.parse("dnat-service.yaml", LabLoader.read(java.nio.file.Path.of("../examples/dnat-service.yaml")));
        try (SimNetwork net = SimNetwork.of(lab)) {
            PingResult r = net.ping(ping("dnat-service-client", "203.0.113.10", 1, 1));
            assertThat(((PingEvent.Reply) r.events().getFirst()).ttl()).isEqualTo(63);
            PingResult ttl1 = net.ping(pingTtl("dnat-service-client", "203.0.113.10", 1, 1));
            assertThat(errors(ttl1)).singleElement().satisfies(e -> assertThat(e.from()).isEqualTo(ip("203.0.113.10")));
            TraceResult t = net.trace(new TraceRequest(named("dnat-service-client"), ip("203.0.113.10"), 8, 3, Duration.ofSeconds(1)));
            assertThat(t.hops()).hasSize(2).allSatisfy(h -> assertThat(h.probes())
                    .allSatisfy(p -> assertThat(p.from()).hasValue(ip("203.0.113.10"))));
        }
    }

    @Test
    void rejectAnswersWithTheIcmpErrorItNamesAndDropSilently() {
        String fw = """
                forward:
                  rules:
                    - ip daddr 10.10.10.99 reject with icmpx admin-prohibited
                    - ip daddr 10.10.10.98 reject
                    - ip daddr 10.10.10.97 drop
                    - ip daddr 10.10.10.96 reject with tcp reset
                """;
        try (SimNetwork net = SimNetwork.of(seed(fw, false))) {
            assertThat(errors(ping1(net, "ns2", "10.10.10.99"))).singleElement()
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(IcmpErrorKind.PACKET_FILTERED));
            assertThat(errors(ping1(net, "ns2", "10.10.10.98"))).singleElement()
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(IcmpErrorKind.PORT_UNREACHABLE));
            PingResult dropped = ping1(net, "ns2", "10.10.10.97");
            assertThat(dropped.errors() + dropped.received()).isZero();
            // a TCP reset rule matches TCP only (nft adds the protocol test): the ping goes on to ARP for an absent host
            PingResult icmp = net.ping(ping("ns2", "10.10.10.96", 1, 5));
            assertThat(errors(icmp)).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(IcmpErrorKind.HOST_UNREACHABLE));
        }
    }

    @Test
    void inputAndOutputChainsGuardTheNodeItself() {
        String fw = """
                input: {policy: drop, stateful: true, allow: [icmp type echo-request]}
                output: {rules: [ip daddr 10.10.20.2 drop]}
                """;
        try (SimNetwork net = SimNetwork.of(seed(fw, false))) {
            assertThat(ping1(net, "ns1", "10.10.10.1").received()).isEqualTo(1);
            assertThat(ping1(net, "ns2", "10.10.20.1").received()).as("the reply is dropped on the way out").isZero();
            assertThat(ping1(net, "router", "10.10.10.2").received()).as("the echo reply is established: accepted").isEqualTo(1);
        }
    }

    @Test
    void countersCountWhatTheirRuleMatched() {
        try (SimNetwork net = SimNetwork.of(seed("forward: {rules: [ip saddr 10.10.10.0/24 counter accept, counter]}", false))) {
            net.ping(ping("ns1", "10.10.20.2", 3, 1));
            assertThat(net.listRuleset(named("router")).orElseThrow()).contains(
                    "\t\tip saddr 10.10.10.0/24 counter packets 3 bytes 252 accept\n",
                    "\t\tcounter packets 3 bytes 252\n");
        }
    }

    @Test
    void jumpReturnAndGotoFollowTheirChains() {
        String fw = """
                tables:
                  inet filter:
                    forward: {hook: forward, policy: drop, rules: [jump checks, ip saddr 10.10.20.0/24 goto replies]}
                    checks: {rules: [ip daddr 10.10.10.50 drop, return]}
                    replies: {rules: [icmp type echo-reply accept]}
                """;
        try (SimNetwork net = SimNetwork.of(seed(fw, false))) {
            // the request returns from checks and falls to the policy: nothing passes from ns1
            assertThat(ping1(net, "ns1", "10.10.20.2").received()).isZero();
            Explanation e = Explainer.forLab(net, seed(fw, false)).explain(ping("ns1", "10.10.20.2", 1, 1));
            assertThat(ExplanationText.render(e)).contains("dropped at forward by the policy drop of chain forward in table inet filter on router");
        }
    }

    static Lab ipv6Pair(String bFirewall) {
        return LabLoader.parse("v6.yaml", """
                name: v6
                netns-prefix: ""
                nodes:
                  a: {}
                  b:
                    firewall:
                %s
                links:
                  - endpoints: ["a:e0 fd00::1/64 10.0.0.1/24", "b:e0 fd00::2/64 10.0.0.2/24"]
                """.formatted(bFirewall.indent(6).stripTrailing()));
    }

    @Test
    void neighbourDiscoveryPassesTheRulesAsAnyIcmpv6() {
        // the kernel: an input policy drop that lets established traffic and echo requests in still drops the
        // (untracked) neighbour solicitation: IPv4 answers, IPv6 gets "Address unreachable" from the sender itself
        String closed = "input: {policy: drop, stateful: true, allow: [icmpv6 type echo-request, icmp type echo-request]}";
        try (SimNetwork net = SimNetwork.of(ipv6Pair(closed))) {
            assertThat(ping1(net, "a", "10.0.0.2").received()).isEqualTo(1);
            PingResult v6 = net.ping(ping("a", "fd00::2", 1, 4));
            assertThat(v6.received()).isZero();
            assertThat(errors(v6)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(IcmpErrorKind.HOST_UNREACHABLE);
                assertThat(e.from()).isEqualTo(ip("fd00::1"));
            });
            Explanation e = Explainer.forLab(net, ipv6Pair(closed)).explain(ping("a", "fd00::2", 1, 4));
            assertThat(e.legs().getFirst().disposition().text())
                    .isEqualTo("dropped at input by the policy drop of chain input in table inet filter on b");
            assertThat(ExplanationText.render(e)).contains("b in e0: dropped at input by the policy drop");
            assertThat(e.fix()).hasValue("allow neighbour discovery with `icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept` "
                    + "in chain input (table inet filter) on b, or change the policy to accept");
        }
        String open = "input: {policy: drop, stateful: true, allow: [icmpv6 type echo-request, "
                + "\"icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert }\"]}";
        try (SimNetwork net = SimNetwork.of(ipv6Pair(open))) {
            assertThat(ping1(net, "a", "fd00::2").received()).isEqualTo(1);
        }
    }

    @Test
    void aRejectOfTheNodesOwnPacketTellsItsOwnPing() {
        // the kernel: "From 10.0.0.2 icmp_seq=1 Packet filtered" for a reject at output (ping also prints
        // "sendmsg: Operation not permitted" on stderr, which the simulator does not), Port Unreachable for one at input
        try (SimNetwork net = SimNetwork.of(ipv6Pair("output: [ip daddr 10.0.0.1 reject with icmpx admin-prohibited]"))) {
            assertThat(errors(ping1(net, "b", "10.0.0.1"))).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(IcmpErrorKind.PACKET_FILTERED);
                assertThat(e.from()).isEqualTo(ip("10.0.0.2"));
            });
        }
        try (SimNetwork net = SimNetwork.of(ipv6Pair("input: [ip saddr 10.0.0.2 ip daddr 10.0.0.2 icmp type echo-request reject]"))) {
            assertThat(errors(ping1(net, "b", "10.0.0.2"))).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(IcmpErrorKind.PORT_UNREACHABLE);
                assertThat(e.from()).isEqualTo(ip("10.0.0.2"));
            });
        }
        // a drop at output: no answer and no error (the kernel's ping prints nothing more either)
        try (SimNetwork net = SimNetwork.of(ipv6Pair("output: [ip daddr 10.0.0.1 drop]"))) {
            PingResult r = ping1(net, "b", "10.0.0.1");
            assertThat(r.received() + r.errors()).isZero();
            assertThat(r.connectError()).isEmpty();
        }
    }

    @Test
    void aTraceTheNodesOwnOutputChainStopsEndsAtSend() {
        // the kernel and traceroute -I: the probe's send() fails with EPERM ("send: Operation not permitted", exit 1),
        // for a reject as for a drop; a rule for another destination leaves the trace alone
        for (String rule : new String[] {"ip daddr 10.0.0.1 reject", "ip daddr 10.0.0.1 drop", "icmp type echo-request reject"}) {
            try (SimNetwork net = SimNetwork.of(ipv6Pair("output: [" + rule + "]"))) {
                TraceResult t = net.trace(new TraceRequest(named("b"), ip("10.0.0.1"), 4, 1, Duration.ofSeconds(1)));
                assertThat(t.connectError()).as(rule).hasValue(io.nslab.probe.LocalError.SEND_FILTERED);
                assertThat(t.hops()).as(rule).isEmpty();
                assertThat(io.nslab.render.TraceText.render(t)).isEqualTo("traceroute to 10.0.0.1 (10.0.0.1), 4 hops max, 60 byte packets\n"
                        + "send: Operation not permitted\n");
            }
        }
        try (SimNetwork net = SimNetwork.of(ipv6Pair("output: [ip daddr 10.0.0.9 reject]"))) {
            TraceResult t = net.trace(new TraceRequest(named("b"), ip("10.0.0.1"), 4, 1, Duration.ofSeconds(1)));
            assertThat(t.connectError()).isEmpty();
            assertThat(t.hops()).singleElement().satisfies(h -> assertThat(h.probes().getFirst().from()).hasValue(ip("10.0.0.1")));
        }
    }

    @Test
    void explainNamesTheRuleItsHandleAndAFix() {
        String fw = "forward: {policy: accept, rules: [ip saddr 10.10.10.0/24 drop]}";
        try (SimNetwork net = SimNetwork.of(seed(fw, false))) {
            Explanation e = Explainer.forLab(net, seed(fw, false)).explain(ping("ns1", "10.10.20.2", 1, 1));
            assertThat(e.legs().getFirst().disposition().text()).isEqualTo("dropped at forward by rule 1 (handle 2) of chain forward in "
                    + "table inet filter on router: `ip saddr 10.10.10.0/24 drop`");
            assertThat(e.fix()).hasValue("allow `ip saddr 10.10.10.0/24` in chain forward (table inet filter) on router (the rule "
                    + "`ip saddr 10.10.10.0/24 accept` before rule 1), or delete rule 1 (`ip saddr 10.10.10.0/24 drop`)");
        }
    }
}
