package io.nslab.graph;

import java.util.List;

/**
 * The lab as Graphviz DOT ({@code dot -Tsvg}), for people who keep diagrams in their docs: an undirected graph, nodes
 * by role, each link with its ends' interfaces and addresses as tail and head labels and its subnet as its label.
 */
public final class DotWriter {
    private DotWriter() {
    }

    public static String write(LabGraph graph) {
        StringBuilder b = new StringBuilder();
        b.append("graph ").append(q(graph.lab())).append(" {\n");
        b.append("  graph [rankdir=LR, fontname=\"monospace\"];\n");
        b.append("  node [shape=box, style=filled, fontname=\"monospace\"];\n");
        b.append("  edge [fontname=\"monospace\", fontsize=10];\n");
        for (GraphNode n : graph.nodes()) {
            String label = String.join("\n", java.util.stream.Stream.concat(java.util.stream.Stream.of(n.name(), n.role().word()),
                    n.details().stream()).toList());
            b.append("  ").append(q(n.name())).append(" [label=").append(q(label)).append(", ").append(switch (n.role()) {
                case ROUTER -> "style=\"rounded,filled,bold\", fillcolor=\"#fde7c8\"";
                case HOST -> "fillcolor=\"#dbeafe\"";
                case BRIDGE -> "fillcolor=\"#dcfce7\"";
                case HOST_ENDPOINT -> "style=\"dashed,filled\", fillcolor=\"#f1f5f9\"";
            }).append("];\n");
        }
        List<String> subnets = graph.subnets();
        for (GraphLink l : graph.links()) {
            b.append("  ").append(q(l.a().node())).append(" -- ").append(q(l.b().node())).append(" [taillabel=").append(q(l.a().text()))
                    .append(", headlabel=").append(q(l.b().text()));
            l.subnet().ifPresent(s -> b.append(", label=").append(q(s)).append(", color=")
                    .append(q(SvgWriter.PALETTE.get(subnets.indexOf(s) % SvgWriter.PALETTE.size()))));
            if (!l.up()) {
                b.append(", style=dashed");
            }
            b.append("];\n");
        }
        b.append("}\n");
        return b.toString();
    }

    /** A DOT quoted string: backslash and quote escaped, a newline as DOT's centred line break. */
    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
