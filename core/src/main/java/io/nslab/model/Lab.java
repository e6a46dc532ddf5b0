package io.nslab.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolved, validated lab: what a lab file means, with defaults applied. Immutable.
 *
 * @param name        the lab's name; ownership records live under {@code /run/nslab/<name>/}
 * @param netnsPrefix prepended to a node's name to name its network namespace
 * @param nodes       the nodes, in file order
 * @param links       veth pairs, in file order
 * @param checks      expected connectivity, in file order
 * @param hostRoutes  routes the lab adds to the host (the {@code host:} section), all through host endpoints
 */
public record Lab(String name, String netnsPrefix, Map<NodeName, Node> nodes, List<VethLink> links, List<Check> checks,
                  List<Route> hostRoutes) {

    /**
     * The node name that, when the lab declares no node of that name, stands for the host itself:
     * an endpoint {@code host:IFNAME} is an interface in the network namespace nslab runs in.
     */
    public static final NodeName HOST = NodeName.of("host");

    public Lab {
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
        links = List.copyOf(links);
        checks = List.copyOf(checks);
        hostRoutes = List.copyOf(hostRoutes);
    }

    /** A lab that adds no routes to the host. */
    public Lab(String name, String netnsPrefix, Map<NodeName, Node> nodes, List<VethLink> links, List<Check> checks) {
        this(name, netnsPrefix, nodes, links, checks, List.of());
    }

    public Optional<Node> node(NodeName name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** The network namespace that holds {@code node}: the one {@code ip netns list} shows, or the host's own. */
    public NamespaceRef netnsOf(NodeName node) {
        return isHost(node) ? NamespaceRef.HOST : namespaceOf(node);
    }

    /** The named namespace of a node of this lab (never the host's). */
    public NamespaceRef.Named namespaceOf(NodeName node) {
        return NamespaceRef.named(netnsPrefix + node.value());
    }

    /** The node a namespace of this lab holds, if it holds one. */
    public Optional<NodeName> nodeOf(NamespaceRef netns) {
        return switch (netns) {
            case NamespaceRef.Host h -> isHost(HOST) ? Optional.of(HOST) : Optional.empty();
            case NamespaceRef.Named n -> {
                String node = n.name().startsWith(netnsPrefix) ? n.name().substring(netnsPrefix.length()) : "";
                yield NodeName.problem(node) == null && nodes.containsKey(NodeName.of(node))
                        ? Optional.of(NodeName.of(node)) : Optional.empty();
            }
        };
    }

    /** True for {@link #HOST} when the lab declares no node of that name. */
    public boolean isHost(NodeName node) {
        return node.equals(HOST) && !nodes.containsKey(node);
    }

    /** The interfaces the lab puts into the host's own network namespace ({@code host:IFNAME} endpoints). */
    public List<Endpoint> hostEndpoints() {
        return isHost(HOST) ? endpointsOf(HOST) : List.of();
    }

    /** Every interface of {@code node} that a link puts there, in file order. */
    public List<Endpoint> endpointsOf(NodeName node) {
        return links.stream().flatMap(l -> l.endpoints().stream()).filter(e -> e.node().equals(node)).toList();
    }

    public int addressCount() {
        int n = 0;
        for (VethLink l : links) {
            n += l.a().addresses().size() + l.b().addresses().size();
        }
        for (Node node : nodes.values()) {
            n += node.loopback().addresses().size();
            for (Bridge b : node.bridges()) {
                n += b.addresses().size();
            }
        }
        return n;
    }

    public int routeCount() {
        return nodes.values().stream().mapToInt(n -> n.routes().size()).sum() + hostRoutes.size();
    }

    /**
     * The address a target names, as checks read it: {@code node} is the node's first address (its
     * loopback's extra addresses, then its link ends in file order, then its bridges; IPv4 first),
     * {@code node:ifname} that interface's first address.
     */
    public Optional<IpAddress> addressOf(String target) {
        int colon = target.indexOf(':');
        String nodeName = colon < 0 ? target : target.substring(0, colon);
        if (NodeName.problem(nodeName) != null) {
            return Optional.empty();
        }
        Optional<Node> node = node(NodeName.of(nodeName));
        if (node.isEmpty()) {
            return Optional.empty();
        }
        java.util.LinkedHashMap<String, List<IpPrefix>> interfaces = new java.util.LinkedHashMap<>();
        interfaces.put("lo", node.get().loopback().addresses());
        for (Endpoint e : endpointsOf(node.get().name())) {
            interfaces.put(e.ifname().value(), e.addresses());
        }
        for (Bridge b : node.get().bridges()) {
            interfaces.put(b.name().value(), b.addresses());
        }
        if (colon >= 0) {
            return Optional.ofNullable(interfaces.get(target.substring(colon + 1))).flatMap(l -> l.stream().findFirst())
                    .map(IpPrefix::address);
        }
        for (boolean v4 : new boolean[] {true, false}) {
            for (List<IpPrefix> addresses : interfaces.values()) {
                for (IpPrefix p : addresses) {
                    if (p.address().isV4() == v4 && !p.address().isLoopback()) {
                        return Optional.of(p.address());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
