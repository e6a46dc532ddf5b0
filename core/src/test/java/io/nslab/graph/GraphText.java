package io.nslab.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** DOT or Mermaid text read back, at the level of statements: which nodes and which edges (by node name) it declares. */
record GraphText(Set<String> nodes, List<List<String>> edges) {
    private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern DOT_EDGE = Pattern.compile("^" + QUOTED + " -- " + QUOTED + " \\[.*\\];$");
    private static final Pattern DOT_NODE = Pattern.compile("^" + QUOTED + " \\[label=.*\\];$");
    private static final Pattern MERMAID_NODE = Pattern.compile("^(n\\d+)[\\[(>]+\"([^\"<]*)<br/>[^\"]*\"[\\])]+:::[a-z-]+$");
    private static final Pattern MERMAID_EDGE = Pattern.compile("^(n\\d+) (?:---|-\\.-)\\|\"[^\"]*\"\\| (n\\d+)$");

    static GraphText dot(String text) {
        Set<String> nodes = new LinkedHashSet<>();
        List<List<String>> edges = new ArrayList<>();
        List<String> lines = text.lines().map(String::strip).toList();
        if (!lines.getFirst().startsWith("graph \"") || !lines.getLast().equals("}")) {
            throw new IllegalArgumentException("not an undirected DOT graph: " + text);
        }
        for (String line : lines.subList(1, lines.size() - 1)) {
            Matcher e = DOT_EDGE.matcher(line);
            Matcher n = DOT_NODE.matcher(line);
            if (e.matches()) {
                edges.add(List.of(unquote(e.group(1)), unquote(e.group(2))));
            } else if (n.matches()) {
                nodes.add(unquote(n.group(1)));
            } else if (!line.matches("^(graph|node|edge) \\[.*\\];$")) {
                throw new IllegalArgumentException("not a DOT statement: " + line);
            }
        }
        return new GraphText(nodes, edges);
    }

    static GraphText mermaid(String text) {
        Map<String, String> names = new HashMap<>();
        List<List<String>> edges = new ArrayList<>();
        int start = text.indexOf("flowchart LR\n");
        if (!text.startsWith("---\n") || start < 0) {
            throw new IllegalArgumentException("not a Mermaid flowchart: " + text);
        }
        for (String line : text.substring(start + "flowchart LR\n".length()).lines().map(String::strip).toList()) {
            Matcher e = MERMAID_EDGE.matcher(line);
            Matcher n = MERMAID_NODE.matcher(line);
            if (e.matches()) {
                edges.add(List.of(names.get(e.group(1)), names.get(e.group(2))));
            } else if (n.matches()) {
                names.put(n.group(1), n.group(2));
            } else if (!line.startsWith("classDef ")) {
                throw new IllegalArgumentException("not a Mermaid statement: " + line);
            }
        }
        return new GraphText(new LinkedHashSet<>(names.values()), edges);
    }

    private static String unquote(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
