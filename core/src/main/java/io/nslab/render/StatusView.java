package io.nslab.render;

import io.nslab.model.Impairment;
import io.nslab.model.NamespaceRef;
import io.nslab.state.AddressState;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code nslab status}: a lab's namespaces as read back, as a table for people or as plain
 * maps and lists that JSON and YAML writers print for programs.
 */
public final class StatusView {
    private StatusView() {
    }

    /** The snapshot as nested maps and lists of strings, numbers and booleans. */
    public static Map<String, Object> tree(String lab, Map<NamespaceRef, String> nodeOfNetns, Snapshot s) {
        return tree(lab, nodeOfNetns, s, Map.of());
    }

    /**
     * {@link #tree(String, Map, Snapshot)}, with each link end's impairment ({@code impair} of the link, by end
     * label {@code node:ifname}) where it has one.
     */
    public static Map<String, Object> tree(String lab, Map<NamespaceRef, String> nodeOfNetns, Snapshot s,
                                           Map<String, Impairment> impairments) {
        List<Object> nodes = new ArrayList<>();
        for (NamespaceState ns : s.namespaces()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("node", nodeOfNetns.getOrDefault(ns.netns(), ns.netns().toString()));
            node.put("netns", ns.netns().toString());
            node.put("forwarding", "1".equals(ns.sysctls().get("net.ipv4.ip_forward")));
            List<Object> links = new ArrayList<>();
            for (LinkState l : ns.links()) {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("name", l.name().value());
                link.put("kind", l.kind().name().toLowerCase(java.util.Locale.ROOT));
                link.put("state", l.operState().name());
                link.put("admin_up", l.adminUp());
                link.put("carrier", l.carrier());
                link.put("mtu", l.mtu());
                link.put("mac", l.mac().toString());
                l.master().ifPresent(m -> link.put("master", m.value()));
                l.peer().ifPresent(p -> link.put("peer", p.netns() + ":" + p.name()));
                link.put("addresses", ns.addresses().stream().filter(a -> a.dev().equals(l.name()))
                        .map(a -> a.address().toString()).toList());
                Impairment i = impairments.get(nodeOfNetns.get(ns.netns()) + ":" + l.name().value());
                if (i != null) {
                    link.put("impair", impairment(i));
                }
                links.add(link);
            }
            node.put("links", links);
            node.put("routes", ns.routes().stream().filter(r -> r.table() == RouteState.TABLE_MAIN)
                    .map(StatusView::route).toList());
            nodes.add(node);
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("lab", lab);
        top.put("nodes", nodes);
        return top;
    }

    /** What leaves the end: rate in bit/s, loss in percent, delay and jitter in ms, and the lab file's words. */
    static Map<String, Object> impairment(Impairment i) {
        Map<String, Object> out = new LinkedHashMap<>();
        i.rate().ifPresent(r -> out.put("rate_bit", r));
        if (i.lossHundredths() > 0) {
            out.put("loss_percent", i.lossHundredths() / 100.0);
        }
        i.delay().ifPresent(d -> out.put("delay_ms", d.toMillis()));
        i.jitter().ifPresent(j -> out.put("jitter_ms", j.toMillis()));
        out.put("text", i.text());
        return out;
    }

    /** A route in {@code ip route} words, without the trailing space iproute2 prints. */
    static String route(RouteState r) {
        StringBuilder sb = new StringBuilder();
        if (r.kind() != io.nslab.state.RouteKind.UNICAST) {
            sb.append(r.kind().word()).append(' ');
        }
        sb.append(r.destination().length() == 0 ? "default" : r.destination().isHost() ? r.destination().address() : r.destination());
        r.gateway().ifPresent(g -> sb.append(" via ").append(g));
        r.dev().ifPresent(d -> sb.append(" dev ").append(d));
        if (r.protocol() == RouteState.PROTO_KERNEL) {
            sb.append(" proto kernel");
        }
        if (r.scope() == io.nslab.state.AddressScope.LINK) {
            sb.append(" scope link");
        }
        r.prefsrc().ifPresent(p -> sb.append(" src ").append(p));
        if (r.metric() != 0) {
            sb.append(" metric ").append(r.metric());
        }
        if (r.linkdown()) {
            sb.append(" linkdown");
        }
        return sb.toString();
    }

    /** A table per node: interfaces with state and addresses, then routes. */
    public static String table(String lab, Map<NamespaceRef, String> nodeOfNetns, Snapshot s) {
        StringBuilder out = new StringBuilder("lab " + lab + "\n");
        for (NamespaceState ns : s.namespaces()) {
            String node = nodeOfNetns.getOrDefault(ns.netns(), ns.netns().toString());
            out.append("\nnode ").append(node);
            if (!node.equals(ns.netns().toString())) {
                out.append(" (netns ").append(ns.netns()).append(')');
            }
            out.append("  forwarding ").append("1".equals(ns.sysctls().get("net.ipv4.ip_forward")) ? "on" : "off").append('\n');
            for (LinkState l : ns.links()) {
                List<String> addrs = ns.addresses().stream().filter(a -> a.dev().equals(l.name()))
                        .filter(a -> !a.address().address().isLinkLocal()).map(AddressState::address).map(Object::toString).toList();
                out.append(String.format("  %-15s %-14s %-8s%s%s%n", l.name(), l.operState(),
                        l.kind().name().toLowerCase(java.util.Locale.ROOT),
                        l.peer().map(p -> " peer " + p.netns() + ":" + p.name()).orElse("")
                                + l.master().map(m -> " master " + m).orElse(""),
                        addrs.isEmpty() ? "" : "  " + String.join(" ", addrs)));
            }
            for (RouteState r : ns.routes()) {
                if (r.table() == RouteState.TABLE_MAIN && !(r.destination().address().isLinkLocal())) {
                    out.append("  route ").append(route(r)).append('\n');
                }
            }
        }
        return out.toString();
    }
}
