package io.nslab.firewall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the kernel refuses when a ruleset is loaded, for rulesets built in code (or read back) rather than from a lab
 * file, whose loader says the same at file positions: a table or chain twice, a jump or goto to a missing or base
 * chain, a loop of jumps (ELOOP), NAT outside a nat chain or at a hook where it cannot happen, reject at
 * postrouting. The simulator refuses such a ruleset rather than loop or guess.
 */
public final class RulesetCheck {
    private RulesetCheck() {
    }

    public static List<String> problems(Ruleset rs) {
        List<String> out = new ArrayList<>();
        Set<String> tables = new HashSet<>();
        for (Table t : rs.tables()) {
            if (!tables.add(t.label())) {
                out.add("table " + t.label() + " twice");
            }
            Set<String> chains = new HashSet<>();
            for (Chain c : t.chains()) {
                if (!chains.add(c.name())) {
                    out.add("chain " + c.name() + " twice in table " + t.label());
                }
                for (Rule r : c.rules()) {
                    target(r).ifPresent(name -> {
                        Optional<Chain> to = t.chain(name);
                        if (to.isEmpty()) {
                            out.add("table " + t.label() + ", chain " + c.name() + ": no chain " + name + " to jump to");
                        } else if (to.get().base().isPresent()) {
                            out.add("table " + t.label() + ", chain " + c.name() + ": " + name + " is a base chain; jumps lead to regular chains");
                        }
                    });
                }
            }
            for (Chain c : t.chains()) {
                c.base().ifPresent(b -> walk(t, b, c, new ArrayList<>(), out));
            }
        }
        return out;
    }

    private static Optional<String> target(Rule r) {
        return r.verdict().flatMap(v -> switch (v) {
            case Verdict.Jump j -> Optional.of(j.chain());
            case Verdict.Goto g -> Optional.of(g.chain());
            default -> Optional.empty();
        });
    }

    private static void walk(Table t, BaseChain base, Chain c, List<String> path, List<String> out) {
        path.add(c.name());
        for (Rule r : c.rules()) {
            r.verdict().ifPresent(v -> {
                String where = "table " + t.label() + ", chain " + c.name() + ": `" + r.text(t.family()) + "` ";
                boolean src = v instanceof Verdict.Masquerade || v instanceof Verdict.Snat;
                boolean dst = v instanceof Verdict.Dnat || v instanceof Verdict.Redirect;
                if (src && (base.type() != ChainType.NAT || base.hook() != Hook.POSTROUTING && base.hook() != Hook.INPUT)) {
                    out.add(where + "needs a nat chain at postrouting or input");
                }
                if (dst && (base.type() != ChainType.NAT || base.hook() != Hook.PREROUTING && base.hook() != Hook.OUTPUT)) {
                    out.add(where + "needs a nat chain at prerouting or output");
                }
                if (v instanceof Verdict.Reject && base.hook() == Hook.POSTROUTING) {
                    out.add(where + "cannot reject at postrouting");
                }
            });
            Optional<Chain> to = target(r).flatMap(t::chain).filter(x -> x.base().isEmpty());
            if (to.isPresent()) {
                if (path.contains(to.get().name())) {
                    out.add("table " + t.label() + ": the jumps " + String.join(" -> ", path) + " -> " + to.get().name() + " make a loop");
                } else {
                    walk(t, base, to.get(), path, out);
                }
            }
        }
        path.remove(path.size() - 1);
    }
}
