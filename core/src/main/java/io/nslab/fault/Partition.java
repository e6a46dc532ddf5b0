package io.nslab.fault;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Bridge;
import io.nslab.model.Endpoint;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.NodeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A partition of a lab's nodes into groups: a packet from a node of one group to a node of another is dropped where
 * it would be delivered, in both directions; nodes in no group (the routers between, usually) are not touched and
 * still reach everyone. It is made of one nf_tables table, {@value #TABLE}, with one input chain, in each node of a
 * group — nothing else of the node changes, and {@code heal} deletes exactly that table.
 *
 * <p>Dropping at input, not output, makes a partition look like the network lost the packets: a TCP client's
 * connect times out (an output drop would fail it at once with EPERM). Addresses are those the lab gives the nodes,
 * matched on any interface; IPv6 link-local addresses (the kernel's own, and any the lab gives) only on the interface
 * of the segment they share with the node ({@link LinkLocalPeers}), so that neither a link-local ping nor neighbour
 * discovery crosses between groups, while a node in no group is never matched.
 *
 * @param groups the groups, each a non-empty set of the lab's nodes; no node in two groups
 */
public record Partition(List<Set<NodeName>> groups) {
    /** The table a partition adds to each node of its groups (family inet). */
    public static final String TABLE = "nslab_partition";
    public static final String CHAIN = "input";

    public Partition {
        groups = groups.stream().map(Set::copyOf).toList();
    }

    /**
     * Reads groups written {@code "ns1,ns2"} (one string per group) for {@code lab}; exits 2 naming the node that
     * is not the lab's, or that is in two groups, or when fewer than two groups are given.
     */
    public static Partition of(Lab lab, List<String> groups) {
        if (groups.size() < 2) {
            throw new NslabException(ExitCode.BAD_INPUT, "a partition needs at least two groups of nodes (given: " + groups.size() + ")");
        }
        List<Set<NodeName>> out = new ArrayList<>();
        Set<NodeName> seen = new LinkedHashSet<>();
        for (String g : groups) {
            Set<NodeName> group = new LinkedHashSet<>();
            for (String n : g.split(",", -1)) {
                String name = n.strip();
                if (NodeName.problem(name) != null || lab.node(NodeName.of(name)).isEmpty()) {
                    throw new NslabException(ExitCode.BAD_INPUT, "partition: \"" + name + "\" is not a node of lab " + lab.name()
                            + " (its nodes: " + String.join(", ", lab.nodes().keySet().stream().map(NodeName::value).toList()) + ")");
                }
                if (!seen.add(NodeName.of(name))) {
                    throw new NslabException(ExitCode.BAD_INPUT, "partition: node " + name + " is in two groups");
                }
                group.add(NodeName.of(name));
            }
            out.add(group);
        }
        return new Partition(out);
    }

    /** Per node of a group, the addresses of the nodes of the other groups: what its input chain drops from. */
    public Map<NodeName, List<IpAddress>> dropsFrom(Lab lab) {
        Map<NodeName, List<IpAddress>> out = new LinkedHashMap<>();
        for (Set<NodeName> group : groups) {
            List<IpAddress> others = new ArrayList<>();
            for (Set<NodeName> other : groups) {
                if (other != group) {
                    other.forEach(n -> others.addAll(addresses(lab, n)));
                }
            }
            group.forEach(n -> out.put(n, List.copyOf(new LinkedHashSet<>(others))));
        }
        return out;
    }

    /**
     * Every address the lab gives a node that means the same on every segment: its link ends', bridges' and extra
     * loopback addresses (not 127/8, ::1, nor IPv6 link-local, which {@link LinkLocalPeers} matches per interface).
     */
    static List<IpAddress> addresses(Lab lab, NodeName node) {
        return allAddresses(lab, node).stream().filter(a -> a.isV4() || !a.isLinkLocal()).toList();
    }

    private static List<IpAddress> allAddresses(Lab lab, NodeName node) {
        List<IpAddress> out = new ArrayList<>();
        Node n = lab.node(node).orElseThrow();
        n.loopback().addresses().stream().map(IpPrefix::address).filter(a -> !a.isLoopback()).forEach(out::add);
        for (Endpoint e : lab.endpointsOf(node)) {
            e.addresses().forEach(p -> out.add(p.address()));
        }
        for (Bridge b : n.bridges()) {
            b.addresses().forEach(p -> out.add(p.address()));
        }
        return out;
    }

    /** The IPv6 link-local addresses the lab gives interface {@code ifname} (a link end or a bridge) of {@code node}. */
    static List<IpAddress> labLinkLocals(Lab lab, NodeName node, io.nslab.model.IfName ifname) {
        List<IpAddress> out = new ArrayList<>();
        lab.endpointsOf(node).stream().filter(e -> e.ifname().equals(ifname)).forEach(e -> e.addresses().forEach(p -> out.add(p.address())));
        lab.node(node).orElseThrow().bridges().stream().filter(b -> b.name().equals(ifname))
                .forEach(b -> b.addresses().forEach(p -> out.add(p.address())));
        return out.stream().filter(a -> !a.isV4() && a.isLinkLocal()).toList();
    }

    /** The rule that drops what arrives on {@code ifname} from a link-local {@code address} of another group. */
    public static String linkLocalRuleText(String ifname, IpAddress address) {
        return "iifname \"" + ifname + "\" ip6 saddr " + address + " drop";
    }

    /** The rules of a node's input chain, in nft's words: {@code ip saddr 10.0.0.2 drop}. */
    public static List<String> ruleTexts(List<IpAddress> from) {
        return from.stream().map(a -> (a.isV4() ? "ip" : "ip6") + " saddr " + a + " drop").toList();
    }
}
