package io.nslab.graph;

/**
 * The lab as a Mermaid flowchart, which GitHub and many wikis draw from a fenced {@code mermaid} block. Mermaid has
 * no labels at a link's ends, so each link's one label reads {@code v1 10.10.10.2/24 | 10.10.10.0/24 | v1_r ...}
 * from its first node to its second. Nodes are {@code n0, n1...}: a lab's node may be called {@code end}.
 */
public final class MermaidWriter {
    private MermaidWriter() {
    }

    public static String write(LabGraph graph) {
        StringBuilder b = new StringBuilder();
        b.append("---\ntitle: ").append(text("lab " + graph.lab())).append("\n---\nflowchart LR\n");
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            GraphNode n = graph.nodes().get(i);
            String id = "n" + i;
            ids.put(n.name(), id);
            String label = "\"" + text(n.name()) + "<br/>" + text(n.role().word())
                    + n.details().stream().map(d -> "<br/>" + text(d)).reduce("", String::concat) + "\"";
            b.append("  ").append(id).append(switch (n.role()) {
                case ROUTER -> "([" + label + "])";
                case HOST -> "[" + label + "]";
                case BRIDGE -> "[[" + label + "]]";
                case HOST_ENDPOINT -> ">" + label + "]";
            }).append(":::").append(n.role().cssClass()).append('\n');
        }
        for (GraphLink l : graph.links()) {
            String label = l.a().text() + l.subnet().map(s -> " | " + s).orElse("") + " | " + l.b().text();
            b.append("  ").append(ids.get(l.a().node())).append(l.up() ? " ---|" : " -.-|").append('"').append(text(label)).append("\"| ")
                    .append(ids.get(l.b().node())).append('\n');
        }
        b.append("  classDef router fill:#fde7c8,stroke:#b45309,stroke-width:2px\n");
        b.append("  classDef host fill:#dbeafe,stroke:#334155\n");
        b.append("  classDef bridge fill:#dcfce7,stroke:#15803d\n");
        b.append("  classDef host-endpoint fill:#f1f5f9,stroke:#334155,stroke-dasharray:6 3\n");
        return b.toString();
    }

    /** Text inside a quoted Mermaid label: its entity codes for what would end or change the label. */
    static String text(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("#quot;");
                case '#' -> b.append("#35;");
                case '<' -> b.append("#lt;");
                case '>' -> b.append("#gt;");
                case '\n', '\r' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
