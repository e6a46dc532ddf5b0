package io.nslab.script;

import io.nslab.model.Family;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.render.IpRouteText;
import io.nslab.sim.SimNetwork;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code nslab import}: the lab written from a script's end state, built by {@code up --sim} and written again,
 * builds the same network (links, addresses, routes of both tables' main, sysctls; MACs and ifindexes aside).
 */
class LabExportTest {
    /** Scripts whose end state no lab file can express, and why. */
    static final Map<String, String> NOT_EXPRESSIBLE = Map.of(
            "01-netns.sh", "it ends with no namespace and an untouched host; a lab needs at least one node",
            "37-misc.sh", "the same: it deletes the only namespace it made",
            "48-bridge-tool.sh", "the same: it makes no namespace, and deletes every link it made in the host's",
            "56-vlan-refused.sh", "the same: it makes no namespace, and deletes the only link it made in the host's",
            "65-iptables-errors.sh", "it makes no namespace: its rules are the host's, which a lab does not hold",
            "74-nft-errors.sh", "the same: its tables are the host's");

    private static LinkState withPeer(LinkState l, LinkState.Peer peer) {
        return new LinkState(l.index(), l.name(), l.kind(), l.adminUp(), l.carrier(), l.operState(), l.mtu(), l.mac(), l.master(),
                java.util.Optional.of(peer));
    }

    /** A namespace's state without what differs by creation order: MACs, indexes. */
    static Map<String, Object> normal(Snapshot s, boolean script) {
        Map<String, Object> out = new TreeMap<>();
        for (NamespaceState ns : s.namespaces()) {
            String node = script ? LabExport.nodeOf(ns.netns()) : ns.netns().toString();
            List<String> links = ns.links().stream().map(l -> l.name() + " " + l.kind() + " up=" + l.adminUp()
                    + " carrier=" + l.carrier() + " mtu=" + l.mtu() + " master=" + l.master().map(Object::toString).orElse("-")
                    + " peer=" + l.peer().map(p -> (script ? LabExport.nodeOf(p.netns()) : p.netns()) + ":" + p.name()).orElse("-"))
                    .sorted().toList();
            List<String> addrs = ns.addresses().stream().map(a -> a.dev() + " " + a.address() + " " + a.scope()).sorted().toList();
            out.put(node, List.of(links, addrs,
                    IpRouteText.show(ns, RouteState.TABLE_MAIN, Family.INET), IpRouteText.show(ns, RouteState.TABLE_MAIN, Family.INET6),
                    IpRouteText.show(ns, RouteState.TABLE_LOCAL, Family.INET), ns.sysctls()));
        }
        return out;
    }

    /**
     * The lab that import writes from a script's end state, built by {@code up --sim}, is written again the same:
     * nothing in it is lost or changed on the way.
     */
    @TestFactory
    Stream<DynamicTest> importRoundTrips() throws Exception {
        ScriptCorpusTest.assumeSandbox();
        List<Path> all = new java.util.ArrayList<>(ScriptCorpusTest.scripts());
        all.add(ScriptCorpusTest.EXAMPLES.resolve("seed.sh"));
        return all.stream().filter(p -> !NOT_EXPRESSIBLE.containsKey(p.getFileName().toString()))
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                    var r = ScriptRun.simulate(p.getParent().toAbsolutePath(), p.getFileName().toString(),
                            ScriptRun.Settings.DEFAULTS, ScriptRun.Io.IMPORT, "imported");
                    String yaml = r.output();
                    Snapshot built = build(p.getFileName() + ".yaml", yaml);
                    String again = LabExport.yaml("imported", new Snapshot(built.namespaces().stream().map(LabExportTest::asScript).toList()));
                    assertThat(normal(build("again.yaml", again), false)).as(yaml + "\n---\n" + again).isEqualTo(normal(built, false));
                }));
    }

    private static Snapshot build(String name, String yaml) throws Exception {
        Lab lab = LabLoader.parse(name, yaml);
        try (SimNetwork net = SimNetwork.of(lab)) {
            return net.snapshot();
        }
    }

    /** A lab's namespace as the script's world names it: node "host" is its root namespace, the others keep their names. */
    private static NamespaceState asScript(NamespaceState ns) {
        NamespaceRef ref = ns.netns().toString().equals(LabExport.HOST) ? ScriptWorld.ROOT : ns.netns();
        return new NamespaceState(ref, ns.links().stream().map(l -> l.peer().isEmpty() ? l
                : withPeer(l, new LinkState.Peer(l.peer().get().netns().toString().equals(LabExport.HOST) ? ScriptWorld.ROOT
                        : l.peer().get().netns(), l.peer().get().name()))).toList(), ns.addresses(), ns.routes(), ns.sysctls());
    }

    /**
     * ip_forward (and IPv6's conf/all forwarding) rewrites every interface's forwarding, and the lab writes it before the
     * interfaces' own: an interface set back to 0 afterwards (what a fresh namespace has) is written, so that the lab
     * ends as the script did.
     */
    @Test
    void anInterfaceSetApartFromIpForwardKeepsItsValue() throws Exception {
        ScriptWorld world = new ScriptWorld();
        ToolCalls calls = new ToolCalls(world);
        calls.run("ip netns add r", "ip -n r link add v1 type veth peer name v2", "ip -n r link add v3 type veth peer name v4");
        calls.call("r", List.of("sysctl", "-qw", "net.ipv4.ip_forward=1"));
        calls.call("r", List.of("sysctl", "-qw", "net.ipv4.conf.v1.forwarding=0"));
        calls.call("r", List.of("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"));
        calls.call("r", List.of("sysctl", "-qw", "net.ipv6.conf.v3.forwarding=0"));
        Snapshot end = world.snapshot();
        String yaml = LabExport.yaml("fwd", end);
        Map<String, String> script = end.namespace(NamespaceRef.named("r")).orElseThrow().sysctls();
        Map<String, String> lab = build("fwd.yaml", yaml).namespace(NamespaceRef.named("r")).orElseThrow().sysctls();
        assertThat(script).containsEntry("net.ipv4.conf.v1.forwarding", "0").containsEntry("net.ipv4.conf.v3.forwarding", "1")
                .containsEntry("net.ipv6.conf.v1.forwarding", "1").containsEntry("net.ipv6.conf.v3.forwarding", "0")
                .containsEntry("net.ipv6.conf.default.forwarding", "1");
        assertThat(lab).as(yaml).isEqualTo(script);
    }

    /**
     * What ip_forward (or IPv6's conf/all forwarding) also writes, set back afterwards, even to a fresh namespace's
     * value: conf/default's forwarding, and conf/all's accept_redirects. The lab ends as the script did, whichever way
     * its sysctls are read (the snapshot's, the simulator's).
     */
    @Test
    void whatIpForwardAlsoWroteAndTheScriptSetBackIsKept() throws Exception {
        ScriptWorld world = new ScriptWorld();
        ToolCalls calls = new ToolCalls(world);
        calls.run("ip netns add r", "ip -n r link add v1 type veth peer name v2");
        calls.call("r", List.of("sysctl", "-qw", "net.ipv4.ip_forward=1"));
        calls.call("r", List.of("sysctl", "-qw", "net.ipv4.conf.default.forwarding=0"));
        calls.call("r", List.of("sysctl", "-qw", "net.ipv4.conf.all.accept_redirects=1"));
        calls.call("r", List.of("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"));
        calls.call("r", List.of("sysctl", "-qw", "net.ipv6.conf.default.forwarding=0"));
        Snapshot end = world.snapshot();
        Map<String, String> script = end.namespace(NamespaceRef.named("r")).orElseThrow().sysctls();
        assertThat(script).containsEntry("net.ipv4.ip_forward", "1").containsEntry("net.ipv4.conf.default.forwarding", "0")
                .containsEntry("net.ipv4.conf.all.accept_redirects", "1").containsEntry("net.ipv6.conf.default.forwarding", "0")
                .containsEntry("net.ipv4.conf.v1.forwarding", "1");
        for (String yaml : List.of(LabExport.yaml("fwd", end),
                LabExport.yaml("fwd", world.network().labState(), SysctlSource.of(world.network())))) {
            Map<String, String> lab = build("fwd.yaml", yaml).namespace(NamespaceRef.named("r")).orElseThrow().sysctls();
            assertThat(lab).as(yaml).isEqualTo(script);
        }
    }

    /** The name goes into the file unquoted, so anything but a lab name is refused rather than written. */
    @Test
    void refusesANameThatIsNotALabName() throws Exception {
        ScriptWorld world = new ScriptWorld();
        new ToolCalls(world).run("ip netns add a");
        Snapshot end = world.snapshot();
        assertThat(LabExport.yaml("a-b.c_1", end)).contains("\nname: a-b.c_1\n");
        assertThatThrownBy(() -> LabExport.yaml("x\ndefaults: {forwarding: true}", end))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("lab name \"x\ndefaults");
    }
}
