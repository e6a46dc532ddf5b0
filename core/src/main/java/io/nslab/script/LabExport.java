package io.nslab.script;

import io.nslab.model.IfName;
import io.nslab.model.NamespaceRef;
import io.nslab.model.NodeName;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state a script left behind as a lab file: every named namespace is a node, and the script's root
 * namespace, if the script touched it, is one more node ({@link #HOST}), since a lab never changes the host.
 * Written in the lab file's short forms where they suffice, so a person can keep editing it.
 */
public final class LabExport {
    /** The node that stands for the script's root namespace. */
    public static final String HOST = "host";

    private LabExport() {
    }

    /** The node name of a namespace of the script's world. */
    public static String nodeOf(NamespaceRef netns) {
        // not a switch on the type: its first run makes a class (SwitchBootstraps), as an import's lab is written
        return netns instanceof NamespaceRef.Named n ? n.name() : HOST;
    }

    /** The lab file; {@code labName} must be a lab name (it is written as it is, unquoted). */
    public static String yaml(String labName, Snapshot end) {
        return yaml(labName, end, new SnapshotSysctls());
    }

    /** The lab file, with the namespaces' sysctls read from {@code sysctls} rather than from {@code end}'s maps. */
    static String yaml(String labName, Snapshot end, SysctlSource sysctls) {
        String problem = NodeName.problem(labName);
        if (problem != null) {
            throw new IllegalArgumentException(problem.replace("node name", "lab name"));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Imported by nslab import: the network state at the end of the script.\n");
        sb.append("# The script's own root namespace is node \"").append(HOST).append("\".\n");
        sb.append("name: ").append(labName).append("\nnetns-prefix: \"\"\n\nnodes:\n");
        List<String> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // each namespace's addresses by device and links by name, once: a star's router has a thousand of each
        Map<NamespaceRef, Indexed> indexed = new HashMap<>();
        java.util.function.Function<NamespaceState, Indexed> index = n -> indexed.computeIfAbsent(n.netns(), k -> Indexed.of(n));
        for (NamespaceState ns : end.namespaces()) {
            Map<String, String> changed = new TreeMap<>(sysctls.changed(ns)); // the lab's, changed below
            if (ns.netns().equals(ScriptWorld.ROOT) && untouched(ns, changed)) {
                continue;
            }
            String node = nodeOf(ns.netns());
            StringBuilder body = new StringBuilder();
            // loops rather than streams here and below: this runs once per namespace, a thousand times in a star, in cold code
            LinkState lo = null;
            List<LinkState> bridges = new ArrayList<>();
            for (LinkState l : ns.links()) {
                if (l.kind() == LinkKind.LOOPBACK && lo == null) {
                    lo = l;
                } else if (l.kind() == LinkKind.BRIDGE) {
                    bridges.add(l);
                }
            }
            if (lo == null) {
                throw new java.util.NoSuchElementException("no loopback in " + ns.netns());
            }
            List<String> loAddrs = new ArrayList<>();
            for (String a : index.apply(ns).addresses(lo)) {
                if (!a.equals("127.0.0.1/8") && !a.equals("::1/128")) {
                    loAddrs.add(a);
                }
            }
            if (!lo.adminUp() || !loAddrs.isEmpty()) {
                body.append("    loopback:\n      up: ").append(lo.adminUp()).append('\n');
                if (!loAddrs.isEmpty()) {
                    body.append("      addresses: [").append(String.join(", ", loAddrs)).append("]\n");
                }
            }
            if (changed.containsKey("net.ipv4.ip_forward")) {
                String fwd = changed.get("net.ipv4.ip_forward");
                // writing ip_forward rewrites every conf block's forwarding (conf/all's is ip_forward itself); the lab
                // says it once, and then each block that the script set apart afterwards, even to a fresh value
                changed.remove("net.ipv4.conf.all.forwarding", fwd);
                apart(changed, "net.ipv4.conf.default.forwarding", sysctls.value(ns, "net.ipv4.conf.default.forwarding"), fwd);
                sysctls.devicesForwarding(ns, "ipv4").forEach((k, v) -> apart(changed, k, v, fwd));
                // and sets conf.all.accept_redirects to its opposite (a router takes no redirects)
                String redirects = fwd.equals("0") ? "1" : "0";
                apart(changed, "net.ipv4.conf.all.accept_redirects", sysctls.value(ns, "net.ipv4.conf.all.accept_redirects"),
                        redirects);
            }
            if (changed.containsKey("net.ipv6.conf.all.forwarding")) {
                // conf/all's forwarding goes to conf/default and every interface, as ip_forward does for IPv4
                String fwd = changed.get("net.ipv6.conf.all.forwarding");
                apart(changed, "net.ipv6.conf.default.forwarding", sysctls.value(ns, "net.ipv6.conf.default.forwarding"), fwd);
                sysctls.devicesForwarding(ns, "ipv6").forEach((k, v) -> apart(changed, k, v, fwd));
            }
            if (!changed.isEmpty()) {
                body.append("    sysctls:\n");
                changed.forEach((k, v) -> body.append("      ").append(k).append(": ").append(v).append('\n'));
            }
            boolean routes = false;
            for (RouteState r : ns.routes()) {
                if (r.table() == RouteState.TABLE_MAIN && r.protocol() != RouteState.PROTO_KERNEL) {
                    body.append(routes ? "" : "    routes:\n").append("      - ").append(route(r)).append('\n');
                    routes = true;
                }
            }
            if (!bridges.isEmpty()) {
                body.append("    bridges:\n");
                for (LinkState b : bridges) {
                    List<String> ports = ns.links().stream().filter(l -> l.master().filter(b.name()::equals).isPresent())
                            .map(l -> l.name().value()).toList();
                    body.append("      ").append(b.name()).append(":\n        ports: [").append(String.join(", ", ports)).append("]\n");
                    List<String> addrs = index.apply(ns).addresses(b);
                    if (!addrs.isEmpty()) {
                        body.append("        addresses: [").append(String.join(", ", addrs)).append("]\n");
                    }
                    if (b.mtu() != 1500) {
                        body.append("        mtu: ").append(b.mtu()).append('\n');
                    }
                    body.append("        up: ").append(b.adminUp()).append('\n');
                }
            }
            sb.append("  ").append(node).append(":").append(body.isEmpty() ? " {}\n" : "\n" + body);
            for (LinkState l : ns.links()) {
                if (l.kind() != LinkKind.VETH || l.peer().isEmpty() || !seen.add(ns.netns() + "\0" + l.name())) {
                    continue;
                }
                LinkState.Peer p = l.peer().get();
                seen.add(p.netns() + "\0" + p.name());
                NamespaceState pns = end.namespace(p.netns()).orElseThrow();
                LinkState pl = index.apply(pns).link(p.name());
                // an end's mtu is written when it is not 1500, or when the ends differ: a veth's second end gets the
                // first's mtu unless it has its own
                boolean both = l.mtu() != pl.mtu();
                links.add("  - endpoints:\n" + endpoint(index.apply(ns), l, both) + endpoint(index.apply(pns), pl, both));
            }
        }
        sb.append(links.isEmpty() ? "\nlinks: []\n" : "\nlinks:\n" + String.join("", links));
        return sb.toString();
    }

    private static String endpoint(Indexed ns, LinkState l, boolean mtu) {
        StringBuilder sb = new StringBuilder("      - node: ").append(nodeOf(ns.netns())).append('\n');
        sb.append("        interface: ").append(l.name()).append('\n');
        List<String> addrs = ns.addresses(l);
        if (!addrs.isEmpty()) {
            sb.append("        addresses: [").append(String.join(", ", addrs)).append("]\n");
        }
        if (l.mtu() != 1500 || mtu) {
            sb.append("        mtu: ").append(l.mtu()).append('\n');
        }
        if (!l.adminUp()) {
            sb.append("        up: false\n");
        }
        return sb.toString();
    }

    /** A namespace's addresses (as the lab writes them: no IPv6 link-local) by device, and its links by name. */
    private record Indexed(NamespaceRef netns, Map<IfName, List<String>> byDevice, Map<IfName, LinkState> byName) {
        static Indexed of(NamespaceState ns) {
            Map<IfName, List<String>> byDevice = new HashMap<>();
            for (AddressState a : ns.addresses()) {
                if (!(a.address().address().isLinkLocal() && !a.address().address().isV4())) {
                    byDevice.computeIfAbsent(a.dev(), d -> new ArrayList<>()).add(a.address().toString());
                }
            }
            Map<IfName, LinkState> byName = new HashMap<>();
            ns.links().forEach(l -> byName.put(l.name(), l));
            return new Indexed(ns.netns(), byDevice, byName);
        }

        List<String> addresses(LinkState l) {
            return byDevice.getOrDefault(l.name(), List.of());
        }

        LinkState link(IfName name) {
            LinkState l = byName.get(name);
            if (l == null) {
                throw new IllegalStateException("no link " + name + " in " + netns);
            }
            return l;
        }
    }

    private static String route(RouteState r) {
        StringBuilder sb = new StringBuilder();
        switch (r.kind()) {
            case BLACKHOLE, UNREACHABLE, PROHIBIT -> sb.append(r.kind().word()).append(' ');
            default -> {
            }
        }
        sb.append(r.destination().length() == 0 ? "default" : r.destination().toString());
        r.gateway().ifPresent(g -> sb.append(" via ").append(g));
        r.dev().ifPresent(d -> sb.append(" dev ").append(d));
        if (r.metric() != 0 && !(r.metric() == 1024 && !r.destination().address().isV4())) {
            sb.append(" metric ").append(r.metric());
        }
        r.prefsrc().ifPresent(s -> sb.append(" src ").append(s));
        if (r.onlink()) {
            sb.append(" onlink");
        }
        return sb.toString();
    }

    /**
     * {@code key}, which a write (ip_forward, conf/all's forwarding) has just set to {@code after}, as it has every
     * interface's forwarding: the lab writes that first and this after it, so it is written where its value differs,
     * even where that is what a fresh namespace has, and left out where it does not.
     */
    private static void apart(Map<String, String> changed, String key, String value, String after) {
        if (value == null || value.equals(after)) {
            changed.remove(key);
        } else {
            changed.put(key, value);
        }
    }

    private static boolean untouched(NamespaceState root, Map<String, String> changedSysctls) {
        return root.links().size() == 1 && root.links().getFirst().adminUp()
                && root.routes().stream().noneMatch(r -> r.table() == RouteState.TABLE_MAIN && r.protocol() != RouteState.PROTO_KERNEL)
                && changedSysctls.isEmpty();
    }
}
