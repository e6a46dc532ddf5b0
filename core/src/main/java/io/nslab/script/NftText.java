package io.nslab.script;

import io.nslab.firewall.Chain;
import io.nslab.firewall.Rule;
import io.nslab.firewall.RulesetText;
import io.nslab.firewall.Table;

import java.util.List;

/**
 * {@code nft list} as nft 1.0.6 prints it here: iptables-nft's rules as their xtables extensions translate, and, on
 * stderr before a table that holds any, the warning that iptables-nft manages it.
 */
final class NftText {
    private NftText() {
    }

    static void tables(Invocation inv, List<Table> tables, String onlyChain) {
        RulesetText.Counters counts = inv.world().network().counters(inv.netns());
        FirewallOrigins origins = inv.world().firewallOrigins();
        for (Table t : tables) {
            boolean xt = t.chains().stream().flatMap(c -> c.rules().stream()).anyMatch(r -> origins.of(r).map(IptRule::xt).orElse(false));
            if (xt) {
                inv.err("# Warning: table " + t.label() + " is managed by iptables-nft, do not touch!\n");
            }
            StringBuilder sb = new StringBuilder();
            sb.append("table ").append(t.label()).append(" {\n");
            boolean first = true;
            for (Chain chain : t.chains()) {
                if (onlyChain != null && !chain.name().equals(onlyChain)) {
                    continue;
                }
                if (!first) {
                    sb.append('\n');
                }
                first = false;
                sb.append("\tchain ").append(chain.name()).append(" {\n");
                chain.base().ifPresent(b -> sb.append("\t\t").append(b.text()).append('\n'));
                for (int i = 0; i < chain.rules().size(); i++) {
                    Rule r = chain.rules().get(i);
                    long[] n = counts.of(t, chain, i);
                    String text = origins.of(r).map(o -> IptText.nft(o, n[0], n[1])).orElseGet(() -> r.text(t.family(), n[0], n[1]));
                    sb.append("\t\t").append(text).append('\n');
                }
                sb.append("\t}\n");
            }
            sb.append("}\n");
            inv.out(sb.toString());
        }
    }
}
