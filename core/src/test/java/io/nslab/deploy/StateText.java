package io.nslab.deploy;

import io.nslab.model.Family;
import io.nslab.model.NamespaceRef;
import io.nslab.render.IpRouteText;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot as lines to compare two worlds built the same way by different paths: links (name, kind, MTU, state,
 * master, peer), IPv4 addresses, IPv4 routes of tables main and local, forwarding. What the kernel chooses or
 * settles on its own time is left out: indexes, MACs (and with them IPv6 link-local addresses), carrier, the order
 * of routes of one prefix, {@code linkdown}.
 */
final class StateText {
    private StateText() {
    }

    static List<String> of(Snapshot s, List<? extends NamespaceRef> netns) {
        List<String> out = new ArrayList<>();
        for (NamespaceRef n : netns) {
            NamespaceState ns = s.namespace(n).orElse(null);
            if (ns == null) {
                out.add(n + ": missing");
                continue;
            }
            ns.links().stream().map(l -> n + ": link " + l.name() + " " + l.kind() + " mtu " + l.mtu() + (l.adminUp() ? " up" : "")
                    + l.master().map(m -> " master " + m).orElse("") + l.peer().map(p -> " peer " + p.netns() + ":" + p.name()).orElse(""))
                    .sorted().forEach(out::add);
            ns.addresses().stream().filter(a -> a.address().address().isV4()).map(a -> n + ": addr " + a.dev() + " " + a.address())
                    .sorted().forEach(out::add);
            for (int table : new int[] {RouteState.TABLE_MAIN, RouteState.TABLE_LOCAL}) {
                IpRouteText.show(ns, table, Family.INET).lines().map(l -> n + ": route " + table + " " + l.replace(" linkdown", "").strip())
                        .sorted().forEach(out::add);
            }
            out.add(n + ": ip_forward " + ns.sysctls().get("net.ipv4.ip_forward"));
        }
        return out;
    }
}
