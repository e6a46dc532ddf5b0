package io.nslab.model.load;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML mapping read key by key. Every accessor reports a wrong type, a bad value or an
 * unknown key to {@link Problems} with its position and carries on, so one pass finds
 * every mistake in a file.
 */
final class YamlMap {
    private final String file;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Problems problems;

    private YamlMap(String file, MappingNode node, Problems problems) {
        this.file = file;
        this.node = node;
        this.problems = problems;
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                problems.add(pos(t.getKeyNode()), "a key must be a plain word, not a " + kind(t.getKeyNode()));
                continue;
            }
            if (entries.putIfAbsent(key.getValue(), t) != null) {
                problems.add(pos(key), "duplicate key \"" + key.getValue() + "\"");
            }
        }
    }

    /** The mapping at {@code node}, or empty after reporting that {@code what} must be a mapping. */
    static Optional<YamlMap> of(String file, Node node, String what, Problems problems) {
        if (node instanceof MappingNode m) {
            return Optional.of(new YamlMap(file, m, problems));
        }
        if (isNull(node)) {
            return Optional.of(new YamlMap(file, new MappingNode(org.snakeyaml.engine.v2.nodes.Tag.MAP, false, List.of(),
                    org.snakeyaml.engine.v2.common.FlowStyle.AUTO, node.getStartMark(), node.getEndMark()), problems));
        }
        problems.add(YamlSource.position(file, node), what + " must be a mapping (key: value), not " + describe(node));
        return Optional.empty();
    }

    Position position() {
        return pos(node);
    }

    String file() {
        return file;
    }

    Problems problems() {
        return problems;
    }

    /** Reports every key outside {@code known}, with the closest known key as a hint. */
    void allowOnly(String where, Set<String> known) {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.add(pos(e.getValue().getKeyNode()), "unknown key \"" + e.getKey() + "\" in " + where
                        + Suggestions.hint(e.getKey(), known));
            }
        }
    }

    Set<String> keys() {
        return entries.keySet();
    }

    Optional<Node> node(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode).filter(n -> !isNull(n));
    }

    Position keyPosition(String key) {
        return pos(entries.get(key).getKeyNode());
    }

    /** Entries in file order, with the key's position. */
    List<Map.Entry<Located<String>, Node>> entries() {
        List<Map.Entry<Located<String>, Node>> out = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            out.add(Map.entry(new Located<>(e.getKey(), pos(e.getValue().getKeyNode())), e.getValue().getValueNode()));
        }
        return out;
    }

    Located<String> string(String key) {
        return node(key).map(n -> scalar(n, key)).orElse(null);
    }

    Located<Integer> integer(String key, long min, long max) {
        Located<String> s = string(key);
        return s == null ? null : YamlMap.parseInteger(s, key, min, max, problems);
    }

    Located<Double> number(String key, double min, double max) {
        Located<String> s = string(key);
        if (s == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(s.value());
            if (!(v >= min && v <= max)) {
                problems.add(s.position(), key + " " + s.value() + " is out of range " + fmt(min) + ".." + fmt(max));
                return null;
            }
            return new Located<>(v, s.position());
        } catch (NumberFormatException e) {
            problems.add(s.position(), key + " must be a number, not \"" + s.value() + "\"");
            return null;
        }
    }

    Located<Boolean> bool(String key) {
        Located<String> s = string(key);
        if (s == null) {
            return null;
        }
        return switch (s.value()) {
            case "true", "yes", "on" -> new Located<>(true, s.position());
            case "false", "no", "off" -> new Located<>(false, s.position());
            default -> {
                problems.add(s.position(), key + " must be true or false, not \"" + s.value() + "\"");
                yield null;
            }
        };
    }

    /** A list of scalars; a single scalar counts as a list of one. */
    List<Located<String>> strings(String key) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return List.of();
        }
        if (n.get() instanceof SequenceNode seq) {
            List<Located<String>> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                Located<String> s = scalar(item, key);
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }
        if (n.get() instanceof MappingNode) {
            problems.add(pos(n.get()), key + " must be a list, not a mapping");
            return List.of();
        }
        Located<String> s = scalar(n.get(), key);
        return s == null ? List.of() : List.of(s);
    }

    /** A list of any nodes; reports a non-list. */
    List<Node> list(String key) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return List.of();
        }
        if (n.get() instanceof SequenceNode seq) {
            return seq.getValue();
        }
        problems.add(pos(n.get()), key + " must be a list, not " + describe(n.get()));
        return List.of();
    }

    Located<String> scalar(Node n, String what) {
        if (n instanceof ScalarNode s) {
            return new Located<>(s.getValue(), pos(s));
        }
        problems.add(pos(n), what + " must be a single value, not " + describe(n));
        return null;
    }

    static Located<Integer> parseInteger(Located<String> s, String what, long min, long max, Problems problems) {
        String t = s.value();
        if (!t.matches("[+-]?[0-9]{1,19}")) {
            problems.add(s.position(), what + " must be a whole number, not \"" + t + "\"");
            return null;
        }
        try {
            long v = Long.parseLong(t);
            if (v < min || v > max) {
                problems.add(s.position(), what + " " + t + " is out of range " + min + ".." + max);
                return null;
            }
            return new Located<>((int) v, s.position());
        } catch (NumberFormatException e) {
            problems.add(s.position(), what + " " + t + " is out of range " + min + ".." + max);
            return null;
        }
    }

    private Position pos(Node n) {
        return YamlSource.position(file, n);
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.isPlain() && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null"));
    }

    static String describe(Node n) {
        return switch (n) {
            case ScalarNode s -> "the value \"" + s.getValue() + "\"";
            case SequenceNode ignored -> "a list";
            case MappingNode ignored -> "a mapping";
            default -> "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String kind(Node n) {
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
