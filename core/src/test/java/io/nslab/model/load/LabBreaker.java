package io.nslab.model.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Breaks a well-formed lab in one place (now and then two or three): a value replaced by a hostile one,
 * a value of the wrong type, an entry removed, repeated or added, a node or interface renamed everywhere
 * to a name that must be refused, or raw YAML spliced in. One break in a valid lab reaches the check
 * that owns that field; random bytes mostly stop at the YAML parser.
 */
final class LabBreaker {
    /** A place in the tree: an entry of a mapping or an item of a list. */
    private record Slot(List<Object> container, int index) {
    }

    private LabBreaker() {
    }

    static YamlTree breakSome(YamlTree lab, Random r) {
        int breaks = r.nextInt(10) < 8 ? 1 : 2 + r.nextInt(2);
        YamlTree t = lab;
        for (int i = 0; i < breaks; i++) {
            t = breakOne(t, r);
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    static YamlTree breakOne(YamlTree lab, Random r) {
        if (r.nextInt(6) == 0) {
            return rename(lab, r);
        }
        List<Slot> slots = new ArrayList<>();
        collect(lab, slots);
        if (slots.isEmpty()) {
            return lab;
        }
        Slot at = slots.get(r.nextInt(slots.size()));
        List<Object> c = at.container();
        Object old = c.get(at.index());
        switch (r.nextInt(7)) {
            case 0, 1 -> c.set(at.index(), with(old, YamlTree.s(HostileValues.any(r))));
            case 2 -> c.set(at.index(), with(old, wrongType(old, r)));
            case 3 -> c.remove(at.index());
            case 4 -> c.add(at.index(), old);
            case 5 -> c.set(at.index(), with(old, new YamlTree.Raw(HostileValues.pick(HostileValues.RAW, r))));
            default -> {
                if (old instanceof Map.Entry<?, ?> e) {
                    String key = r.nextBoolean() ? HostileValues.name(r) : HostileValues.pick(HostileValues.WORDS, r);
                    c.set(at.index(), Map.entry(key, (YamlTree) e.getValue()));
                } else {
                    c.add(at.index(), YamlTree.s(HostileValues.any(r)));
                }
            }
        }
        return lab;
    }

    private static Object with(Object old, YamlTree value) {
        return old instanceof Map.Entry<?, ?> e ? Map.entry((String) e.getKey(), value) : value;
    }

    private static YamlTree wrongType(Object old, Random r) {
        YamlTree v = old instanceof Map.Entry<?, ?> e ? (YamlTree) e.getValue() : (YamlTree) old;
        return switch (v) {
            case YamlTree.Scalar s -> r.nextBoolean() ? new YamlTree.Seq(new ArrayList<>(List.of(s)))
                    : YamlTree.map(s.value().isEmpty() ? "x" : s.value(), s);
            case YamlTree.Seq q -> r.nextBoolean() ? YamlTree.s(q.items().size()) : YamlTree.map("x", q);
            case YamlTree.Mapping m -> r.nextBoolean() ? YamlTree.s("x") : new YamlTree.Seq(new ArrayList<>(List.of(m)));
            case YamlTree.Raw raw -> YamlTree.s(raw.text());
        };
    }

    @SuppressWarnings("unchecked")
    private static void collect(YamlTree t, List<Slot> out) {
        switch (t) {
            case YamlTree.Mapping m -> {
                List<Object> c = (List<Object>) (List<?>) m.entries();
                for (int i = 0; i < c.size(); i++) {
                    out.add(new Slot(c, i));
                    collect(m.entries().get(i).getValue(), out);
                }
            }
            case YamlTree.Seq q -> {
                List<Object> c = (List<Object>) (List<?>) q.items();
                for (int i = 0; i < c.size(); i++) {
                    out.add(new Slot(c, i));
                    collect(q.items().get(i), out);
                }
            }
            case YamlTree.Scalar ignored -> {
            }
            case YamlTree.Raw ignored -> {
            }
        }
    }

    /** Replaces one node name, interface name or address everywhere it occurs by a hostile one. */
    private static YamlTree rename(YamlTree lab, Random r) {
        String text = YamlTree.render(lab);
        var m = java.util.regex.Pattern.compile("node[A-Z][0-9]|if[AB][0-9]+|10\\.[0-9]+\\.[0-9]+\\.[12]/24").matcher(text);
        List<String> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(m.group());
        }
        if (tokens.isEmpty()) {
            return lab;
        }
        String token = tokens.get(r.nextInt(tokens.size()));
        String by = token.contains("/") ? HostileValues.pick(HostileValues.ADDRESSES, r) : HostileValues.name(r);
        return replace(lab, token, by);
    }

    private static YamlTree replace(YamlTree t, String token, String by) {
        return switch (t) {
            case YamlTree.Scalar s -> YamlTree.s(s.value().replace(token, by));
            case YamlTree.Raw raw -> raw;
            case YamlTree.Seq q -> new YamlTree.Seq(new ArrayList<>(q.items().stream().map(i -> replace(i, token, by)).toList()));
            case YamlTree.Mapping mp -> {
                List<Map.Entry<String, YamlTree>> entries = new ArrayList<>();
                for (Map.Entry<String, YamlTree> e : mp.entries()) {
                    entries.add(Map.entry(e.getKey().replace(token, by), replace(e.getValue(), token, by)));
                }
                yield new YamlTree.Mapping(entries);
            }
        };
    }
}
