package io.nslab.model.load;

import io.nslab.firewall.BaseChain;
import io.nslab.firewall.Chain;
import io.nslab.firewall.ChainType;
import io.nslab.firewall.ConnState;
import io.nslab.firewall.Hook;
import io.nslab.firewall.Match;
import io.nslab.firewall.Policy;
import io.nslab.firewall.Priority;
import io.nslab.firewall.Rule;
import io.nslab.firewall.RuleParser;
import io.nslab.firewall.RuleSyntaxException;
import io.nslab.firewall.Ruleset;
import io.nslab.firewall.Table;
import io.nslab.firewall.TableFamily;
import io.nslab.firewall.Verdict;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a node's {@code firewall:} into its {@link Ruleset}: the concise chains become {@code table inet filter}
 * (input, forward, output) and {@code table ip nat} (postrouting from nat:, prerouting from dnat:), then the
 * complete tables follow. Refuses at its position what the kernel or nft would refuse (a NAT statement outside a
 * nat chain or at the wrong hook, a jump to a missing or base chain, a jump loop) and what cannot be meant (an
 * interface the node does not have).
 */
final class FirewallResolver {
    private final Problems problems;

    FirewallResolver(Problems problems) {
        this.problems = problems;
    }

    /** A rule with the position of its text, until the ruleset is checked as a whole. */
    private record Placed(Rule rule, Located<String> text) {
    }

    private record PlacedChain(String name, Optional<BaseChain> base, List<Placed> rules, Position position) {
        Chain chain() {
            return new Chain(name, base, rules.stream().map(Placed::rule).toList());
        }
    }

    private record PlacedTable(TableFamily family, String name, List<PlacedChain> chains, Position position) {
    }

    Ruleset resolve(String node, RawFirewall raw, NodeInterfaces ifs) {
        List<PlacedTable> tables = new ArrayList<>();
        if (!raw.filter().isEmpty()) {
            List<PlacedChain> chains = new ArrayList<>();
            for (RawFirewall.Chain c : raw.filter().values()) {
                chains.add(concise(c, ifs));
            }
            tables.add(new PlacedTable(TableFamily.INET, "filter", chains, raw.position()));
        }
        if (!raw.nat().isEmpty() || !raw.dnat().isEmpty()) {
            List<PlacedChain> chains = new ArrayList<>();
            if (!raw.dnat().isEmpty()) {
                chains.add(new PlacedChain("prerouting", Optional.of(new BaseChain(ChainType.NAT, Hook.PREROUTING,
                        Priority.standard(ChainType.NAT, Hook.PREROUTING), Policy.ACCEPT)), natRules(raw.dnat(), "dnat", ifs), raw.position()));
            }
            if (!raw.nat().isEmpty()) {
                chains.add(new PlacedChain("postrouting", Optional.of(new BaseChain(ChainType.NAT, Hook.POSTROUTING,
                        Priority.standard(ChainType.NAT, Hook.POSTROUTING), Policy.ACCEPT)), natRules(raw.nat(), "nat", ifs), raw.position()));
            }
            tables.add(new PlacedTable(TableFamily.IP, "nat", chains, raw.position()));
        }
        for (RawFirewall.Table t : raw.tables()) {
            complete(t, ifs).ifPresent(pt -> {
                for (PlacedTable earlier : tables) {
                    if (earlier.family() == pt.family() && earlier.name().equals(pt.name())) {
                        problems.add(t.key().position(), "table " + t.key().value() + " is made twice"
                                + (earlier.position().equals(raw.position()) ? " (the concise input/forward/output or nat/dnat make it); "
                                + "write its chains in one form" : ""));
                        return;
                    }
                }
                tables.add(pt);
            });
        }
        for (PlacedTable t : tables) {
            check(node, t);
        }
        return new Ruleset(tables.stream().map(t -> new Table(t.family(), t.name(), t.chains().stream().map(PlacedChain::chain).toList())).toList());
    }

    private PlacedChain concise(RawFirewall.Chain c, NodeInterfaces ifs) {
        Hook hook = Hook.of(c.name().value()).orElseThrow();
        Policy policy = policy(c.policy());
        List<Placed> rules = new ArrayList<>();
        if (c.stateful() != null && c.stateful().value()) {
            rules.add(new Placed(Rule.of(new Verdict.Accept(), new Match.CtState(EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED))),
                    new Located<>("ct state established,related accept", c.stateful().position())));
        }
        for (Located<String> a : c.allow()) {
            parse(a, TableFamily.INET, ifs).ifPresent(r -> {
                if (r.verdict().isPresent()) {
                    problems.add(a.position(), "allow: lists conditions only (each is accepted); \"" + r.verdict().get().text(TableFamily.INET)
                            + "\" belongs in rules:");
                } else {
                    rules.add(new Placed(new Rule(r.matches(), r.counter(), Optional.of(new Verdict.Accept())), a));
                }
            });
        }
        rules.addAll(rules(c.rules(), TableFamily.INET, ifs));
        return new PlacedChain(hook.word(), Optional.of(new BaseChain(ChainType.FILTER, hook, 0, policy)), rules, c.name().position());
    }

    private Optional<PlacedTable> complete(RawFirewall.Table t, NodeInterfaces ifs) {
        String[] words = t.key().value().strip().split("\\s+");
        Optional<TableFamily> family = words.length == 2 ? TableFamily.of(words[0]) : Optional.empty();
        if (family.isEmpty()) {
            problems.add(t.key().position(), "a table is named FAMILY NAME, like \"inet filter\" or \"ip nat\" (family ip, ip6 or inet), not \""
                    + t.key().value() + "\"");
            return Optional.empty();
        }
        if (!words[1].matches("[A-Za-z][A-Za-z0-9_.-]{0,255}")) {
            problems.add(t.key().position(), "table name \"" + words[1] + "\" must start with a letter, then letters, digits, _ . -");
            return Optional.empty();
        }
        List<PlacedChain> chains = new ArrayList<>();
        for (RawFirewall.TableChain c : t.chains()) {
            if (!c.name().value().matches("[A-Za-z][A-Za-z0-9_.-]{0,255}")) {
                problems.add(c.name().position(), "chain name \"" + c.name().value() + "\" must start with a letter, then letters, digits, _ . -");
                continue;
            }
            Optional<BaseChain> base = Optional.empty();
            if (c.hook() != null) {
                Optional<Hook> hook = Hook.of(c.hook().value());
                if (hook.isEmpty()) {
                    problems.add(c.hook().position(), "unknown hook \"" + c.hook().value() + "\"; hooks are prerouting, input, forward, output "
                            + "and postrouting");
                    continue;
                }
                ChainType type = ChainType.FILTER;
                if (c.type() != null) {
                    Optional<ChainType> ty = ChainType.of(c.type().value());
                    if (ty.isEmpty()) {
                        problems.add(c.type().position(), "unknown chain type \"" + c.type().value() + "\"; filter or nat");
                        continue;
                    }
                    type = ty.get();
                }
                if (!type.allows(hook.get())) {
                    problems.add(c.hook().position(), "a nat chain cannot attach to hook forward (the kernel refuses it: EOPNOTSUPP); "
                            + "NAT happens at prerouting, input, output and postrouting");
                    continue;
                }
                int priority = Priority.standard(type, hook.get());
                if (c.priority() != null) {
                    Optional<Integer> p = Priority.parse(c.priority().value(), hook.get());
                    if (p.isEmpty()) {
                        problems.add(c.priority().position(), "priority must be a number or raw, mangle, filter, security"
                                + (hook.get() == Hook.PREROUTING ? ", dstnat" : hook.get() == Hook.POSTROUTING ? ", srcnat" : "")
                                + " (optionally + or - N), not \"" + c.priority().value() + "\"");
                        continue;
                    }
                    priority = p.get();
                }
                base = Optional.of(new BaseChain(type, hook.get(), priority, policy(c.policy())));
            } else if (c.type() != null || c.priority() != null || c.policy() != null) {
                Located<String> extra = c.type() != null ? c.type() : c.priority() != null ? c.priority() : c.policy();
                problems.add(extra.position(), "chain \"" + c.name().value() + "\" has no hook, so it is a regular chain (reached by jump "
                        + "or goto) and takes no type, priority or policy; give it hook: to attach it");
                continue;
            }
            if (chains.stream().anyMatch(x -> x.name().equals(c.name().value()))) {
                problems.add(c.name().position(), "chain \"" + c.name().value() + "\" is already in table " + t.key().value());
                continue;
            }
            chains.add(new PlacedChain(c.name().value(), base, rules(c.rules(), family.get(), ifs), c.position()));
        }
        return Optional.of(new PlacedTable(family.get(), words[1], chains, t.key().position()));
    }

    private Policy policy(Located<String> p) {
        if (p == null) {
            return Policy.ACCEPT;
        }
        return Policy.of(p.value()).orElseGet(() -> {
            problems.add(p.position(), "policy must be accept or drop, not \"" + p.value() + "\"");
            return Policy.ACCEPT;
        });
    }

    private List<Placed> rules(List<Located<String>> texts, TableFamily family, NodeInterfaces ifs) {
        List<Placed> out = new ArrayList<>();
        for (Located<String> t : texts) {
            parse(t, family, ifs).ifPresent(r -> out.add(new Placed(r, t)));
        }
        return out;
    }

    /** The concise nat:/dnat: lists: every item translates (a condition alone would do nothing there). */
    private List<Placed> natRules(List<Located<String>> texts, String key, NodeInterfaces ifs) {
        List<Placed> out = new ArrayList<>();
        for (Placed p : rules(texts, TableFamily.IP, ifs)) {
            if (p.rule().verdict().map(Verdict::isNat).orElse(false)) {
                out.add(p);
            } else {
                problems.add(p.text().position(), key + ": each item translates, so it needs "
                        + (key.equals("nat") ? "masquerade or snat to ADDRESS, like \"masquerade out eth0\""
                        : "dnat to ADDRESS or redirect, like \"in eth0 tcp dport 8080 dnat to 10.0.0.2:80\""));
            }
        }
        return out;
    }

    private Optional<Rule> parse(Located<String> text, TableFamily family, NodeInterfaces ifs) {
        try {
            Rule r = RuleParser.parse(text.value(), family);
            for (Match m : r.matches()) {
                if (m instanceof Match.Interface i && !ifs.has(i.name())) {
                    int at = Math.max(0, text.value().indexOf(i.name()));
                    problems.add(text.position().plus(at), "the node has no interface \"" + i.name() + "\""
                            + Suggestions.hint(i.name(), ifs.all().stream().map(NodeInterfaces.Iface::name).toList()));
                    return Optional.empty();
                }
            }
            return Optional.of(r);
        } catch (RuleSyntaxException e) {
            problems.add(text.position().plus(e.offset()), e.getMessage());
            return Optional.empty();
        }
    }

    /** What the kernel checks when the table is loaded: verdicts against the hooks that reach them, jumps, loops. */
    private void check(String node, PlacedTable t) {
        Map<String, PlacedChain> byName = new LinkedHashMap<>();
        t.chains().forEach(c -> byName.put(c.name(), c));
        for (PlacedChain c : t.chains()) {
            for (Placed p : c.rules()) {
                Optional<String> target = p.rule().verdict().flatMap(v -> switch (v) {
                    case Verdict.Jump j -> Optional.of(j.chain());
                    case Verdict.Goto g -> Optional.of(g.chain());
                    default -> Optional.empty();
                });
                if (target.isPresent()) {
                    PlacedChain to = byName.get(target.get());
                    if (to == null) {
                        problems.add(p.text().position(), "no chain \"" + target.get() + "\" in table " + t.family().word() + " " + t.name()
                                + Suggestions.hint(target.get(), byName.keySet()));
                    } else if (to.base().isPresent()) {
                        problems.add(p.text().position(), "chain \"" + target.get() + "\" is a base chain (attached to hook "
                                + to.base().get().hook().word() + "); jump and goto lead only to regular chains");
                    }
                }
            }
        }
        for (PlacedChain c : t.chains()) {
            if (c.base().isEmpty()) {
                continue;
            }
            walk(c.base().get(), c, byName, new ArrayList<>(), t);
        }
    }

    private void walk(BaseChain base, PlacedChain c, Map<String, PlacedChain> byName, List<String> path, PlacedTable t) {
        if (path.contains(c.name())) {
            return; // reported where the loop closes
        }
        path.add(c.name());
        for (Placed p : c.rules()) {
            Optional<Verdict> v = p.rule().verdict();
            if (v.isEmpty()) {
                continue;
            }
            checkVerdict(base, v.get(), p, t);
            String next = v.get() instanceof Verdict.Jump j ? j.chain() : v.get() instanceof Verdict.Goto g ? g.chain() : null;
            PlacedChain to = next == null ? null : byName.get(next);
            if (to == null || to.base().isPresent()) {
                continue;
            }
            if (path.contains(to.name())) {
                problems.add(p.text().position(), "jumping to chain \"" + to.name() + "\" makes a loop (" + String.join(" -> ", path) + " -> "
                        + to.name() + "); the kernel refuses it (ELOOP)");
                continue;
            }
            walk(base, to, byName, path, t);
        }
        path.remove(path.size() - 1);
    }

    private void checkVerdict(BaseChain base, Verdict v, Placed p, PlacedTable t) {
        Hook h = base.hook();
        String where = " (this rule is reached from the " + base.type().word() + " chain at hook " + h.word() + ")";
        switch (v) {
            case Verdict.Masquerade x -> srcNat(base, p, "masquerade", where);
            case Verdict.Snat x -> srcNat(base, p, "snat", where);
            case Verdict.Dnat x -> dstNat(base, p, "dnat", where);
            case Verdict.Redirect x -> dstNat(base, p, "redirect", where);
            case Verdict.Reject x -> {
                if (h == Hook.POSTROUTING) {
                    problems.add(p.text().position(), "reject works at prerouting, input, forward and output, not at postrouting" + where);
                }
            }
            case Verdict.Accept x -> {
            }
            case Verdict.Drop x -> {
            }
            case Verdict.Jump x -> {
            }
            case Verdict.Goto x -> {
            }
            case Verdict.Return x -> {
            }
        }
    }

    private void srcNat(BaseChain base, Placed p, String what, String where) {
        if (base.type() != ChainType.NAT || base.hook() != Hook.POSTROUTING && base.hook() != Hook.INPUT) {
            problems.add(p.text().position(), what + " belongs in a nat chain at postrouting (or input)" + where
                    + "; the concise form is nat: [masquerade out IFNAME]");
        }
    }

    private void dstNat(BaseChain base, Placed p, String what, String where) {
        if (base.type() != ChainType.NAT || base.hook() != Hook.PREROUTING && base.hook() != Hook.OUTPUT) {
            problems.add(p.text().position(), what + " belongs in a nat chain at prerouting (or output)" + where
                    + "; the concise form is dnat: [\"in IFNAME tcp dport 80 dnat to ADDRESS\"]");
        }
    }
}
