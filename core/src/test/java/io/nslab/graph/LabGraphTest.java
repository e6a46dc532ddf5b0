package io.nslab.graph;

import io.nslab.model.Lab;
import io.nslab.model.VethLink;
import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The picture of every example, and of a 100-node lab, read back as XML: every node and link there, no box on another. */
class LabGraphTest {
    static final Path EXAMPLES = Path.of("../examples");

    static Stream<Path> examples() throws IOException {
        return Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExamplesPictureHasEveryNodeAndLinkAndNoOverlap(Path example) throws Exception {
        Lab lab = LabLoader.load(example);
        checkPicture(lab);
    }

    @Test
    void aHundredNodeLab() throws Exception {
        Lab lab = LabLoader.parse("hundred.yaml", TestLabs.routersWithHosts(10, 9));
        assertThat(lab.nodes()).hasSize(100);
        checkPicture(lab);
    }

    @Test
    void seedsRolesAddressesAndSubnets() {
        LabGraph g = LabGraphs.of(LabLoader.load(EXAMPLES.resolve("seed.yaml")));
        assertThat(g.nodes()).extracting(GraphNode::name, GraphNode::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ns1", Role.HOST), org.assertj.core.groups.Tuple.tuple("router", Role.ROUTER),
                        org.assertj.core.groups.Tuple.tuple("ns2", Role.HOST));
        assertThat(g.links()).extracting(GraphLink::label).containsExactly("ns1:v1 -- router:v1_r", "ns2:v2 -- router:v2_r");
        assertThat(g.links().getFirst().a().text()).isEqualTo("v1 10.10.10.2/24");
        assertThat(g.subnets()).containsExactly("10.10.10.0/24", "10.10.20.0/24");

        LabGraph bridge = LabGraphs.of(LabLoader.load(EXAMPLES.resolve("bridge.yaml")));
        assertThat(bridge.node("sw").orElseThrow().role()).isEqualTo(Role.BRIDGE);
        assertThat(bridge.node("sw").orElseThrow().details()).containsExactly("br0 10.0.0.254/24");
        assertThat(bridge.subnets()).as("bridge ports take their LAN's subnet").containsExactly("10.0.0.0/24");

        Lab withHost = LabLoader.parse("he.yaml", "name: he\nnodes:\n  a: {}\nlinks:\n  - endpoints: [\"host:nslabhe0 10.9.0.1/24\", \"a:eth0 10.9.0.2/24\"]\n");
        LabGraph he = LabGraphs.of(withHost);
        assertThat(he.node("host").orElseThrow().role()).isEqualTo(Role.HOST_ENDPOINT);
        assertThat(he.links()).extracting(GraphLink::label).containsExactly("host:nslabhe0 -- a:eth0");
        assertThat(LabGraphs.of(LabLoader.load(EXAMPLES.resolve("vm-host.yaml"))).node("host").orElseThrow().role())
                .as("a node the lab calls host is a node like any other").isEqualTo(Role.HOST);
    }

    @Test
    void textIsEscaped() throws Exception {
        LabGraph g = new LabGraph("a<b>&\"c'", List.of(new GraphNode("x", Role.HOST, List.of("<script>")), new GraphNode("y", Role.ROUTER, List.of())),
                List.of(new GraphLink(new LinkEnd("x", "e&0", List.of()), new LinkEnd("y", "e\"1", List.of()), java.util.Optional.of("10.0.0.0/8"), false)));
        String svg = GraphFormat.svg.render(g);
        SvgStructure s = SvgStructure.parse(svg);
        assertThat(s.links().getFirst()).containsExactly("x:e&0", "y:e\"1");
        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(DotWriter.q("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(MermaidWriter.text("a\"b#<")).isEqualTo("a#quot;b#35;#lt;");
    }

    private static String name(Lab lab, io.nslab.model.Endpoint e) {
        return e.node().value();
    }

    static void checkPicture(Lab lab) throws Exception {
        LabGraph g = LabGraphs.of(lab);
        Set<String> expectedNodes = new HashSet<>();
        lab.nodes().keySet().forEach(n -> expectedNodes.add(n.value()));
        if (!lab.hostEndpoints().isEmpty()) {
            expectedNodes.add("host");
        }
        Set<Set<String>> expectedLinks = new HashSet<>();
        for (VethLink l : lab.links()) {
            expectedLinks.add(Set.of(l.a().label(), l.b().label()));
        }
        SvgStructure svg = SvgStructure.parse(GraphFormat.svg.render(g));
        assertThat(svg.nodes().keySet()).containsExactlyInAnyOrderElementsOf(expectedNodes);
        assertThat(svg.links().stream().map(l -> Set.of(l[0], l[1])).toList()).containsExactlyInAnyOrderElementsOf(expectedLinks);
        svg.assertNoOverlaps();

        GraphText dot = GraphText.dot(DotWriter.write(g));
        assertThat(dot.nodes()).containsExactlyInAnyOrderElementsOf(expectedNodes);
        assertThat(dot.edges()).hasSize(lab.links().size());
        GraphText mermaid = GraphText.mermaid(MermaidWriter.write(g));
        assertThat(mermaid.nodes()).containsExactlyInAnyOrderElementsOf(expectedNodes);
        assertThat(mermaid.edges()).hasSize(lab.links().size());
        for (VethLink l : lab.links()) {
            // each link once between its two nodes, in either direction
            assertThat(dot.edges()).contains(List.of(name(lab, l.a()), name(lab, l.b())));
            assertThat(mermaid.edges()).contains(List.of(name(lab, l.a()), name(lab, l.b())));
        }
    }
}
