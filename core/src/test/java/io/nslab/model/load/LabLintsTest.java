package io.nslab.model.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The classic mistakes of a valid lab are warned of, at their line and column; a lab without them gets no warning. */
class LabLintsTest {

    private static List<String> warnings(String yaml) {
        return LabLoader.check("lab.yaml", yaml).warnings().stream().map(Problem::toString).toList();
    }

    @Test
    void linkEndsInDifferentSubnets() {
        assertThat(warnings("""
                name: w
                nodes: {a: {}, b: {}}
                links:
                  - endpoints: ["a:e0 10.0.1.1/24", "b:e0 10.0.2.1/24"]
                """)).containsExactly("lab.yaml:4:43: the ends of this link share no IPv4 subnet (a:e0 10.0.1.1/24, b:e0 10.0.2.1/24): "
                + "they reach each other only through routes naming the interface; if they are meant to be neighbours, put both in one subnet");
    }

    @Test
    void aBareAddressNextToAPrefixedPeer() {
        assertThat(warnings("""
                name: w
                nodes: {a: {}, b: {}}
                links:
                  - endpoints:
                      - node: a
                        interface: e0
                        addresses: [10.0.0.1]
                      - node: b
                        interface: e0
                        addresses: [10.0.0.2/24]
                """)).containsExactly("lab.yaml:7:21: address 10.0.0.1 has no prefix length and is taken as 10.0.0.1/32, a subnet "
                + "of one address with no neighbour on it; its peer b:e0 has 10.0.0.2/24: did you mean 10.0.0.1/24?");
    }

    @Test
    void hostWithoutANodeCalledHost() {
        assertThat(warnings("""
                name: w
                nodes: {a: {}, hosts: {}}
                links:
                  - endpoints: ["a:e0 10.0.0.1/24", "host:e0 10.0.0.2/24"]
                """)).singleElement().asString().startsWith("lab.yaml:4:38: \"host:e0\" is an interface in this machine's own network "
                + "namespace, as no node is called host (up makes it only with --allow-host); if you meant a node, declare it under "
                + "nodes: (did you mean \"hosts\"?)");
    }

    @Test
    void theExamplesHaveNone() throws Exception {
        try (var files = Files.list(Path.of("../examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertThat(LabLoader.check(f.toString(), Files.readString(f)).warnings()).as(f.toString()).isEmpty();
            }
        }
    }

    @Test
    void aNodeCalledHostIsANodeAndAnIpv6PairSharesItsSubnet() {
        assertThat(warnings("""
                name: w
                nodes: {a: {}, host: {}}
                links:
                  - endpoints: ["a:e0 10.0.0.1/24 fd00::1/64", "host:e0 10.0.0.2/24 fd00::2/64"]
                """)).isEmpty();
    }
}
