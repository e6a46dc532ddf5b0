package io.nslab.model.load;

import io.nslab.firewall.Ruleset;
import io.nslab.model.Lab;
import io.nslab.model.NodeName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a node's firewall: section means, as the ruleset nft would list (bad input: labs/invalid/firewall.yaml). */
class FirewallLabsTest {

    private static Ruleset firewallOf(String firewall) {
        Lab lab = LabLoader.parse("fw.yaml", """
                name: fw
                nodes:
                  r:
                    firewall:
                %s
                  a: {}
                links:
                  - endpoints: ["r:wan 10.0.0.1/24", "a:eth0 10.0.0.2/24"]
                  - endpoints: ["r:lan 10.1.0.1/24", "a:eth1 10.1.0.2/24"]
                """.formatted(firewall.indent(6).stripTrailing()));
        return lab.node(NodeName.of("r")).orElseThrow().firewall();
    }

    @Test
    void theConciseFormIsAnInetFilterTableAndAnIpNatTable() {
        // input, forward and output in that order whatever the file's order; dnat's prerouting before nat's postrouting
        Ruleset rs = firewallOf("""
                forward: {policy: drop, stateful: true, allow: [in lan, "ip saddr 10.1.0.0/24 tcp dport { 80, 443 }"]}
                input: [tcp dport 22 accept]
                nat: [masquerade out wan]
                dnat: ["in wan tcp dport 8080 dnat to 10.1.0.2:80"]
                """);
        assertThat(rs.text()).isEqualTo("""
                table inet filter {
                \tchain input {
                \t\ttype filter hook input priority filter; policy accept;
                \t\ttcp dport 22 accept
                \t}

                \tchain forward {
                \t\ttype filter hook forward priority filter; policy drop;
                \t\tct state established,related accept
                \t\tiifname "lan" accept
                \t\tip saddr 10.1.0.0/24 tcp dport { 80, 443 } accept
                \t}
                }
                table ip nat {
                \tchain prerouting {
                \t\ttype nat hook prerouting priority dstnat; policy accept;
                \t\tiifname "wan" tcp dport 8080 dnat to 10.1.0.2:80
                \t}

                \tchain postrouting {
                \t\ttype nat hook postrouting priority srcnat; policy accept;
                \t\toifname "wan" masquerade
                \t}
                }
                """);
    }

    @Test
    void theCompleteFormKeepsTablesChainsPrioritiesAndJumps() {
        Ruleset rs = firewallOf("""
                tables:
                  ip6 guard:
                    in6: {type: filter, hook: input, priority: filter - 5, policy: drop, rules: [jump common, ip6 saddr fd00::/64 accept]}
                    common: {rules: ["icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept", return]}
                  inet nat:
                    out: {type: nat, hook: postrouting, priority: 110, rules: [oifname wan snat ip to 10.0.0.1]}
                """);
        assertThat(rs.text()).isEqualTo("""
                table ip6 guard {
                \tchain in6 {
                \t\ttype filter hook input priority filter - 5; policy drop;
                \t\tjump common
                \t\tip6 saddr fd00::/64 accept
                \t}

                \tchain common {
                \t\ticmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept
                \t\treturn
                \t}
                }
                table inet nat {
                \tchain out {
                \t\ttype nat hook postrouting priority srcnat + 10; policy accept;
                \t\toifname "wan" snat ip to 10.0.0.1
                \t}
                }
                """);
    }

    @Test
    void aNodeWithoutFirewallHasAnEmptyRuleset() {
        assertThat(LabLoader.load(Path.of("../examples/seed.yaml")).nodes().values()).allSatisfy(n -> assertThat(n.firewall().isEmpty()).isTrue());
    }
}
