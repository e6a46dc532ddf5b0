package io.nslab.graph;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An SVG picture read back with the JDK's XML parser: its node boxes and links, for tests to check. */
public record SvgStructure(Map<String, Placement.Box> nodes, List<String[]> links, Document document) {

    public static SvgStructure parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        Map<String, Placement.Box> nodes = new LinkedHashMap<>();
        List<String[]> links = new ArrayList<>();
        NodeList groups = doc.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            String cls = g.getAttribute("class");
            if (cls.startsWith("node ")) {
                Element rect = (Element) g.getElementsByTagNameNS("*", "rect").item(0);
                Placement.Box box = new Placement.Box(d(rect, "x"), d(rect, "y"), d(rect, "width"), d(rect, "height"));
                assertThat(nodes.put(g.getAttribute("data-node"), box)).as("node %s drawn once", g.getAttribute("data-node")).isNull();
            } else if (cls.equals("link") || cls.equals("link down")) {
                Element line = (Element) g.getElementsByTagNameNS("*", "polyline").item(0);
                assertThat(line.getAttribute("points").split(" ").length).as("a link's line has two points at least").isGreaterThanOrEqualTo(2);
                links.add(new String[] {g.getAttribute("data-a"), g.getAttribute("data-b")});
            }
        }
        return new SvgStructure(nodes, links, doc);
    }

    private static double d(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** No two node boxes share any area, and every box is inside the picture. */
    public void assertNoOverlaps() {
        Element svg = document.getDocumentElement();
        double w = Double.parseDouble(svg.getAttribute("width"));
        double h = Double.parseDouble(svg.getAttribute("height"));
        List<Map.Entry<String, Placement.Box>> all = new ArrayList<>(nodes.entrySet());
        for (int i = 0; i < all.size(); i++) {
            Placement.Box a = all.get(i).getValue();
            assertThat(a.x() >= 0 && a.y() >= 0 && a.x() + a.width() <= w && a.y() + a.height() <= h)
                    .as("node %s inside the picture", all.get(i).getKey()).isTrue();
            for (int j = i + 1; j < all.size(); j++) {
                assertThat(a.overlaps(all.get(j).getValue())).as("%s overlaps %s", all.get(i).getKey(), all.get(j).getKey()).isFalse();
            }
        }
    }
}
