package io.nslab.fidelity;

import io.nslab.firewall.Chain;
import io.nslab.firewall.Policy;
import io.nslab.firewall.Rule;
import io.nslab.firewall.Table;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator draws rulesets of every kind the issue names, on nodes without a bridge only. */
class BlueprintFirewallTest {

    @Test
    void seventyLabsHoldEveryKindOfRuleAndNat() {
        List<String> rules = new ArrayList<>();
        int dropPolicies = 0;
        for (long seed = 1; seed <= 70; seed++) {
            Lab lab = FidelityRun.lab(seed);
            for (Node n : lab.nodes().values()) {
                if (!n.bridges().isEmpty()) {
                    assertThat(n.firewall().isEmpty()).as("%s has a bridge", n.name()).isTrue();
                }
                for (Table t : n.firewall().tables()) {
                    for (Chain c : t.chains()) {
                        dropPolicies += c.base().map(b -> b.policy() == Policy.DROP ? 1 : 0).orElse(0);
                        for (Rule r : c.rules()) {
                            rules.add(r.text(t.family()));
                        }
                    }
                }
            }
        }
        assertThat(dropPolicies).isPositive();
        for (String kind : List.of(" drop", "reject with icmpx admin-prohibited", "reject with icmpx host-unreachable",
                "reject with tcp reset", "ct state established,related", "ct state new", "masquerade", "snat to",
                "dnat to", "counter", "tcp dport", "udp dport", "icmp type echo-request", "iifname", "oifname", "ip saddr")) {
            assertThat(rules).as(kind).anyMatch(r -> r.contains(kind));
        }
        assertThat(rules).as("a plain reject").anyMatch(r -> r.endsWith(" reject") || r.equals("reject"));
    }
}
