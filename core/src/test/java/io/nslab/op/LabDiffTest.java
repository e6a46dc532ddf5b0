package io.nslab.op;

import static io.nslab.model.NamespaceRef.named;

import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LabDiffTest {
    private static final String BASE = """
            name: d
            netns-prefix: ""
            nodes:
              a:
                routes: [10.9.0.0/16 via 10.0.0.2]
              b: {forwarding: true}
            links:
              - endpoints: ["a:e0 10.0.0.1/24", "b:e0 10.0.0.2/24"]
            """;

    private static List<String> diff(String before, String after, Map<SysctlKey, String> originals) {
        Lab old = LabLoader.parse("old.yaml", before);
        Lab next = LabLoader.parse("new.yaml", after);
        Set<io.nslab.model.NamespaceRef> live = new HashSet<>();
        old.nodes().keySet().forEach(n -> live.add(old.netnsOf(n)));
        return LabDiff.between(Optional.of(old), next, live, originals).stream().map(Op::command).toList();
    }

    @Test
    void nothingChangedMeansNoOps() {
        assertThat(diff(BASE, BASE, Map.of())).isEmpty();
    }

    @Test
    void fromNothingIsThePlan() {
        Lab lab = LabLoader.parse("x.yaml", BASE);
        assertThat(LabDiff.between(Optional.empty(), lab, Set.of(), Map.of())).isEqualTo(LabPlanner.plan(lab));
    }

    @Test
    void aChangedLinkIsRecreatedWithEverythingOnIt() {
        String mtu = BASE.replace("- endpoints: [\"a:e0 10.0.0.1/24\", \"b:e0 10.0.0.2/24\"]",
                "- endpoints: [\"a:e0 10.0.0.1/24\", \"b:e0 10.0.0.2/24\"]\n    mtu: 1400");
        assertThat(diff(BASE, mtu, Map.of())).containsExactly(
                "ip -n a link del e0",
                "ip -n a link add e0 mtu 1400 type veth peer name e0 netns b mtu 1400",
                "ip -n a addr add 10.0.0.1/24 dev e0",
                "ip -n b addr add 10.0.0.2/24 dev e0",
                "ip -n a link set e0 up",
                "ip -n b link set e0 up",
                "ip -n a route replace 10.9.0.0/16 via 10.0.0.2");
    }

    @Test
    void aRemovedSysctlIsRestoredToWhatItWasBefore() {
        String off = BASE.replace("b: {forwarding: true}", "b: {}");
        assertThat(diff(BASE, off, Map.of(new SysctlKey(named("b"), "net.ipv4.ip_forward"), "0")))
                .containsExactly("ip netns exec b sysctl -w net.ipv4.ip_forward=0");
        assertThat(diff(BASE, off, Map.of())).as("without a recorded original there is nothing to restore").isEmpty();
    }

    @Test
    void aNamespaceThatVanishedIsRebuilt() {
        Lab lab = LabLoader.parse("x.yaml", BASE);
        List<String> ops = LabDiff.between(Optional.of(lab), lab, Set.of(named("a")), Map.of()).stream().map(Op::command).toList();
        assertThat(ops).contains("ip netns add b", "ip -n a link add e0 type veth peer name e0 netns b",
                "ip -n a addr add 10.0.0.1/24 dev e0", "ip -n a route replace 10.9.0.0/16 via 10.0.0.2");
        assertThat(ops).doesNotContain("ip netns add a");
    }

    @Test
    void plannerOrdersWhatTheKernelNeedsFirst() {
        List<String> ops = LabPlanner.plan(LabLoader.parse("x.yaml", BASE)).stream().map(Op::command).toList();
        assertThat(ops).containsExactly(
                "ip netns add a",
                "ip netns add b",
                "ip -n a link add e0 type veth peer name e0 netns b",
                "ip -n a addr add 10.0.0.1/24 dev e0",
                "ip -n b addr add 10.0.0.2/24 dev e0",
                "ip -n a link set lo up",
                "ip -n a link set e0 up",
                "ip -n b link set lo up",
                "ip -n b link set e0 up",
                "ip netns exec b sysctl -w net.ipv4.ip_forward=1",
                "ip -n a route add 10.9.0.0/16 via 10.0.0.2");
    }
}
