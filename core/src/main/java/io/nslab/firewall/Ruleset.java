package io.nslab.firewall;

import java.util.List;
import java.util.Optional;

/**
 * A node's whole nf_tables ruleset. Empty for a node without firewall rules: such a node's packets take exactly
 * the path they take without netfilter (no conntrack, no hooks).
 */
public record Ruleset(List<Table> tables) {
    public static final Ruleset EMPTY = new Ruleset(List.of());

    public Ruleset {
        tables = List.copyOf(tables);
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }

    public Optional<Table> table(TableFamily family, String name) {
        return tables.stream().filter(t -> t.family() == family && t.name().equals(name)).findFirst();
    }

    /** Whether any chain uses conntrack (a ct match or NAT): only then does the kernel track connections. */
    public boolean tracksConnections() {
        for (Table t : tables) {
            for (Chain c : t.chains()) {
                if (c.base().map(b -> b.type() == ChainType.NAT).orElse(false)) {
                    return true;
                }
                for (Rule r : c.rules()) {
                    if (r.matches().stream().anyMatch(m -> m instanceof Match.CtState)
                            || r.verdict().map(Verdict::isNat).orElse(false)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The ruleset as {@code nft list ruleset} prints it (counters at zero). */
    public String text() {
        return RulesetText.render(this, (t, c, i) -> new long[] {0, 0});
    }
}
