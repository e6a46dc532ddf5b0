package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.state.AddressScope;

import java.util.List;
import java.util.Optional;

/** fib_lookup without policy rules: table local first, then main; longest prefix, then lowest metric. */
final class Fib {
    private Fib() {
    }

    static Optional<SimRoute> lookup(SimNamespace ns, IpAddress dst) {
        SimRoute r = ns.local.first(dst);
        if (r == null) {
            r = ns.main.first(dst);
        }
        return Optional.ofNullable(r);
    }

    /**
     * inet_select_addr: the route's preferred source, else the first primary address of the output
     * device in the next hop's subnet, else its first primary, else a global address of another device.
     */
    static Optional<IpAddress> source(SimNamespace ns, SimRoute r, IpAddress dst) {
        if (r.prefsrc().isPresent()) {
            return r.prefsrc();
        }
        IpAddress target = r.nextHop(dst);
        IpAddress first = null;
        int routeScope = scopeValue(r.scope());
        for (SimAddress a : ns.addressesOf(r.dev())) {
            if (a.secondary() || a.isV4() != dst.isV4() || scopeValue(a.scope()) > routeScope) {
                continue;
            }
            if (!dst.isV4() && a.scope() == AddressScope.LINK && !target.isLinkLocal()) {
                continue;
            }
            if (a.prefix().contains(target)) {
                return Optional.of(a.address());
            }
            if (first == null) {
                first = a.address();
            }
        }
        if (first != null) {
            return Optional.of(first);
        }
        for (SimAddress a : ns.addresses) {
            if (a.isV4() == dst.isV4() && a.scope() != AddressScope.LINK && scopeValue(a.scope()) <= routeScope) {
                return Optional.of(a.address());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether ipv6_dev_get_saddr has any candidate in the namespace: an IPv6 address of any device, up or down (::1
     * while lo is up), or a device that is up and had carrier since, which holds a link-local address the simulator
     * does not list (tentative only for DAD's first second, which probes come after).
     */
    static boolean anyV6Source(SimNamespace ns) {
        if (ns.addresses.stream().anyMatch(a -> !a.isV4())) {
            return true;
        }
        return ns.links().stream().anyMatch(l -> !l.isLoopback() && l.adminUp && l.ipv6Ready);
    }

    /** Among the routes of {@code r}'s prefix and metric, the one through {@code oif}; else {@code r}. */
    static SimRoute preferDevice(SimNamespace ns, SimRoute r, SimLink oif) {
        if (r.dev() == oif) {
            return r;
        }
        RoutingTable t = r.table() == io.nslab.state.RouteState.TABLE_LOCAL ? ns.local : ns.main;
        for (SimRoute c : t.at(r.destination())) {
            if (c.metric() == r.metric() && c.dev() == oif && c.kind() == r.kind()) {
                return c;
            }
        }
        return r;
    }

    /** rt_scope values: universe 0 ... host 254, so "narrower" compares greater. */
    static int scopeValue(AddressScope s) {
        return switch (s) {
            case UNIVERSE -> 0;
            case SITE -> 200;
            case LINK -> 253;
            case HOST -> 254;
            case NOWHERE -> 255;
        };
    }
}
