package io.nslab.deploy;

import io.nslab.model.IfName;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Route;
import io.nslab.model.RouteType;
import io.nslab.op.LabPlanner;
import io.nslab.op.Op;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The ops that put back what a lab as last applied should have and the running namespaces lack — a route deleted by
 * hand, a link set down, forwarding turned off, a static neighbour flushed, a link deleted — and take away the routes
 * and addresses someone added to the lab's interfaces: {@code up} then starts from the lab it recorded, whatever
 * happened to the namespaces since. Each op of the lab's plan is kept where its effect is missing from the state read
 * back (and every op that configures a link that must be made again).
 */
final class Repair {
    /** Links by name and addresses per namespace, made once per repair (a hub has a thousand, and as many ops ask). */
    private final java.util.Map<NamespaceState, java.util.Map<IfName, LinkState>> links = new java.util.IdentityHashMap<>();
    private final java.util.Map<NamespaceState, Set<String>> addresses = new java.util.IdentityHashMap<>();

    private Repair() {
    }

    private record LinkKey(NamespaceRef netns, IfName name) {
    }

    /**
     * @param lab     the lab as last applied
     * @param actual  its live namespaces, read back
     * @param live    the namespaces of the lab that are its own (others are rebuilt, not repaired)
     * @param sysctl  reads a sysctl of a namespace (the snapshot holds only some)
     */
    static List<Op> ops(Lab lab, Snapshot actual, Set<NamespaceRef> live, BiFunction<NamespaceRef, String, Optional<String>> sysctl) {
        return new Repair().run(lab, actual, live, sysctl);
    }

    private List<Op> run(Lab lab, Snapshot actual, Set<NamespaceRef> live, BiFunction<NamespaceRef, String, Optional<String>> sysctl) {
        List<Op> plan = LabPlanner.plan(lab);
        List<Op> removals = new ArrayList<>();
        List<Op> out = new ArrayList<>();
        Set<LinkKey> remade = new HashSet<>();
        // a veth whose other namespace is gone went with it: it is made again with that namespace, not repaired
        Set<LinkKey> gone = new HashSet<>();
        for (Op op : plan) {
            if (op instanceof Op.AddVeth v && live.contains(v.netns()) != live.contains(v.peerNetns())) {
                gone.add(live.contains(v.netns()) ? new LinkKey(v.netns(), v.name()) : new LinkKey(v.peerNetns(), v.peer()));
            }
        }
        for (Op op : plan) {
            boolean ours = op instanceof Op.AddVeth v ? live.contains(v.netns()) && live.contains(v.peerNetns()) : live.contains(op.netns());
            boolean routeBesideGone = op instanceof Op.AddRoute && gone.stream().anyMatch(g -> g.netns().equals(op.netns()));
            if (!ours || routeBesideGone || configured(op).stream().anyMatch(gone::contains)) {
                continue; // routes of a namespace whose links are made again are replaced after them
            }
            NamespaceState ns = actual.namespace(op.netns()).orElse(null);
            if (ns == null) {
                continue;
            }
            switch (op) {
                case Op.AddVeth v -> {
                    Optional<LinkState> l = link(ns, v.name());
                    boolean right = l.isPresent() && l.get().kind() == LinkKind.VETH
                            && l.get().peer().map(p -> p.netns().equals(v.peerNetns()) && p.name().equals(v.peer())).orElse(false);
                    if (!right) {
                        l.ifPresent(x -> removals.add(new Op.DeleteLink(v.netns(), v.name())));
                        actual.namespace(v.peerNetns()).flatMap(p -> link(p, v.peer()))
                                .ifPresent(x -> removals.add(new Op.DeleteLink(v.peerNetns(), v.peer())));
                        remade.add(new LinkKey(v.netns(), v.name()));
                        remade.add(new LinkKey(v.peerNetns(), v.peer()));
                        out.add(op);
                    }
                }
                case Op.AddBridge b -> {
                    Optional<LinkState> l = link(ns, b.name());
                    if (l.isEmpty() || l.get().kind() != LinkKind.BRIDGE) {
                        l.ifPresent(x -> removals.add(new Op.DeleteLink(b.netns(), b.name())));
                        remade.add(new LinkKey(b.netns(), b.name()));
                        out.add(op);
                    }
                }
                case Op.SetMac m -> keepIf(out, op, remade.contains(new LinkKey(m.netns(), m.name()))
                        || link(ns, m.name()).map(l -> !l.mac().equals(m.mac())).orElse(true));
                case Op.SetMaster m -> keepIf(out, op, remade.contains(new LinkKey(m.netns(), m.name()))
                        || m.master().map(b -> remade.contains(new LinkKey(m.netns(), b))).orElse(false)
                        || link(ns, m.name()).map(l -> !l.master().equals(m.master())).orElse(true));
                case Op.SetLinkState s -> keepIf(out, op, remade.contains(new LinkKey(s.netns(), s.name()))
                        || link(ns, s.name()).map(l -> l.adminUp() != s.up()).orElse(true));
                case Op.AddAddress a -> keepIf(out, op, remade.contains(new LinkKey(a.netns(), a.dev()))
                        || !addresses(ns).contains(a.dev() + " " + a.address()));
                case Op.SetSysctl s -> keepIf(out, op, sysctl.apply(s.netns(), s.key()).map(v -> !v.equals(s.value())).orElse(false));
                case Op.AddRoute r -> keepIf(out, op, ns.routes().stream().noneMatch(x -> same(x, r.route())));
                case Op.AddNeighbour n -> keepIf(out, op, remade.contains(new LinkKey(n.netns(), n.dev()))
                        || ns.neighbours().stream().noneMatch(x -> x.dev().equals(n.dev()) && x.address().equals(n.address())
                        && x.mac().equals(n.mac())));
                // nothing else is in a lab's plan
                case Op.AddNamespace o -> {
                }
                case Op.DeleteNamespace o -> {
                }
                case Op.DeleteLink o -> {
                }
                case Op.SetMtu o -> {
                }
                case Op.RenameLink o -> {
                }
                case Op.MoveLink o -> {
                }
                case Op.DeleteAddress o -> {
                }
                case Op.DeleteRoute o -> {
                }
                case Op.ReplaceRoute o -> {
                }
                // a ruleset changed by hand is not read back here: up replaces a table only where the file changed it
                case Op.SetTable o -> {
                }
                case Op.DeleteTable o -> {
                }
            }
        }
        removals.addAll(0, extras(lab, plan, actual, live, remade));
        List<Op> all = new ArrayList<>(removals);
        all.addAll(out);
        return all;
    }

    /** Routes and addresses on the lab's own namespaces that its plan does not make: someone added them. */
    private static List<Op> extras(Lab lab, List<Op> plan, Snapshot actual, Set<NamespaceRef> live, Set<LinkKey> remade) {
        java.util.Map<NamespaceRef, List<Route>> labRoutes = new java.util.HashMap<>();
        Set<String> labAddresses = new HashSet<>();
        for (Op op : plan) {
            if (op instanceof Op.AddRoute a) {
                labRoutes.computeIfAbsent(a.netns(), k -> new ArrayList<>()).add(a.route());
            } else if (op instanceof Op.AddAddress a) {
                labAddresses.add(a.netns() + " " + a.dev() + " " + a.address());
            }
        }
        List<Op> out = new ArrayList<>();
        for (NamespaceState ns : actual.namespaces()) {
            if (ns.netns().isHost() || !live.contains(ns.netns())) {
                continue;
            }
            List<Route> mine = labRoutes.getOrDefault(ns.netns(), List.of());
            for (RouteState r : ns.routes()) {
                if (r.table() == RouteState.TABLE_MAIN && r.protocol() != RouteState.PROTO_KERNEL
                        && !r.destination().address().isLinkLocal() && r.kind() != io.nslab.state.RouteKind.MULTICAST
                        && mine.stream().noneMatch(route -> same(r, route))) {
                    toRoute(r).ifPresent(route -> out.add(new Op.DeleteRoute(ns.netns(), route)));
                }
            }
            for (AddressState a : ns.addresses()) {
                boolean automatic = a.address().address().isLinkLocal() || a.dev().value().equals("lo")
                        && (a.address().equals(IpPrefix.parse("127.0.0.1/8")) || a.address().equals(IpPrefix.parse("::1/128")));
                if (!automatic && !remade.contains(new LinkKey(ns.netns(), a.dev()))
                        && !labAddresses.contains(ns.netns() + " " + a.dev() + " " + a.address())) {
                    out.add(new Op.DeleteAddress(ns.netns(), a.dev(), a.address()));
                }
            }
        }
        return out;
    }

    /** The links an op of a lab's plan configures. */
    private static List<LinkKey> configured(Op op) {
        return switch (op) {
            case Op.AddAddress a -> List.of(new LinkKey(a.netns(), a.dev()));
            case Op.SetLinkState s -> List.of(new LinkKey(s.netns(), s.name()));
            case Op.SetMac m -> List.of(new LinkKey(m.netns(), m.name()));
            case Op.SetMaster m -> m.master().map(b -> List.of(new LinkKey(m.netns(), m.name()), new LinkKey(m.netns(), b)))
                    .orElse(List.of(new LinkKey(m.netns(), m.name())));
            case Op.AddNeighbour n -> List.of(new LinkKey(n.netns(), n.dev()));
            case Op.SetSysctl s -> {
                String[] k = s.key().split("\\.");
                yield k.length == 5 && k[2].equals("conf") && IfName.problem(k[3]) == null ? List.of(new LinkKey(s.netns(), IfName.of(k[3])))
                        : List.of();
            }
            case Op.AddRoute r -> r.route().dev().map(d -> List.of(new LinkKey(r.netns(), d))).orElse(List.of());
            case Op.AddVeth v -> List.of();
            case Op.AddBridge b -> List.of();
            case Op.AddNamespace a -> List.of();
            case Op.DeleteNamespace d -> List.of();
            case Op.DeleteLink d -> List.of();
            case Op.SetMtu m -> List.of();
            case Op.RenameLink r -> List.of();
            case Op.MoveLink m -> List.of();
            case Op.DeleteAddress a -> List.of();
            case Op.DeleteRoute r -> List.of();
            case Op.ReplaceRoute r -> List.of();
            case Op.SetTable t -> List.of();
            case Op.DeleteTable t -> List.of();
        };
    }

    private static void keepIf(List<Op> out, Op op, boolean missing) {
        if (missing) {
            out.add(op);
        }
    }

    private Set<String> addresses(NamespaceState ns) {
        return addresses.computeIfAbsent(ns, n -> {
            Set<String> m = new HashSet<>();
            n.addresses().forEach(a -> m.add(a.dev() + " " + a.address()));
            return m;
        });
    }

    private Optional<LinkState> link(NamespaceState ns, IfName name) {
        return Optional.ofNullable(links.computeIfAbsent(ns, n -> {
            java.util.Map<IfName, LinkState> m = new java.util.HashMap<>();
            n.links().forEach(l -> m.putIfAbsent(l.name(), l));
            return m;
        }).get(name));
    }

    /** Whether a route read back is the one a lab's route makes (the device only where the lab names one). */
    static boolean same(RouteState s, Route r) {
        return s.table() == RouteState.TABLE_MAIN && s.destination().equals(r.destination())
                && s.kind().word().equals(r.type().keyword().isEmpty() ? "unicast" : r.type().keyword())
                && s.gateway().equals(r.via()) && r.dev().map(d -> s.dev().equals(Optional.of(d))).orElse(true)
                && s.metric() == r.metric().orElse(r.destination().address().isV4() ? 0 : 1024);
    }

    private static Optional<Route> toRoute(RouteState r) {
        RouteType type = switch (r.kind()) {
            case UNICAST -> RouteType.UNICAST;
            case BLACKHOLE -> RouteType.BLACKHOLE;
            case UNREACHABLE -> RouteType.UNREACHABLE;
            case PROHIBIT -> RouteType.PROHIBIT;
            case LOCAL, BROADCAST, ANYCAST, MULTICAST, THROW -> null;
        };
        return type == null ? Optional.empty() : Optional.of(new Route(type, r.destination(),
                type == RouteType.UNICAST ? r.gateway() : Optional.empty(), type == RouteType.UNICAST ? r.dev() : Optional.empty(),
                OptionalInt.of(r.metric()), Optional.empty(), false));
    }
}
