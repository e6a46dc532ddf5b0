package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.state.AddressScope;
import io.nslab.state.RouteKind;
import io.nslab.state.RouteState;

import java.util.List;
import java.util.Optional;

/**
 * The routes the kernel makes by itself (fib_add_ifaddr / fib_del_ifaddr, addrconf for IPv6): a local
 * route for every address, even on a device that is down; while the device is up, the subnet's
 * broadcast and the connected prefix route. Admin down removes everything through the device but the
 * local routes, and static routes do not come back.
 */
final class KernelRoutes {
    static final int V6_KERNEL_METRIC = 256;
    private static final IpPrefix MULTICAST = IpPrefix.parse("ff00::/8");
    private final SimNetwork net;

    KernelRoutes(SimNetwork net) {
        this.net = net;
    }

    void addressAdded(SimAddress a) {
        SimNamespace ns = a.dev().ns;
        addLocal(ns, a);
        if (a.dev().up()) {
            addConnected(ns, a);
        }
    }

    void linkUp(SimLink dev) {
        for (SimAddress a : dev.ns.addressesOf(dev)) {
            addLocal(dev.ns, a);
            addConnected(dev.ns, a);
        }
    }

    /**
     * After {@code l} came up or joined a bridge: every device whose carrier that can give (the veth peer, the
     * bridges above both ends) becomes IPv6-ready if it now is up with carrier, and gets the multicast route
     * addrconf_add_mroute adds: {@code multicast ff00::/8 dev X table local proto kernel metric 256}. Carrier
     * lost later keeps it; admin down removes it with every other route through the device.
     */
    void carrierMayHaveChanged(SimLink l) {
        List<SimLink> touched = new java.util.ArrayList<>();
        touched.add(l);
        if (l.peer != null) {
            touched.add(l.peer);
        }
        for (SimLink t : List.copyOf(touched)) {
            if (t.master != null) {
                touched.add(t.master);
            }
        }
        for (SimLink t : touched) {
            if (!t.ipv6Ready && !t.isLoopback() && t.up() && t.carrier()) {
                t.ipv6Ready = true;
                addIfAbsent(t.ns.local, RouteKind.MULTICAST, MULTICAST, t, AddressScope.UNIVERSE, Optional.empty(),
                        V6_KERNEL_METRIC);
            }
        }
    }

    /** NETDEV_DOWN: fib_sync_down_dev flushes every route through the device except its local ones. */
    void linkDown(SimLink dev) {
        for (RoutingTable t : dev.ns.tables()) {
            t.removeVia(dev, r -> r.kind() != RouteKind.LOCAL);
        }
    }

    /** The device left the namespace or is gone: nothing may point at it any more. */
    void linkGone(SimLink dev, SimNamespace ns) {
        for (RoutingTable t : ns.tables()) {
            t.removeVia(dev, r -> true);
        }
    }

    void addressRemoved(SimAddress a) {
        SimNamespace ns = a.dev().ns;
        IpPrefix p = a.prefix();
        IpAddress addr = p.address();
        boolean stillLocal = ns.isLocalAddress(addr);
        if (!stillLocal) {
            ns.local.removeAt(new IpPrefix(addr, addr.family().bits()), r -> r.dev() == a.dev() && r.kind() == RouteKind.LOCAL);
        }
        if (!a.secondary()) {
            IpPrefix net = p.network();
            ns.main.removeAt(net, r -> r.isKernel() && r.dev() == a.dev());
            if (!net.isHost()) {
                ns.local.removeAt(net, r -> r.isKernel() && r.dev() == a.dev() && r.kind() == RouteKind.LOCAL);
            }
        }
        if (addr.isV4() && p.length() < 31) {
            IpAddress brd = addr.broadcast(p.length());
            boolean needed = ns.addressesOf(a.dev()).stream().anyMatch(o -> o.isV4() && o.prefix().length() < 31
                    && o.address().broadcast(o.prefix().length()).equals(brd));
            if (!needed) {
                // a broadcast route is always a /32 (fib_magic)
                ns.local.removeAt(new IpPrefix(brd, 32), r -> r.dev() == a.dev() && r.kind() == RouteKind.BROADCAST);
            }
        }
    }

    private void addLocal(SimNamespace ns, SimAddress a) {
        IpAddress addr = a.address();
        IpPrefix host = new IpPrefix(addr, addr.family().bits());
        if (addr.isV4()) {
            addIfAbsent(ns.local, RouteKind.LOCAL, host, a.dev(), AddressScope.HOST, Optional.of(primaryOf(ns, a)), 0);
        } else {
            addIfAbsent(ns.local, RouteKind.LOCAL, host, a.dev(), AddressScope.UNIVERSE, Optional.empty(), 0);
        }
    }

    private void addConnected(SimNamespace ns, SimAddress a) {
        IpPrefix p = a.prefix();
        IpAddress addr = p.address();
        if (!addr.isV4()) {
            // addrconf_prefix_route: a /128 too gets its route in main (fd00::5 dev v1 proto kernel metric 256);
            // ::1, which init_loopback adds by itself, does not
            if (addr.isLoopback()) {
                return;
            }
            addIfAbsent(ns.main, RouteKind.UNICAST, p.network(), a.dev(), AddressScope.UNIVERSE, Optional.empty(),
                    V6_KERNEL_METRIC);
            return;
        }
        Optional<IpAddress> src = Optional.of(primaryOf(ns, a));
        if (!a.secondary() && !(p.isHost())) {
            if (a.dev().isLoopback()) {
                addIfAbsent(ns.local, RouteKind.LOCAL, p.network(), a.dev(), AddressScope.HOST, src, 0);
            } else {
                addIfAbsent(ns.main, RouteKind.UNICAST, p.network(), a.dev(), AddressScope.LINK, src, 0);
            }
        }
        if (p.length() < 31) {
            addIfAbsent(ns.local, RouteKind.BROADCAST, new IpPrefix(addr.broadcast(p.length()), 32), a.dev(),
                    AddressScope.LINK, src, 0);
        }
    }

    /** fib_magic gives a secondary address's routes the primary's address as source. */
    private static IpAddress primaryOf(SimNamespace ns, SimAddress a) {
        if (!a.secondary()) {
            return a.address();
        }
        for (SimAddress o : ns.addressesOf(a.dev())) {
            if (!o.secondary() && o.isV4() && o.prefix().length() == a.prefix().length()
                    && o.prefix().network().equals(a.prefix().network())) {
                return o.address();
            }
        }
        return a.address();
    }

    private void addIfAbsent(RoutingTable t, RouteKind kind, IpPrefix dst, SimLink dev, AddressScope scope,
                             Optional<IpAddress> src, int metric) {
        // through the device's own routes: a prefix every device has (fe80::/64, ff00::/8) has a thousand in a star's hub
        for (SimRoute r : t.via(dev)) {
            if (r.kind() == kind && r.metric() == metric && r.destination().equals(dst)) {
                return;
            }
        }
        t.add(new SimRoute(t.id, kind, dst, Optional.empty(), dev, RouteState.PROTO_KERNEL, scope, src, metric, false,
                net.nextSeq()));
    }
}
