package io.nslab.graph;

import java.util.List;
import java.util.Locale;

/**
 * The picture as SVG: node boxes by role, links coloured by subnet with their ends' interfaces and addresses, the
 * subnet in the middle. Every node is a {@code <g class="node ROLE" data-node="NAME">}, every link a
 * {@code <g class="link" data-a="NODE:IF" data-b="NODE:IF">}, so a page (the report) can find and mark them.
 */
public final class SvgWriter {
    private SvgWriter() {
    }

    /** Colours for subnets, told apart in colour-blind palettes too (Okabe and Ito's, then darker tones). */
    static final List<String> PALETTE = List.of("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
            "#7a5c00", "#5e3c99", "#b2182b", "#1b7837");

    static final String STYLE = """
            .nslab-graph { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; }
            .nslab-graph .node rect { stroke: #334155; stroke-width: 1.5; }
            .nslab-graph .node.router rect { fill: #fde7c8; stroke: #b45309; stroke-width: 2.5; }
            .nslab-graph .node.host rect { fill: #dbeafe; }
            .nslab-graph .node.bridge rect { fill: #dcfce7; stroke: #15803d; }
            .nslab-graph .node.host-endpoint rect { fill: #f1f5f9; stroke-dasharray: 6 3; }
            .nslab-graph .node .name { font-size: 14px; font-weight: bold; fill: #0f172a; }
            .nslab-graph .node .role, .nslab-graph .node .detail { font-size: 11px; fill: #475569; }
            .nslab-graph .link polyline { fill: none; stroke-width: 2.5; }
            .nslab-graph .link.down polyline { stroke-dasharray: 5 4; }
            .nslab-graph .link .end, .nslab-graph .link .subnet { font-size: 11px; fill: #0f172a; }
            .nslab-graph .link .subnet { font-weight: bold; }
            .nslab-graph .label-bg { fill: #ffffff; fill-opacity: 0.85; }
            """;

    public static String write(LabGraph graph, Placement p) {
        return write(graph, p, "");
    }

    /** With {@code idPrefix} before each element id, so that two pictures can share one page. */
    public static String write(LabGraph graph, Placement p, String idPrefix) {
        StringBuilder b = new StringBuilder(4096 + 600 * (graph.nodes().size() + graph.links().size()));
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"nslab-graph\" width=\"").append(n(p.width()))
                .append("\" height=\"").append(n(p.height())).append("\" viewBox=\"0 0 ").append(n(p.width())).append(' ')
                .append(n(p.height())).append("\" role=\"img\" aria-label=\"").append(Xml.escape("lab " + graph.lab())).append("\">\n");
        b.append("<title>").append(Xml.escape("lab " + graph.lab() + ": " + graph.nodes().size() + " nodes, "
                + graph.links().size() + " links")).append("</title>\n");
        b.append("<style>\n").append(STYLE).append("</style>\n");
        List<String> subnets = graph.subnets();
        b.append("<g class=\"links\">\n");
        for (int i = 0; i < graph.links().size(); i++) {
            GraphLink l = graph.links().get(i);
            Placement.Route r = p.links().get(i);
            String colour = l.subnet().map(s -> PALETTE.get(subnets.indexOf(s) % PALETTE.size())).orElse("#64748b");
            b.append("<g class=\"link").append(l.up() ? "" : " down").append("\" id=\"").append(idPrefix).append("link-").append(i).append("\" data-a=\"")
                    .append(Xml.escape(l.a().label())).append("\" data-b=\"").append(Xml.escape(l.b().label())).append('"');
            l.subnet().ifPresent(s -> b.append(" data-subnet=\"").append(Xml.escape(s)).append('"'));
            b.append(">\n<title>").append(Xml.escape(l.label() + l.subnet().map(s -> " (" + s + ")").orElse("")
                    + (l.up() ? "" : ", down"))).append("</title>\n");
            b.append("<polyline stroke=\"").append(colour).append("\" points=\"");
            for (Placement.Point pt : r.points()) {
                b.append(n(pt.x())).append(',').append(n(pt.y())).append(' ');
            }
            b.setLength(b.length() - 1);
            b.append("\"/>\n");
            label(b, r.aLabel(), "end a", null);
            label(b, r.bLabel(), "end b", null);
            r.subnetLabel().ifPresent(s -> label(b, s, "subnet", colour));
            b.append("</g>\n");
        }
        b.append("</g>\n<g class=\"nodes\">\n");
        for (int i = 0; i < graph.nodes().size(); i++) {
            GraphNode node = graph.nodes().get(i);
            Placement.Box box = p.nodes().get(i);
            b.append("<g class=\"node ").append(node.role().cssClass()).append("\" id=\"").append(idPrefix).append("node-").append(i).append("\" data-node=\"")
                    .append(Xml.escape(node.name())).append("\">\n<title>").append(Xml.escape(node.name() + " (" + node.role().word() + ")"))
                    .append("</title>\n");
            b.append("<rect x=\"").append(n(box.x())).append("\" y=\"").append(n(box.y())).append("\" width=\"").append(n(box.width()))
                    .append("\" height=\"").append(n(box.height())).append("\" rx=\"").append(node.role() == Role.ROUTER ? 14 : 4).append("\"/>\n");
            double x = box.x() + Layout.PAD_X;
            double y = box.y() + Layout.PAD_Y + TextMetrics.NAME_SIZE;
            text(b, x, y, "name", node.name());
            y += TextMetrics.LINE;
            text(b, x, y, "role", node.role().word());
            for (String d : node.details()) {
                y += TextMetrics.LINE;
                text(b, x, y, "detail", d);
            }
            b.append("</g>\n");
        }
        b.append("</g>\n</svg>\n");
        return b.toString();
    }

    private static void label(StringBuilder b, Placement.Label l, String cssClass, String colour) {
        Placement.Box box = l.box();
        b.append("<rect class=\"label-bg\" x=\"").append(n(box.x())).append("\" y=\"").append(n(box.y())).append("\" width=\"")
                .append(n(box.width())).append("\" height=\"").append(n(box.height())).append("\"/>\n");
        b.append("<text class=\"").append(cssClass).append("\" x=\"").append(n(box.x() + 2)).append("\" y=\"")
                .append(n(box.y() + box.height() - 5)).append('"');
        if (colour != null) {
            b.append(" style=\"fill:").append(colour).append('"'); // a style, not fill=: the stylesheet's fill would win
        }
        b.append('>').append(Xml.escape(l.text())).append("</text>\n");
    }

    private static void text(StringBuilder b, double x, double y, String cssClass, String text) {
        b.append("<text class=\"").append(cssClass).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\">")
                .append(Xml.escape(text)).append("</text>\n");
    }

    /** A coordinate with at most one decimal: stable text for the committed picture, small files for large labs. */
    static String n(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}
