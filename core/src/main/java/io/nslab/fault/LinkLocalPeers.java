package io.nslab.fault;

import io.nslab.model.Bridge;
import io.nslab.model.Endpoint;
import io.nslab.model.IfName;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.model.VethLink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a partition must drop link-local traffic. A link-local address (fe80::/10, and the kernel gives every IPv6
 * interface one the lab does not name) only means something on its layer-2 segment, and neighbour discovery runs
 * from it; so a node drops what arrives on one of its interfaces from the link-local addresses of the other groups'
 * interfaces <em>on that segment</em> ({@code iifname "e0" ip6 saddr fe80::... drop}), and nothing from anyone
 * else's. A segment is a veth pair, joined with others through the ports of a bridge.
 */
final class LinkLocalPeers {
    /** On {@code ifname} of a node, packets from {@code peer}'s interface {@code peerIfname} arrive. */
    record Peer(IfName ifname, NodeName peer, IfName peerIfname) {
    }

    private LinkLocalPeers() {
    }

    /** Per node of a group, the interfaces of the other groups' nodes that share a segment with one of its own. */
    static Map<NodeName, List<Peer>> of(Lab lab, Partition partition) {
        Map<NodeName, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < partition.groups().size(); g++) {
            for (NodeName n : partition.groups().get(g)) {
                groupOf.put(n, g);
            }
        }
        Map<String, String> parent = new HashMap<>();
        Set<String> ports = new java.util.HashSet<>();
        List<String> l3 = new ArrayList<>(); // interfaces that receive at layer 3: not bridge ports
        for (VethLink l : lab.links()) {
            union(parent, key(l.a().node(), l.a().ifname()), key(l.b().node(), l.b().ifname()));
        }
        for (Node n : lab.nodes().values()) {
            for (Bridge b : n.bridges()) {
                String br = key(n.name(), b.name());
                find(parent, br);
                l3.add(br);
                for (IfName p : b.ports()) {
                    union(parent, br, key(n.name(), p));
                    ports.add(key(n.name(), p));
                }
            }
        }
        for (VethLink l : lab.links()) {
            for (Endpoint e : l.endpoints()) {
                if (!ports.contains(key(e.node(), e.ifname()))) {
                    l3.add(key(e.node(), e.ifname()));
                }
            }
        }
        Map<String, List<String>> bySegment = new LinkedHashMap<>();
        for (String i : l3) {
            bySegment.computeIfAbsent(find(parent, i), x -> new ArrayList<>()).add(i);
        }
        Map<NodeName, List<Peer>> out = new LinkedHashMap<>();
        for (List<String> segment : bySegment.values()) {
            for (String mine : segment) {
                Integer g = groupOf.get(node(mine));
                if (g == null) {
                    continue;
                }
                for (String theirs : segment) {
                    Integer h = groupOf.get(node(theirs));
                    if (h != null && !h.equals(g)) {
                        out.computeIfAbsent(node(mine), x -> new ArrayList<>()).add(new Peer(ifname(mine), node(theirs), ifname(theirs)));
                    }
                }
            }
        }
        out.replaceAll((n, peers) -> List.copyOf(new LinkedHashSet<>(peers)));
        return out;
    }

    private static String key(NodeName node, IfName ifname) {
        return node.value() + ":" + ifname.value();
    }

    private static NodeName node(String key) {
        return NodeName.of(key.substring(0, key.indexOf(':')));
    }

    private static IfName ifname(String key) {
        return IfName.of(key.substring(key.indexOf(':') + 1));
    }

    private static String find(Map<String, String> parent, String x) {
        String p = parent.computeIfAbsent(x, k -> k);
        if (p.equals(x)) {
            return x;
        }
        String root = find(parent, p);
        parent.put(x, root);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.put(find(parent, a), find(parent, b));
    }
}
