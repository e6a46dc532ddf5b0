package io.nslab.explain;

import io.nslab.model.Family;
import io.nslab.model.Lab;
import io.nslab.render.IpRouteText;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.NeighbourState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a running lab differs from its lab file: the state the file builds (in the simulator) against the state
 * read back from the kernel, namespace by namespace — links and their state, addresses, routes, sysctls, permanent
 * neighbours — in words a learner acts on: {@code router: net.ipv4.ip_forward is 0 on the kernel; the lab file
 * says 1}. What the kernel makes by itself (indexes, MACs the file leaves open, link-local addresses, carrier) is
 * not drift.
 */
public final class Drift {
    private Drift() {
    }

    /** The differences, one line each; empty when the kernel holds what the file says. */
    public static List<String> between(Lab lab, Snapshot file, Snapshot kernel) {
        List<String> out = new ArrayList<>();
        for (NamespaceState want : file.namespaces()) {
            if (want.netns().isHost()) {
                continue; // the host has far more than the lab's endpoints: not compared
            }
            String node = lab.nodeOf(want.netns()).map(Object::toString).orElse(want.netns().toString());
            Optional<NamespaceState> have = kernel.namespace(want.netns());
            if (have.isEmpty()) {
                out.add(node + ": its namespace " + want.netns() + " is missing");
                continue;
            }
            links(node, want, have.get(), out);
            addresses(node, want, have.get(), out);
            routes(node, want, have.get(), out);
            sysctls(node, want, have.get(), out);
            neighbours(node, want, have.get(), out);
        }
        return out;
    }

    private static void links(String node, NamespaceState want, NamespaceState have, List<String> out) {
        Map<String, LinkState> had = new LinkedHashMap<>();
        have.links().forEach(l -> had.put(l.name().value(), l));
        for (LinkState w : want.links()) {
            LinkState h = had.get(w.name().value());
            if (h == null) {
                out.add(node + ": link " + w.name() + " is missing");
                continue;
            }
            if (w.adminUp() != h.adminUp()) {
                out.add(node + ": link " + w.name() + " is " + (h.adminUp() ? "up" : "down") + "; the lab file says " + (w.adminUp() ? "up" : "down"));
            }
            if (w.mtu() != h.mtu()) {
                out.add(node + ": link " + w.name() + " has mtu " + h.mtu() + "; the lab file says " + w.mtu());
            }
            if (!w.master().equals(h.master())) {
                out.add(node + ": link " + w.name() + (h.master().map(m -> " is a port of " + m).orElse(" is a port of no bridge"))
                        + "; the lab file says " + w.master().map(m -> "a port of " + m).orElse("none"));
            }
            if (w.kind() == LinkKind.VETH && !w.peer().equals(h.peer())) {
                out.add(node + ": link " + w.name() + " leads to " + h.peer().map(p -> p.netns() + ":" + p.name()).orElse("nowhere")
                        + "; the lab file says " + w.peer().map(p -> p.netns() + ":" + p.name()).orElse("nowhere"));
            }
        }
        Set<String> wanted = new LinkedHashSet<>();
        want.links().forEach(l -> wanted.add(l.name().value()));
        had.keySet().stream().filter(n -> !wanted.contains(n)).forEach(n -> out.add(node + ": link " + n + " is not in the lab file"));
    }

    private static void addresses(String node, NamespaceState want, NamespaceState have, List<String> out) {
        Set<String> w = addressSet(want);
        Set<String> h = addressSet(have);
        w.stream().filter(a -> !h.contains(a)).forEach(a -> out.add(node + ": address " + a + " is missing"));
        h.stream().filter(a -> !w.contains(a)).forEach(a -> out.add(node + ": address " + a + " is not in the lab file"));
    }

    private static Set<String> addressSet(NamespaceState ns) {
        Set<String> out = new LinkedHashSet<>();
        for (AddressState a : ns.addresses()) {
            if (!a.address().address().isLinkLocal()) {
                out.add(a.address() + " on " + a.dev());
            }
        }
        return out;
    }

    /** Table main as ip route prints it; linkdown is carrier, the kernel's own business. */
    private static void routes(String node, NamespaceState want, NamespaceState have, List<String> out) {
        for (Family f : Family.values()) {
            Set<String> w = routeSet(want, f);
            Set<String> h = routeSet(have, f);
            w.stream().filter(r -> !h.contains(r)).forEach(r -> out.add(node + ": route " + r + " is missing"));
            h.stream().filter(r -> !w.contains(r)).forEach(r -> out.add(node + ": route " + r + " is not in the lab file"));
        }
    }

    private static Set<String> routeSet(NamespaceState ns, Family f) {
        Set<String> out = new LinkedHashSet<>();
        IpRouteText.show(ns, RouteState.TABLE_MAIN, f).lines().map(l -> l.replace(" linkdown", "").strip())
                .filter(l -> !l.startsWith("fe80::/64") && !l.startsWith("multicast ")).forEach(out::add);
        return out;
    }

    private static void sysctls(String node, NamespaceState want, NamespaceState have, List<String> out) {
        want.sysctls().forEach((k, v) -> {
            String h = have.sysctls().get(k);
            if (h != null && !h.equals(v)) {
                out.add(node + ": " + k + " is " + h + " on the kernel; the lab file says " + v);
            }
        });
    }

    private static void neighbours(String node, NamespaceState want, NamespaceState have, List<String> out) {
        Set<NeighbourState> h = new LinkedHashSet<>(have.neighbours());
        for (NeighbourState n : want.neighbours()) {
            if (!h.contains(n)) {
                out.add(node + ": the static neighbour " + n.address() + " (" + n.mac() + ") on " + n.dev() + " is missing");
            }
        }
    }
}
