package io.nslab.report;

import io.nslab.graph.GraphNode;
import io.nslab.graph.Layout;
import io.nslab.graph.SvgWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.nslab.graph.Xml.escape;

/**
 * The report as one HTML file that needs nothing else: the picture inline as SVG, the stylesheet and the script inline,
 * a Content-Security-Policy that forbids every fetch, so the page makes no request when it is opened. Each lab (the
 * first attempt, then the lab, when the report tells the story of a fix) is one {@code <section class="lab">}: its
 * picture, checks, all-pairs matrix and nodes. A check or a cell, chosen, shows its {@code --explain} text beside the
 * picture and marks its path there; the texts travel as JSON in the section and are put in with {@code textContent},
 * never as markup. All other text is escaped here.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String write(String title, List<LabReport> labs) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                        + "script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(resource("report.css")).append("</style>\n")
                .append("</head>\n<body>\n<header><h1>").append(escape(title)).append("</h1></header>\n<main>\n");
        for (int i = 0; i < labs.size(); i++) {
            section(b, labs.get(i), "l" + i + "-", labs.size() > 1 && i < labs.size() - 1);
        }
        b.append("</main>\n<footer>Made by <code>nslab report</code>. Choose a check or a cell of the matrix to see its path.</footer>\n");
        b.append("<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void section(StringBuilder b, LabReport r, String prefix, boolean before) {
        long failedChecks = r.checks().size() - r.checksPassed();
        boolean green = failedChecks == 0 && r.answered() == r.pairCount();
        b.append("<section class=\"lab ").append(green ? "green" : "red").append("\" id=\"").append(prefix).append("lab\">\n");
        b.append("<h2>").append(before ? "First attempt: " : "").append("lab ").append(escape(r.lab())).append("</h2>\n");
        b.append("<p class=\"summary\">").append(escape(r.world())).append(" &middot; <span class=\"").append(failedChecks == 0 ? "pass" : "fail")
                .append("\">").append(r.checks().size()).append(r.checks().size() == 1 ? " check: " : " checks: ").append(r.checksPassed())
                .append(" passed, ").append(failedChecks).append(" failed</span> &middot; <span class=\"")
                .append(r.answered() == r.pairCount() ? "pass" : "fail").append("\">all pairs: ").append(r.answered()).append(" of ")
                .append(r.pairCount()).append(" pings answered</span></p>\n");
        for (String note : r.notes()) {
            b.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        if (!r.missing().isEmpty()) {
            b.append("<div class=\"missing\"><h3>Missing here, added by the fixed lab</h3><ul>\n");
            for (Map.Entry<String, List<String>> m : r.missing().entrySet()) {
                for (String what : m.getValue()) {
                    b.append("<li><b>").append(escape(m.getKey())).append("</b>: ").append(escape(what)).append("</li>\n");
                }
            }
            b.append("</ul></div>\n");
        }
        b.append("<div class=\"picture-wrap\">\n<figure class=\"picture\">\n");
        String svg = SvgWriter.write(r.graph(), Layout.of(r.graph()), prefix);
        if (!r.missing().isEmpty()) {
            svg = markMissing(svg, r);
        }
        b.append(svg).append("<figcaption>").append(legend(r)).append("</figcaption>\n</figure>\n");
        b.append("<aside class=\"explain\" aria-live=\"polite\"><h3>Path</h3><p class=\"hint\">Choose a check or a cell of the matrix: "
                + "its path is marked on the picture and explained here.</p><pre></pre></aside>\n</div>\n");

        StringBuilder json = new StringBuilder("{");
        b.append("<h3>Checks</h3>\n");
        if (r.checks().isEmpty()) {
            b.append("<p>The lab declares no checks.</p>\n");
        } else {
            b.append("<div class=\"scroll\"><table class=\"checks\">\n<thead><tr><th>result</th><th>check</th><th>expected</th><th>seen</th></tr></thead>\n<tbody>\n");
            for (int i = 0; i < r.checks().size(); i++) {
                Probed c = r.checks().get(i);
                b.append("<tr class=\"").append(c.passed() ? "pass" : "fail").append("\"><td><button type=\"button\" data-entry=\"c").append(i)
                        .append("\" class=\"").append(c.passed() ? "pass" : "fail").append("\">").append(c.passed() ? "PASS" : "FAIL")
                        .append("</button></td><td class=\"what\">").append(escape(c.title())).append("</td><td>").append(escape(c.expected()))
                        .append("</td><td>").append(escape(c.seen())).append("</td></tr>\n");
                entry(json, "c" + i, c);
            }
            b.append("</tbody></table></div>\n");
        }
        matrix(b, r, json);
        nodes(b, r);
        printExplanations(b, r);
        json.append('}');
        b.append("<script type=\"application/json\" class=\"entries\">").append(json.toString().replace("<", "\\u003c")).append("</script>\n");
        b.append("</section>\n");
    }

    private static void matrix(StringBuilder b, LabReport r, StringBuilder json) {
        b.append("<h3>All pairs</h3>\n");
        if (r.pairs().isEmpty() && r.failing().isEmpty()) {
            b.append("<p>").append(r.pairCount() == 0 ? "No node has an address to ping from." : "Every ping was answered.").append("</p>\n");
            return;
        }
        if (r.pairs().isEmpty()) {
            b.append("<p>Too many addresses for a matrix: the failing pairs (").append(r.pairCount() - r.answered()).append(" in all, ")
                    .append(r.failing().size()).append(" listed).</p>\n<ul class=\"failing\">\n");
            for (int i = 0; i < r.failing().size(); i++) {
                Probed p = r.failing().get(i);
                b.append("<li><button type=\"button\" class=\"fail\" data-entry=\"f").append(i).append("\">").append(escape(p.title()))
                        .append("</button> ").append(escape(p.seen())).append("</li>\n");
                entry(json, "f" + i, p);
            }
            b.append("</ul>\n");
            return;
        }
        b.append("<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th scope=\"col\">from \\ to</th>");
        for (int c = 0; c < r.targets().size(); c++) {
            b.append("<th scope=\"col\" title=\"").append(escape(r.addresses().get(c))).append("\"><span>").append(escape(r.targets().get(c)))
                    .append("</span><small>").append(escape(r.addresses().get(c))).append("</small></th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        int cols = r.targets().size();
        for (int s = 0; s < r.sources().size(); s++) {
            b.append("<tr><th scope=\"row\">").append(escape(r.sources().get(s))).append("</th>");
            for (int c = 0; c < cols; c++) {
                int i = s * cols + c;
                Probed p = r.pairs().get(i);
                b.append("<td><button type=\"button\" class=\"cell ").append(p.passed() ? "pass" : "fail").append("\" data-entry=\"p").append(i)
                        .append("\" title=\"").append(escape(p.title() + ": " + p.seen())).append("\" aria-label=\"")
                        .append(escape(p.title() + ": " + p.seen())).append("\">").append(escape(p.mark())).append("</button></td>");
                entry(json, "p" + i, p);
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n<p class=\"legend\">ok reply, ! refused by the sender's kernel, x ICMP error, . no answer</p>\n");
    }

    private static void nodes(StringBuilder b, LabReport r) {
        b.append("<h3>Nodes</h3>\n<div class=\"nodes\">\n");
        for (NodeFacts n : r.nodes()) {
            b.append("<article class=\"node-facts\"><h4>").append(escape(n.node())).append(n.node().equals(n.netns()) ? "" : " <small>netns "
                    + escape(n.netns()) + "</small>").append("</h4>\n<p>forwarding <b class=\"").append(n.forwarding() ? "on\">on" : "off\">off")
                    .append("</b></p>\n<h5>interfaces</h5><pre>");
            n.interfaces().forEach(l -> b.append(escape(l)).append('\n'));
            b.append("</pre>\n<h5>routes</h5><pre>");
            if (n.routes().isEmpty()) {
                b.append("(none)\n");
            }
            n.routes().forEach(l -> b.append(escape(l)).append('\n'));
            b.append("</pre></article>\n");
        }
        b.append("</div>\n");
    }

    /** On paper nothing can be clicked: the explanations of what failed are printed under the matrix instead. */
    private static void printExplanations(StringBuilder b, LabReport r) {
        List<Probed> failed = new java.util.ArrayList<>();
        r.checks().stream().filter(p -> !p.passed()).forEach(failed::add);
        (r.pairs().isEmpty() ? r.failing() : r.pairs()).stream().filter(p -> !p.passed()).forEach(failed::add);
        if (failed.isEmpty()) {
            return;
        }
        b.append("<div class=\"print-only\"><h3>Why the failures fail</h3>\n");
        for (Probed p : failed.subList(0, Math.min(failed.size(), 50))) {
            b.append("<h5>").append(escape(p.title())).append("</h5><pre>").append(escape(p.explanation().orElse(p.seen()))).append("</pre>\n");
        }
        b.append("</div>\n");
    }

    private static void entry(StringBuilder json, String key, Probed p) {
        if (json.length() > 1) {
            json.append(',');
        }
        json.append('"').append(key).append("\":{\"title\":").append(jsonString(p.title() + " (expected " + p.expected() + ", seen " + p.seen() + ")"))
                .append(",\"text\":").append(jsonString(p.explanation().orElse("(no explanation: " + p.seen() + ")")))
                .append(",\"nodes\":").append(p.marks().nodes()).append(",\"links\":").append(p.marks().links())
                .append(",\"stop\":").append(p.marks().stop()).append('}');
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The nodes that lack what the fixed lab has get the class {@code missing}: a red badge on the picture. */
    private static String markMissing(String svg, LabReport r) {
        for (GraphNode n : r.graph().nodes()) {
            if (r.missing().containsKey(n.name())) {
                svg = svg.replace("data-node=\"" + escape(n.name()) + "\"", "data-node=\"" + escape(n.name()) + "\" data-missing=\"true\"");
            }
        }
        return svg.replaceAll("<g class=\"node ([a-z-]+)\"( id=\"[^\"]+\" data-node=\"[^\"]*\" data-missing)", "<g class=\"node $1 missing\"$2");
    }

    private static String legend(LabReport r) {
        return "<span class=\"key router\">router</span> <span class=\"key host\">host</span> <span class=\"key bridge\">bridge</span> "
                + "<span class=\"key path\">path</span> <span class=\"key stop\">stops here</span>"
                + (r.missing().isEmpty() ? "" : " <span class=\"key lacks\">lacks what the fix adds</span>");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
