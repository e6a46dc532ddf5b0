package io.nslab.op;

import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class NeighbourBudgetTest {
    private static final NeighbourBudget.Limits V4 = new NeighbourBudget.Limits("ipv4", 512, 1024);
    private static final NeighbourBudget.Limits V6 = new NeighbourBudget.Limits("ipv6", 512, 1024);

    private static Lab lab(String yaml) {
        return LabLoader.parse("test.yaml", yaml);
    }

    /** n hosts on one bridge of a switch node, one /16; the bridge has an address when {@code bridgeAddress}. */
    static String lan(int n, boolean bridgeAddress, String extra) {
        StringBuilder y = new StringBuilder("name: lan\n" + extra + "nodes:\n  s1:\n    bridges:\n      br0:\n        ports: ["
                + IntStream.range(0, n).mapToObj(i -> "p" + i).collect(Collectors.joining(", ")) + "]\n"
                + (bridgeAddress ? "        addresses: [10.0.255.254/16]\n" : ""));
        for (int i = 0; i < n; i++) {
            y.append("  h").append(i).append(": {}\n");
        }
        y.append("links:\n");
        for (int i = 0; i < n; i++) {
            y.append("  - endpoints: [\"h").append(i).append(":eth0 10.0.").append((i + 1) >> 8).append('.').append((i + 1) & 255)
                    .append("/16\", \"s1:p").append(i).append("\"]\n");
        }
        return y.toString();
    }

    /** n hosts each on its own /30 to one router. */
    static String star(int n, String extra) {
        StringBuilder y = new StringBuilder("name: star\n" + extra + "nodes:\n  r:\n    forwarding: true\n");
        for (int i = 0; i < n; i++) {
            y.append("  h").append(i).append(": {}\n");
        }
        y.append("links:\n");
        for (int i = 0; i < n; i++) {
            int base = i * 4;
            String p = "10." + (base >> 16 & 255) + "." + (base >> 8 & 255) + ".";
            y.append("  - endpoints: [\"h").append(i).append(":eth0 ").append(p).append((base & 255) + 2).append("/30\", \"r:h")
                    .append(i).append(' ').append(p).append((base & 255) + 1).append("/30\"]\n");
        }
        return y.toString();
    }

    @Test
    void aVethPairNeedsOneEntryEachWay() {
        NeighbourBudget b = NeighbourBudget.of(lab("""
                name: pair
                nodes: {a: {}, b: {}}
                links:
                  - endpoints: ["a:e0 10.0.0.1/30", "b:e0 10.0.0.2/30"]
                """));
        assertThat(b).isEqualTo(new NeighbourBudget(2, 0, 0, 0, "a:e0", 2));
    }

    @Test
    void ipv4AndIpv6AreCountedApart() {
        NeighbourBudget b = NeighbourBudget.of(lab("""
                name: dual
                nodes: {a: {}, b: {}}
                links:
                  - endpoints: ["a:e0 10.0.0.1/30 fd00::1/64", "b:e0 10.0.0.2/30 fd00::2/64"]
                """));
        assertThat(b.ipv4Dynamic()).isEqualTo(2);
        assertThat(b.ipv6Dynamic()).isEqualTo(2);
    }

    @Test
    void onlyPeersInASubnetOfTheirOwnAreNeighbours() {
        NeighbourBudget b = NeighbourBudget.of(lab("""
                name: two-subnets
                nodes:
                  sw: {bridges: {br0: {ports: [p1, p2, p3, p4]}}}
                  h1: {}
                  h2: {}
                  h3: {}
                  h4: {}
                links:
                  - endpoints: ["h1:eth0 10.0.0.1/24", "sw:p1"]
                  - endpoints: ["h2:eth0 10.0.0.2/24", "sw:p2"]
                  - endpoints: ["h3:eth0 10.0.1.3/24", "sw:p3"]
                  - endpoints: ["h4:eth0", "sw:p4"]
                """));
        assertThat(b.ipv4Dynamic()).isEqualTo(2); // h1 <-> h2; h3 shares no subnet; h4 has no address
    }

    @Test
    void fiftyHostsOnOneBridgePingingAllPairsNeed2450Entries() {
        NeighbourBudget b = NeighbourBudget.of(lab(lan(50, false, "")));
        assertThat(b.ipv4Dynamic()).isEqualTo(50 * 49);
        assertThat(b.largest()).isEqualTo("h0:eth0");
        assertThat(NeighbourBudget.of(lab(lan(50, true, ""))).ipv4Dynamic()).isEqualTo(51 * 50);
    }

    @Test
    void aThousandHostStarNeedsTwoThousandEntries() {
        NeighbourBudget b = NeighbourBudget.of(lab(star(1000, "")));
        assertThat(b.ipv4Dynamic()).isEqualTo(2000);
        assertThat(b.largestEntries()).isEqualTo(2);
    }

    @Test
    void staticNeighboursCountApart() {
        NeighbourBudget b = NeighbourBudget.of(lab(star(1000, "defaults:\n  neighbours: static\n")));
        assertThat(b.ipv4Dynamic()).isZero();
        assertThat(b.ipv4Static()).isEqualTo(2000);
    }

    @Test
    void nodeAndLinkSettingsOverrideTheLabDefault() {
        Lab lab = lab("""
                name: mixed
                defaults: {neighbours: static}
                nodes:
                  a: {neighbours: dynamic}
                  b: {}
                  c: {}
                links:
                  - endpoints: ["a:e0 10.0.0.1/30", "b:e0 10.0.0.2/30"]
                  - endpoints: ["b:e1 10.0.1.1/30", "c:e0 10.0.1.2/30"]
                    neighbours: dynamic
                  - endpoints: ["a:e1 10.0.2.1/30", "c:e1 10.0.2.2/30"]
                    neighbours: static
                """);
        NeighbourBudget b = NeighbourBudget.of(lab);
        assertThat(b.ipv4Dynamic()).isEqualTo(3); // a:e0, and both ends of b--c
        assertThat(b.ipv4Static()).isEqualTo(3); // b:e0, and both ends of a--c
    }

    @Test
    void underTheSoftLimitFitsAboveItWarnsAboveTheHardLimitIsOver() {
        assertThat(NeighbourBudget.of(lab(lan(20, false, ""))).against("lan", V4, V6))
                .isInstanceOf(NeighbourBudget.Verdict.Fits.class);
        assertThat(NeighbourBudget.of(lab(lan(30, false, ""))).against("lan", V4, V6))
                .isInstanceOfSatisfying(NeighbourBudget.Verdict.Warning.class, w -> assertThat(w.message())
                        .contains("870 dynamic IPv4 (ARP) neighbour entries", "net.ipv4.neigh.default.gc_thresh2 = 512"));
        assertThat(NeighbourBudget.of(lab(lan(50, false, ""))).against("lan", V4, V6))
                .isInstanceOfSatisfying(NeighbourBudget.Verdict.Over.class, o -> assertThat(o.message())
                        .contains("lab lan needs 2,450 dynamic IPv4 (ARP) neighbour entries",
                                "net.ipv4.neigh.default.gc_thresh3 = 1024", "neighbours: static", "--tune-host",
                                "Nothing was created"));
        assertThat(NeighbourBudget.of(lab(lan(50, false, "defaults:\n  neighbours: static\n"))).against("lan", V4, V6))
                .isInstanceOf(NeighbourBudget.Verdict.Fits.class);
    }

    @Test
    void staticNeighboursArePlannedWithDerivedMacsLastAndDeterministically() {
        Lab lab = lab(lan(3, true, "defaults:\n  neighbours: static\n"));
        List<Op> plan = LabPlanner.plan(lab);
        List<Op.AddNeighbour> neighbours = plan.stream().filter(o -> o instanceof Op.AddNeighbour).map(o -> (Op.AddNeighbour) o).toList();
        assertThat(neighbours).hasSize(4 * 3);
        assertThat(plan.subList(plan.size() - neighbours.size(), plan.size())).containsExactlyElementsOf(neighbours);
        assertThat(neighbours.getFirst().command()).matches(
                "ip -n lan-h0 neigh add 10\\.0\\.0\\.2 lladdr 02:[0-9a-f:]{14} dev eth0 nud permanent");
        // the MAC promised to h0 is the one h1's interface is given
        Op.AddNeighbour toH1 = neighbours.getFirst();
        assertThat(plan.stream().filter(o -> o instanceof Op.AddVeth v && v.netns().equals(io.nslab.model.NamespaceRef.named("lan-h1"))).map(o -> ((Op.AddVeth) o).mac()))
                .containsExactly(java.util.Optional.of(toH1.mac()));
        assertThat(LabPlanner.plan(lab)).isEqualTo(plan);
        assertThat(LabPlanner.plan(lab(lan(3, true, "")))).noneMatch(o -> o instanceof Op.AddNeighbour || o instanceof Op.SetMac);
    }
}
