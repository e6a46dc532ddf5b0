package io.nslab.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lab as a picture sees it: nodes by role, links with their ends' names and addresses, and the subnets. Made from
 * a snapshot (of the simulator for a lab file, of the kernel for a running lab) by {@link LabGraphs}.
 */
public record LabGraph(String lab, List<GraphNode> nodes, List<GraphLink> links) {

    public LabGraph {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /** Each distinct subnet, in the order links first show them: the picture's legend and colours. */
    public List<String> subnets() {
        List<String> out = new ArrayList<>();
        for (GraphLink l : links) {
            l.subnet().filter(s -> !out.contains(s)).ifPresent(out::add);
        }
        return out;
    }

    public Optional<GraphNode> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The index of the link one of whose ends is {@code node:ifname}, or -1. */
    public int linkAt(String node, String ifname) {
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).hasEnd(node, ifname)) {
                return i;
            }
        }
        return -1;
    }
}
