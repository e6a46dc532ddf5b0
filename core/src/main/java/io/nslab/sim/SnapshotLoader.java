package io.nslab.sim;

import io.nslab.model.IfName;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Route;
import io.nslab.model.RouteType;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.NeighbourState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The simulator loaded with a world's state as read back (a detailed kernel snapshot): namespaces, veth pairs and
 * bridges with their MTUs and MACs, ports, addresses, link states, the sysctls the simulator models, static routes
 * and permanent neighbours. What nslab then explains is the kernel's truth, not the lab file's. What the simulator
 * cannot hold (links of other kinds, a veth whose other end is outside the snapshot, multipath routes) is left out
 * and listed in {@link Loaded#leftOut()}.
 */
public final class SnapshotLoader {
    private SnapshotLoader() {
    }

    /** The loaded simulator, and what of the state it could not hold. */
    public record Loaded(SimNetwork network, List<String> leftOut) {
    }

    public static Loaded load(Snapshot s) {
        SimNetwork net = new SimNetwork();
        List<String> leftOut = new ArrayList<>();
        for (NamespaceState ns : s.namespaces()) {
            switch (ns.netns()) {
                case NamespaceRef.Host h -> net.addHost();
                case NamespaceRef.Named n -> net.apply(new Op.AddNamespace(n));
            }
        }
        Map<String, String> fresh = freshSysctls();
        Set<String> made = new HashSet<>();
        for (NamespaceState ns : s.namespaces()) {
            for (LinkState l : ns.links()) {
                String key = ns.netns() + "\0" + l.name();
                switch (l.kind()) {
                    case LOOPBACK -> {
                    }
                    case BRIDGE -> apply(net, new Op.AddBridge(ns.netns(), l.name(), OptionalInt.of(l.mtu()), Optional.of(l.mac())), leftOut);
                    case VETH -> {
                        Optional<LinkState> peer = l.peer().flatMap(p -> s.namespace(p.netns())
                                .flatMap(pn -> pn.links().stream().filter(x -> x.name().equals(p.name())).findFirst()));
                        if (peer.isEmpty()) {
                            leftOut.add(ns.netns() + ": veth " + l.name() + " (its other end is outside what was read)");
                        } else if (made.add(key)) {
                            LinkState.Peer p = l.peer().get();
                            made.add(p.netns() + "\0" + p.name());
                            apply(net, new Op.AddVeth(ns.netns(), l.name(), p.netns(), p.name(), OptionalInt.of(l.mtu()), Optional.of(l.mac()),
                                    OptionalInt.of(peer.get().mtu()), Optional.of(peer.get().mac())), leftOut);
                        }
                    }
                    case OTHER -> leftOut.add(ns.netns() + ": link " + l.name() + " (a kind the simulator does not model)");
                }
            }
        }
        for (NamespaceState ns : s.namespaces()) {
            for (LinkState l : ns.links()) {
                l.master().ifPresent(m -> apply(net, new Op.SetMaster(ns.netns(), l.name(), Optional.of(m)), leftOut));
            }
            for (AddressState a : ns.addresses()) {
                boolean automatic = a.dev().value().equals("lo") && (a.address().toString().equals("127.0.0.1/8")
                        || a.address().toString().equals("::1/128")) || a.address().address().isLinkLocal();
                if (!automatic && hasLink(net, ns.netns(), a.dev())) { // lo's and link-local ones come with the link's state
                    apply(net, new Op.AddAddress(ns.netns(), a.dev(), a.address()), leftOut);
                }
            }
            sysctls(net, ns, fresh, leftOut);
            ns.links().stream().filter(l -> l.kind() == LinkKind.LOOPBACK && l.adminUp())
                    .forEach(l -> apply(net, new Op.SetLinkState(ns.netns(), l.name(), true), leftOut));
            ns.links().stream().filter(l -> l.kind() != LinkKind.LOOPBACK && l.adminUp() && hasLink(net, ns.netns(), l.name()))
                    .forEach(l -> apply(net, new Op.SetLinkState(ns.netns(), l.name(), true), leftOut));
        }
        for (NamespaceState ns : s.namespaces()) {
            for (RouteState r : ns.routes()) {
                if (r.table() == RouteState.TABLE_MAIN && r.protocol() != RouteState.PROTO_KERNEL) {
                    route(r).ifPresentOrElse(route -> apply(net, new Op.AddRoute(ns.netns(), route), leftOut),
                            () -> leftOut.add(ns.netns() + ": route " + r.destination() + " (" + r.kind().word() + ")"));
                }
            }
            for (NeighbourState n : ns.neighbours()) {
                if (hasLink(net, ns.netns(), n.dev())) {
                    apply(net, new Op.AddNeighbour(ns.netns(), n.dev(), n.address(), n.mac()), leftOut);
                }
            }
        }
        return new Loaded(net, List.copyOf(leftOut));
    }

    /**
     * The sysctls that differ from a fresh namespace's, in the order the kernel needs them: ip_forward first (it
     * sets every interface's forwarding), then {@code all}, {@code default}, then each device.
     */
    private static void sysctls(SimNetwork net, NamespaceState ns, Map<String, String> fresh, List<String> leftOut) {
        List<Map.Entry<String, String>> ordered = new ArrayList<>(ns.sysctls().entrySet());
        ordered.sort(java.util.Comparator.comparingInt(e -> e.getKey().equals("net.ipv4.ip_forward") ? 0
                : e.getKey().contains(".conf.all.") ? 1 : e.getKey().contains(".conf.default.") ? 2 : 3));
        for (Map.Entry<String, String> e : ordered) {
            Optional<String> now = net.sysctl(ns.netns(), e.getKey());
            if (now.isPresent() && !now.get().equals(e.getValue()) || now.isEmpty() && fresh.containsKey(e.getKey())) {
                apply(net, new Op.SetSysctl(ns.netns(), e.getKey(), e.getValue()), leftOut);
            }
        }
    }

    private static Optional<Route> route(RouteState r) {
        RouteType type = switch (r.kind()) {
            case UNICAST -> RouteType.UNICAST;
            case BLACKHOLE -> RouteType.BLACKHOLE;
            case UNREACHABLE -> RouteType.UNREACHABLE;
            case PROHIBIT -> RouteType.PROHIBIT;
            case LOCAL, BROADCAST, ANYCAST, MULTICAST, THROW -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(new Route(type, r.destination(), type == RouteType.UNICAST ? r.gateway() : Optional.empty(),
                type == RouteType.UNICAST ? r.dev() : Optional.empty(),
                r.metric() == 0 ? OptionalInt.empty() : OptionalInt.of(r.metric()), r.prefsrc(), r.onlink()));
    }

    private static boolean hasLink(SimNetwork net, NamespaceRef ns, IfName dev) {
        return net.links(ns).containsKey(dev);
    }

    /** Applies an op the state implies; one the simulator refuses is left out, named with the simulator's words. */
    private static void apply(SimNetwork net, Op op, List<String> leftOut) {
        try {
            net.apply(op);
        } catch (OpException e) {
            leftOut.add(op.command() + ": " + e.kernelMessage());
        }
    }

    private static Map<String, String> freshSysctls() {
        try (SimNetwork net = new SimNetwork()) {
            net.apply(new Op.AddNamespace(NamespaceRef.named("fresh")));
            return net.snapshot().namespace("fresh").orElseThrow().sysctls();
        }
    }
}
