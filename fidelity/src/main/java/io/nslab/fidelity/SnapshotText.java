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
 * for IPv4 and IPv6 as {@code ip route} prints them, and the sysctls both worlds read back. Interface indexes and MACs are left out
 * (the kernel picks them); what else is left out is {@link Masks}' to say.
 */
public final class SnapshotText {
    /** The sysctls the kernel world reads back; per-interface ones show in the probes' outcomes instead. */
    static final java.util.Set<String> SYSCTLS = java.util.Set.of("net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding",
            "net.ipv4.conf.all.rp_filter", "net.ipv6.conf.all.forwarding");

    private SnapshotText() {
    }

    public static List<String> of(Snapshot s, List<? extends io.nslab.model.NamespaceRef> netns) {
        List<String> out = new ArrayList<>();
        for (io.nslab.model.NamespaceRef name : netns) {
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
                    // sorted: routes to the same prefix list in the order their devices got ready, which is timing
                    IpRouteText.show(ns, table, f).lines().filter(l -> !Masks.routeLine(l)).map(l -> prefix + l.strip()).sorted()
                            .forEach(out::add);
                }
            }
            ns.sysctls().forEach((k, v) -> {
                if (SYSCTLS.contains(k)) {
                    out.add(name + ": sysctl " + k + " = " + v);
                }
            });
        }
        return out;
    }

    private static String link(LinkState l) {
        return "link " + l.name() + " " + l.kind() + (l.adminUp() ? " UP" : "") + (l.carrier() ? " LOWER_UP" : "")
                + " state " + Masks.operState(l) + " mtu " + l.mtu() + l.master().map(m -> " master " + m).orElse("")
                + l.peer().map(p -> " peer " + p.netns() + ":" + p.name()).orElse("");
    }

    private static String address(AddressState a) {
        return "addr " + a.dev() + " " + a.address() + " scope " + a.scope().word() + (a.secondary() ? " secondary" : "")
                + a.broadcast().map(b -> " brd " + b).orElse("");
    }
}
