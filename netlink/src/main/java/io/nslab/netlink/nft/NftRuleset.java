package io.nslab.netlink.nft;

import java.util.List;

/**
 * A namespace's whole nf_tables ruleset as read back: what {@code nft -a list ruleset} shows.
 *
 * @param tables the tables, in the kernel's order
 * @param chains every table's chains, table by table
 * @param rules  every chain's rules with their handles, chain by chain
 */
public record NftRuleset(List<NftTable> tables, List<NftChain> chains, List<NftInstalledRule> rules) {
    public NftRuleset {
        tables = List.copyOf(tables);
        chains = List.copyOf(chains);
        rules = List.copyOf(rules);
    }

    /** The chains of one table, in order. */
    public List<NftChain> chainsOf(NftTable table) {
        return chains.stream().filter(c -> c.table().equals(table)).toList();
    }

    /** The rules of one chain, in order. */
    public List<NftInstalledRule> rulesOf(NftChain chain) {
        return rules.stream()
                .filter(r -> r.rule().table().equals(chain.table()) && r.rule().chain().equals(chain.name())).toList();
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }
}
