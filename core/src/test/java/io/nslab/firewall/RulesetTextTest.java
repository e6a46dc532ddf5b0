package io.nslab.firewall;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole rulesets as {@code nft list ruleset} prints them: headers, priorities by name, blank lines, tabs. */
class RulesetTextTest {

    private static Rule rule(String text, TableFamily f) throws RuleSyntaxException {
        return RuleParser.parse(text, f);
    }

    @Test
    void theStatefulFirewallExampleAsNftListsIt() throws Exception {
        Table filter = new Table(TableFamily.INET, "filter", List.of(
                Chain.base("input", ChainType.FILTER, Hook.INPUT, Policy.DROP, List.of(
                        rule("ct state established,related accept", TableFamily.INET), rule("in v1_r accept", TableFamily.INET),
                        rule("icmp type echo-request accept", TableFamily.INET))),
                Chain.base("forward", ChainType.FILTER, Hook.FORWARD, Policy.DROP, List.of(
                        rule("ct state established,related accept", TableFamily.INET), rule("iifname v1_r accept", TableFamily.INET),
                        rule("ip daddr 10.10.10.99 reject with icmpx admin-prohibited", TableFamily.INET)))));
        // printed by nft list ruleset after nft -f of the same ruleset (kernel 6.x, nftables 1.x)
        assertThat(new Ruleset(List.of(filter)).text()).isEqualTo("""
                table inet filter {
                \tchain input {
                \t\ttype filter hook input priority filter; policy drop;
                \t\tct state established,related accept
                \t\tiifname "v1_r" accept
                \t\ticmp type echo-request accept
                \t}

                \tchain forward {
                \t\ttype filter hook forward priority filter; policy drop;
                \t\tct state established,related accept
                \t\tiifname "v1_r" accept
                \t\tip daddr 10.10.10.99 reject with icmpx admin-prohibited
                \t}
                }
                """);
        // nft -a list ruleset: chains take handles 1 and 2, then the rules 3..8 in order
        assertThat(RuleRef.handleOf(filter, filter.chains().get(1), 2)).isEqualTo(8);
        assertThat(RuleRef.handleOf(filter, filter.chains().get(0), 0)).isEqualTo(3);
    }

    @Test
    void natChainsAndEmptyRegularChains() throws Exception {
        Table nat = new Table(TableFamily.IP, "nat", List.of(
                Chain.base("postrouting", ChainType.NAT, Hook.POSTROUTING, Policy.ACCEPT, List.of(rule("masquerade out eth0", TableFamily.IP))),
                Chain.base("prerouting", ChainType.NAT, Hook.PREROUTING, Policy.ACCEPT, List.of(
                        rule("iifname eth1 tcp dport 8080 dnat to 10.0.0.2:80", TableFamily.IP))),
                Chain.regular("mine", List.of(rule("return", TableFamily.IP)))));
        assertThat(new Ruleset(List.of(nat)).text()).isEqualTo("""
                table ip nat {
                \tchain postrouting {
                \t\ttype nat hook postrouting priority srcnat; policy accept;
                \t\toifname "eth0" masquerade
                \t}

                \tchain prerouting {
                \t\ttype nat hook prerouting priority dstnat; policy accept;
                \t\tiifname "eth1" tcp dport 8080 dnat to 10.0.0.2:80
                \t}

                \tchain mine {
                \t\treturn
                \t}
                }
                """);
    }

    @Test
    void prioritiesAreNamedAsNftNamesThem() {
        // each pair printed by nft for a chain of that priority at that hook
        assertThat(Priority.text(-11, Hook.INPUT)).isEqualTo("-11");
        assertThat(Priority.text(10, Hook.INPUT)).isEqualTo("filter + 10");
        assertThat(Priority.text(-10, Hook.INPUT)).isEqualTo("filter - 10");
        assertThat(Priority.text(-150, Hook.INPUT)).isEqualTo("mangle");
        assertThat(Priority.text(50, Hook.FORWARD)).isEqualTo("security");
        assertThat(Priority.text(-300, Hook.FORWARD)).isEqualTo("raw");
        assertThat(Priority.text(-90, Hook.PREROUTING)).isEqualTo("dstnat + 10");
        assertThat(Priority.text(100, Hook.INPUT)).isEqualTo("100");
        assertThat(Priority.text(-100, Hook.OUTPUT)).isEqualTo("-100");
        assertThat(Priority.text(110, Hook.POSTROUTING)).isEqualTo("srcnat + 10");
        assertThat(Priority.text(100, Hook.OUTPUT)).isEqualTo("100");
        assertThat(Priority.parse("dstnat + 10", Hook.PREROUTING)).hasValue(-90);
        assertThat(Priority.parse("srcnat", Hook.PREROUTING)).isEmpty();
    }
}
