package io.nslab.firewall;

import java.util.Optional;

/**
 * A rule that decided a packet's fate, or a chain's policy when {@code rule} is empty: how --explain names it.
 *
 * @param position the rule's place in its chain, from 1 (0 for the policy)
 * @param handle   the handle {@code nft -a list ruleset} shows when the ruleset is loaded as one transaction (0 for the policy)
 */
public record RuleRef(String node, Table table, Chain chain, int position, long handle, Optional<Rule> rule) {

    /** {@code rule 2 of chain forward in table inet filter on router: `ip saddr 10.0.0.0/8 drop`}, or the policy. */
    public String text() {
        return text(true);
    }

    /** The same without {@code on NODE}, for a hop that already names the node. */
    public String textHere() {
        return text(false);
    }

    private String text(boolean withNode) {
        String where = "chain " + chain.name() + " in table " + table.label() + (withNode ? " on " + node : "");
        return rule.map(r -> "rule " + position + " (handle " + handle + ") of " + where + ": `" + r.text(table.family()) + "`")
                .orElseGet(() -> "the policy " + chain.base().map(b -> b.policy().word()).orElse("?") + " of " + where);
    }

    /** The handle nft gives rule {@code index} (from 0) of {@code chain}: chains first, then rules, in order. */
    public static long handleOf(Table table, Chain chain, int index) {
        long h = table.chains().size();
        for (Chain c : table.chains()) {
            if (c == chain) {
                return h + index + 1;
            }
            h += c.rules().size();
        }
        throw new IllegalArgumentException("chain " + chain.name() + " is not in table " + table.label());
    }
}
