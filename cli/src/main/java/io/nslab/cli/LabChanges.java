package io.nslab.cli;

import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.model.Route;
import io.nslab.model.VethLink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a lab has that an earlier attempt of it lacks, node by node, in the lab file's words: a route, forwarding, a
 * link. The report's story marks these on the first attempt's picture ("ns1: route 10.10.20.0/24 via 10.10.10.1").
 */
final class LabChanges {
    private LabChanges() {
    }

    static Map<String, List<String>> added(Lab before, Lab after) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Node n : after.nodes().values()) {
            Node was = before.nodes().get(n.name());
            if (was == null) {
                add(out, n.name(), "the node itself");
                continue;
            }
            for (Route r : n.routes()) {
                if (!was.routes().contains(r)) {
                    add(out, n.name(), "route " + r);
                }
            }
            if (n.forwardsIpv4() && !was.forwardsIpv4()) {
                add(out, n.name(), "forwarding on");
            }
        }
        for (VethLink l : after.links()) {
            boolean had = before.links().stream().anyMatch(b -> b.label().equals(l.label()));
            if (!had) {
                add(out, l.a().node(), "link " + l.label());
            }
        }
        return out;
    }

    private static void add(Map<String, List<String>> out, NodeName node, String what) {
        out.computeIfAbsent(node.value(), k -> new ArrayList<>()).add(what);
    }
}
