package io.nslab.graph;

import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.NodeName;
import io.nslab.sim.SimNetwork;
import io.nslab.state.AddressScope;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the {@link LabGraph} of a lab from a snapshot, so that one picture shows a lab file (the simulator's
 * snapshot of it) and a running lab (the kernel's, read back) alike: what is drawn is what the world holds, the lab
 * only names the nodes. Of the machine's own namespace only the lab's {@code host:IFNAME} ends are drawn.
 */
public final class LabGraphs {
    private LabGraphs() {
    }

    /** The lab file as the simulator builds it. */
    public static LabGraph of(Lab lab) {
        try (SimNetwork sim = SimNetwork.of(lab)) {
            return of(lab, sim.snapshot());
        }
    }

    /** The lab's namespaces as {@code snapshot} has them; namespaces that are not the lab's are left out. */
    public static LabGraph of(Lab lab, Snapshot snapshot) {
        Set<String> hostEnds = new HashSet<>();
        lab.hostEndpoints().forEach(e -> hostEnds.add(e.ifname().value()));
        Map<NamespaceRef, String> nodeOf = new LinkedHashMap<>();
        for (NodeName n : lab.nodes().keySet()) {
            nodeOf.put(lab.netnsOf(n), n.value());
        }
        if (!hostEnds.isEmpty()) {
            nodeOf.put(NamespaceRef.HOST, Lab.HOST.value());
        }
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphLink> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var entry : nodeOf.entrySet()) {
            Optional<NamespaceState> state = snapshot.namespace(entry.getKey());
            if (state.isEmpty()) {
                continue; // a namespace the kernel no longer has: nothing to draw
            }
            NamespaceState ns = state.get();
            boolean host = entry.getKey().isHost();
            nodes.add(new GraphNode(entry.getValue(), host ? Role.HOST_ENDPOINT : role(ns), host ? List.of() : details(ns)));
            for (LinkState l : ns.links()) {
                if (l.kind() != LinkKind.VETH || l.peer().isEmpty() || host && !hostEnds.contains(l.name().value())) {
                    continue;
                }
                LinkState.Peer p = l.peer().get();
                String peerNode = nodeOf.get(p.netns());
                if (peerNode == null || p.netns().isHost() && !hostEnds.contains(p.name().value())) {
                    continue; // the other end is not in the lab: it is not drawn either
                }
                String here = entry.getValue() + ":" + l.name();
                String there = peerNode + ":" + p.name();
                if (!seen.add(here) || !seen.add(there)) {
                    continue; // drawn from the other end already
                }
                Optional<NamespaceState> peerState = snapshot.namespace(p.netns());
                LinkEnd a = end(entry.getValue(), ns, l.name().value());
                LinkEnd b = peerState.map(s -> end(peerNode, s, p.name().value())).orElse(new LinkEnd(peerNode, p.name().value(), List.of()));
                boolean up = l.adminUp() && l.carrier();
                links.add(new GraphLink(a, b, subnet(ns, l, peerState, p), up));
            }
        }
        return new LabGraph(lab.name(), nodes, inFileOrder(lab, links));
    }

    /** The links as the lab file lists and orients them; any the file does not have (added by hand) after them. */
    private static List<GraphLink> inFileOrder(Lab lab, List<GraphLink> links) {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < lab.links().size(); i++) {
            order.put(lab.links().get(i).a().label(), i);
        }
        List<GraphLink> out = new ArrayList<>();
        for (GraphLink l : links) {
            out.add(order.containsKey(l.a().label()) || !order.containsKey(l.b().label()) ? l : new GraphLink(l.b(), l.a(), l.subnet(), l.up()));
        }
        out.sort(java.util.Comparator.comparingInt(l -> order.getOrDefault(l.a().label(), Integer.MAX_VALUE)));
        return out;
    }

    private static Role role(NamespaceState ns) {
        Map<String, String> s = ns.sysctls();
        if ("1".equals(s.get("net.ipv4.ip_forward")) || "1".equals(s.get("net.ipv6.conf.all.forwarding"))) {
            return Role.ROUTER;
        }
        return ns.links().stream().anyMatch(l -> l.kind() == LinkKind.BRIDGE) ? Role.BRIDGE : Role.HOST;
    }

    /** Each bridge with its ports and addresses, and the loopback's own addresses (127.0.0.1 and ::1 aside). */
    private static List<String> details(NamespaceState ns) {
        List<String> out = new ArrayList<>();
        for (LinkState l : ns.links()) {
            if (l.kind() == LinkKind.BRIDGE) {
                List<String> addresses = addresses(ns, l.name().value());
                out.add(l.name() + (addresses.isEmpty() ? "" : " " + String.join(" ", addresses)));
            } else if (l.kind() == LinkKind.LOOPBACK) {
                addresses(ns, l.name().value()).stream().filter(a -> !IpPrefix.parse(a).address().isLoopback())
                        .forEach(a -> out.add("lo " + a));
            }
        }
        return out;
    }

    private static LinkEnd end(String node, NamespaceState ns, String ifname) {
        return new LinkEnd(node, ifname, addresses(ns, ifname));
    }

    /** The interface's addresses as {@code ip addr} lists them, link-local and host-scoped ones left out. */
    private static List<String> addresses(NamespaceState ns, String ifname) {
        List<String> out = new ArrayList<>();
        for (AddressState a : ns.addresses()) {
            if (a.dev().value().equals(ifname) && a.scope() != AddressScope.LINK) {
                out.add(a.address().toString());
            }
        }
        return out;
    }

    /**
     * The link's subnet: the network of an address on either end, or for a bridge port without one, the network of
     * its bridge's address.
     */
    private static Optional<String> subnet(NamespaceState ns, LinkState l, Optional<NamespaceState> peerState, LinkState.Peer p) {
        Optional<String> s = network(ns, l.name().value());
        if (s.isEmpty() && peerState.isPresent()) {
            s = network(peerState.get(), p.name().value());
        }
        if (s.isEmpty() && l.master().isPresent()) {
            s = network(ns, l.master().get().value());
        }
        if (s.isEmpty() && peerState.isPresent()) {
            Optional<io.nslab.model.IfName> master = peerState.get().links().stream().filter(x -> x.name().equals(p.name()))
                    .findFirst().flatMap(LinkState::master);
            if (master.isPresent()) {
                s = network(peerState.get(), master.get().value());
            }
        }
        return s;
    }

    private static Optional<String> network(NamespaceState ns, String ifname) {
        return ns.addresses().stream().filter(a -> a.dev().value().equals(ifname) && a.scope() != AddressScope.LINK)
                .map(a -> a.address().network().toString()).findFirst();
    }
}
