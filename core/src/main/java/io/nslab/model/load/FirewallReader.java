package io.nslab.model.load;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a node's {@code firewall:} section into a {@link RawFirewall}: structure and positions only. */
final class FirewallReader {
    static final Set<String> KEYS = Set.of("input", "forward", "output", "nat", "dnat", "tables");
    static final Set<String> CHAIN_KEYS = Set.of("policy", "stateful", "allow", "rules");
    static final Set<String> TABLE_CHAIN_KEYS = Set.of("type", "hook", "priority", "policy", "rules");

    private final String file;
    private final Problems problems;

    FirewallReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    Optional<RawFirewall> read(Node n) {
        return YamlMap.of(file, n, "firewall", problems).map(m -> {
            m.allowOnly("firewall", KEYS);
            Map<String, RawFirewall.Chain> filter = new LinkedHashMap<>();
            for (String hook : List.of("input", "forward", "output")) {
                m.node(hook).flatMap(v -> chain(new Located<>(hook, m.keyPosition(hook)), v)).ifPresent(c -> filter.put(hook, c));
            }
            List<RawFirewall.Table> tables = new ArrayList<>();
            m.node("tables").flatMap(v -> YamlMap.of(file, v, "tables", problems)).ifPresent(tm -> {
                for (Map.Entry<Located<String>, Node> e : tm.entries()) {
                    tables.add(table(e.getKey(), e.getValue()));
                }
            });
            return new RawFirewall(m.position(), filter, rules(m, "nat"), rules(m, "dnat"), tables);
        });
    }

    /** A chain in the concise form: a mapping, or a plain list of rules (policy accept). */
    private Optional<RawFirewall.Chain> chain(Located<String> name, Node v) {
        if (v instanceof SequenceNode) {
            return Optional.of(new RawFirewall.Chain(name, null, null, List.of(), ruleList(v, name.value())));
        }
        return YamlMap.of(file, v, name.value() + " (a mapping with policy, stateful, allow and rules, or a list of rules)", problems)
                .map(c -> {
                    c.allowOnly("firewall " + name.value(), CHAIN_KEYS);
                    return new RawFirewall.Chain(name, c.string("policy"), c.bool("stateful"), rules(c, "allow"), rules(c, "rules"));
                });
    }

    private RawFirewall.Table table(Located<String> key, Node v) {
        List<RawFirewall.TableChain> chains = new ArrayList<>();
        YamlMap.of(file, v, "table \"" + key.value() + "\" (a mapping of chain names to chains)", problems).ifPresent(tm -> {
            for (Map.Entry<Located<String>, Node> e : tm.entries()) {
                YamlMap.of(file, e.getValue(), "chain \"" + e.getKey().value() + "\"", problems).ifPresent(c -> {
                    c.allowOnly("chain \"" + e.getKey().value() + "\"", TABLE_CHAIN_KEYS);
                    chains.add(new RawFirewall.TableChain(e.getKey(), c.position(), c.string("type"), c.string("hook"),
                            c.string("priority"), c.string("policy"), rules(c, "rules")));
                });
            }
        });
        return new RawFirewall.Table(key, chains);
    }

    private List<Located<String>> rules(YamlMap m, String key) {
        return m.node(key).map(n -> ruleList(n, key)).orElse(List.of());
    }

    /** Rules as written, each positioned at its first character (after an opening quote). */
    private List<Located<String>> ruleList(Node n, String what) {
        List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
        List<Located<String>> out = new ArrayList<>();
        for (Node item : items) {
            if (item instanceof ScalarNode s) {
                Position p = YamlSource.position(file, s);
                out.add(new Located<>(s.getValue(), s.isPlain() ? p : p.plus(1)));
            } else {
                problems.add(YamlSource.position(file, item), what + ": a rule must be one line of text, like \"tcp dport 22 accept\", not "
                        + YamlMap.describe(item));
            }
        }
        return out;
    }
}
