package io.nslab.report;

import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.NodeName;
import io.nslab.render.IpRouteText;
import io.nslab.state.AddressState;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * A node as the report lists it: forwarding, each interface with its state and addresses, and its routes as
 * {@code ip route} prints them (table main).
 */
public record NodeFacts(String node, String netns, boolean forwarding, List<String> interfaces, List<String> routes) {
    public NodeFacts {
        interfaces = List.copyOf(interfaces);
        routes = List.copyOf(routes);
    }

    /** Every node of the lab that the snapshot has, in the lab's order. */
    public static List<NodeFacts> of(Lab lab, Snapshot snapshot) {
        List<NodeFacts> out = new ArrayList<>();
        for (NodeName n : lab.nodes().keySet()) {
            NamespaceRef ref = lab.netnsOf(n);
            snapshot.namespace(ref).ifPresent(ns -> out.add(of(n.value(), ref.toString(), ns)));
        }
        return out;
    }

    static NodeFacts of(String node, String netns, NamespaceState ns) {
        List<String> interfaces = new ArrayList<>();
        for (LinkState l : ns.links()) {
            List<String> addrs = ns.addresses().stream().filter(a -> a.dev().equals(l.name()))
                    .filter(a -> !a.address().address().isLinkLocal()).map(AddressState::address).map(Object::toString).toList();
            interfaces.add(l.name() + " " + l.operState() + " " + l.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + l.peer().map(p -> " peer " + p.netns() + ":" + p.name()).orElse("")
                    + l.master().map(m -> " master " + m).orElse("")
                    + (addrs.isEmpty() ? "" : " " + String.join(" ", addrs)));
        }
        List<String> routes = new ArrayList<>();
        for (RouteState r : ns.routes()) {
            if (r.table() == RouteState.TABLE_MAIN && !r.destination().address().isLinkLocal()) {
                routes.add(IpRouteText.line(r, false));
            }
        }
        boolean forwarding = "1".equals(ns.sysctls().get("net.ipv4.ip_forward")) || "1".equals(ns.sysctls().get("net.ipv6.conf.all.forwarding"));
        return new NodeFacts(node, netns, forwarding, interfaces, routes);
    }
}
