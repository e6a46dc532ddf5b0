package io.nslab.fidelity;

import io.nslab.model.Family;
import io.nslab.render.IpRouteText;
import io.nslab.state.AddressState;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A snapshot as lines that both worlds must produce alike: per namespace its links (by name, with kind,
 * flags, operational state, MTU, master and veth peer), its addresses, every route of tables main and local
 * for IPv4 and IPv6 as {@code ip route} prints them, and its sysctls. Interface indexes and MACs are left out
 * (the kernel picks them); what else is left out is {@link Masks}' to say.
 */
public final class SnapshotText {
    private SnapshotText() {
    }

    public static List<String> of(Snapshot s, List<String> netns) {
        List<String> out = new ArrayList<>();
        for (String name : netns) {
            NamespaceState ns = s.namespace(name).orElse(null);
            if (ns == null) {
                out.add(name + ": missing");
                continue;
            }
            ns.links().stream().sorted(Comparator.comparing(l -> l.name().value())).forEach(l -> out.add(name + ": " + link(l)));
            ns.addresses().stream().filter(a -> !Masks.address(a)).map(a -> name + ": " + address(a)).sorted().forEach(out::add);
            for (Family f : Family.values()) {
                for (int table : new int[] {RouteState.TABLE_MAIN, RouteState.TABLE_LOCAL}) {
                    String t = table == RouteState.TABLE_MAIN ? "main" : "local";
                    String prefix = name + ": route " + (f == Family.INET ? "-4" : "-6") + " " + t + ": ";
                    IpRouteText.show(ns, table, f).lines().filter(l -> !Masks.routeLine(l)).forEach(l -> out.add(prefix + l.strip()));
                }
            }
            ns.sysctls().forEach((k, v) -> {
                if (!Masks.sysctl(k)) {
                    out.add(name + ": sysctl " + k + " = " + v);
                }
            });
        }
        return out;
    }

    private static String link(LinkState l) {
        return "link " + l.name() + " " + l.kind() + (l.adminUp() ? " UP" : "") + (l.carrier() ? " LOWER_UP" : "")
                + " state " + l.operState() + " mtu " + l.mtu() + l.master().map(m -> " master " + m).orElse("")
                + l.peer().map(p -> " peer " + p.netns() + ":" + p.name()).orElse("");
    }

    private static String address(AddressState a) {
        return "addr " + a.dev() + " " + a.address() + " scope " + a.scope().word() + (a.secondary() ? " secondary" : "")
                + a.broadcast().map(b -> " brd " + b).orElse("");
    }
}
