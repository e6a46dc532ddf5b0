package io.nslab.report;

import io.nslab.graph.GraphLink;
import io.nslab.graph.GraphNode;
import io.nslab.graph.LabGraph;
import io.nslab.graph.LinkEnd;
import io.nslab.graph.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's text is escaped wherever it goes: markup, attributes, and the JSON the script reads. */
class HtmlReportTest {

    @Test
    void hostileTextStaysText() {
        String evil = "</script><script>alert(1)</script>&\"'";
        LabGraph g = new LabGraph("x", List.of(new GraphNode("a", Role.HOST, List.of()), new GraphNode("b", Role.ROUTER, List.of())),
                List.of(new GraphLink(new LinkEnd("a", "e0", List.of()), new LinkEnd("b", "e1", List.of()), Optional.empty(), true)));
        Probed p = new Probed(evil, evil, evil, false, "!", Optional.of(evil + "\n\u2028"), new PathMarks(List.of(0), List.of(0), 1));
        LabReport r = new LabReport("x", "simulator", g, List.of(p), List.of("a"), List.of(evil), List.of("10.0.0.1"), List.of(p), List.of(),
                1, 0, List.of(new NodeFacts("a", "a", false, List.of(evil), List.of(evil))), List.of(evil), Map.of("a", List.of(evil)));
        String html = HtmlReport.write(evil, List.of(r));
        assertThat(html).doesNotContain("<script>alert").doesNotContain("alert(1)</script>");
        // the only script elements are the report's own: the entries' JSON and the code
        assertThat(html.split("<script", -1)).hasSize(3);
        assertThat(html).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;");
        assertThat(html).contains("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>&\\\"'\\n\\u2028");
        assertThat(HtmlReport.jsonString("a\"b\\c\n<")).isEqualTo("\"a\\\"b\\\\c\\n\\u003c\"");
    }
}
