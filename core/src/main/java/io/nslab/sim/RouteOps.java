package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Route;
import io.nslab.netlink.Errno;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.state.AddressScope;
import io.nslab.state.RouteKind;
import io.nslab.state.RouteState;

import java.util.Optional;

/** {@code ip route add|del|replace} on table main, with fib_create_info's checks and words. */
final class RouteOps {
    /** What {@code ip -6 route add} gets without a metric (IP6_RT_PRIO_USER). */
    static final int V6_USER_METRIC = 1024;
    private final SimNetwork net;

    RouteOps(SimNetwork net) {
        this.net = net;
    }

    void add(SimNamespace ns, Op op, Route r, boolean replace) throws OpException {
        SimRoute built = build(ns, op, r);
        Optional<SimRoute> same = ns.main.at(built.destination()).stream().filter(o -> sameKey(o, built)).findFirst();
        if (same.isPresent()) {
            if (!replace) {
                throw Refusals.fileExists(op);
            }
            ns.main.remove(same.get());
        }
        ns.main.add(built);
    }

    /** fib_find_alias: one route per table, destination, TOS and priority. */
    private static boolean sameKey(SimRoute a, SimRoute b) {
        return a.destination().equals(b.destination()) && a.metric() == b.metric();
    }

    private SimRoute build(SimNamespace ns, Op op, Route r) throws OpException {
        IpPrefix dst = destination(op, r);
        boolean v4 = dst.address().isV4();
        int metric = r.metric().orElse(v4 ? 0 : V6_USER_METRIC);
        SimLink dev = null;
        if (r.dev().isPresent()) {
            dev = ns.link(r.dev().get()).orElseThrow(() -> Refusals.noDevice(op, r.dev().get()));
        }
        RouteKind kind = switch (r.type()) {
            case UNICAST -> RouteKind.UNICAST;
            case BLACKHOLE -> RouteKind.BLACKHOLE;
            case UNREACHABLE -> RouteKind.UNREACHABLE;
            case PROHIBIT -> RouteKind.PROHIBIT;
        };
        if (kind != RouteKind.UNICAST) {
            if (r.via().isPresent() || dev != null) {
                throw Refusals.extack(op, Errno.EINVAL, "Gateway, device and multipath can not be specified for this route type");
            }
            checkPrefsrc(ns, op, r);
            return new SimRoute(RouteState.TABLE_MAIN, kind, dst, Optional.empty(), null, RouteState.PROTO_BOOT,
                    AddressScope.UNIVERSE, r.src(), metric, false, net.nextSeq());
        }
        AddressScope scope;
        if (r.via().isPresent()) {
            IpAddress gw = r.via().get();
            if (r.onlink()) {
                if (dev == null) {
                    throw Refusals.extack(op, Errno.EINVAL, "Nexthop device required for onlink");
                }
                if (!dev.up()) {
                    throw Refusals.extack(op, Errno.ENETDOWN, "Nexthop device is not up");
                }
                if (ns.isLocalAddress(gw) || isBroadcast(ns, gw)) {
                    throw Refusals.extack(op, Errno.EINVAL, "Nexthop has invalid gateway");
                }
            } else {
                dev = gatewayDevice(ns, op, gw, dev);
            }
            scope = AddressScope.UNIVERSE;
        } else {
            if (dev == null) {
                // IPv4's fib_create_info answers ENODEV without an extended ack; IPv6 names the problem
                throw v4 ? new OpException(op, Errno.ENODEV, "RTNETLINK answers: No such device")
                        : Refusals.extack(op, Errno.ENODEV, "Nexthop device required");
            }
            if (!dev.up()) {
                // fib_check_nh and ip6_route_check_nh word the same refusal differently
                throw Refusals.extack(op, Errno.ENETDOWN, v4 ? "Device for nexthop is not up" : "Nexthop device is not up");
            }
            scope = v4 ? AddressScope.LINK : AddressScope.UNIVERSE;
        }
        checkPrefsrc(ns, op, r);
        return new SimRoute(RouteState.TABLE_MAIN, RouteKind.UNICAST, dst, r.via(), dev, RouteState.PROTO_BOOT, scope, r.src(),
                metric, r.onlink(), net.nextSeq());
    }

    /**
     * fib_check_nh_v4_gw: the gateway must sit on a connected (scope link) route, through {@code dev}
     * when one is named; the loopback's own local routes also qualify (seen: {@code via 127.0.0.1}
     * is taken, {@code via} one's own address on another device is not).
     */
    private static SimLink gatewayDevice(SimNamespace ns, Op op, IpAddress gw, SimLink dev) throws OpException {
        if (!gw.isV4() && !gw.isLinkLocal()) {
            ipv6GatewayReachable(ns, op, gw, dev);
        }
        for (RoutingTable t : ns.tables()) {
            for (var group : t.candidates(gw)) {
                for (SimRoute c : group) {
                    if (dev != null && c.dev() != dev) {
                        continue;
                    }
                    boolean connected = c.kind() == RouteKind.UNICAST && c.gateway().isEmpty() && c.dev() != null
                            && (c.scope() == AddressScope.LINK || !gw.isV4());
                    boolean loopbackLocal = c.kind() == RouteKind.LOCAL && c.dev() != null && c.dev().isLoopback();
                    if (connected || loopbackLocal) {
                        if (!c.dev().up()) {
                            throw Refusals.extack(op, Errno.ENETDOWN, "Nexthop device is not up");
                        }
                        return c.dev();
                    }
                    if (c.kind() == RouteKind.LOCAL || c.kind() == RouteKind.BROADCAST) {
                        throw Refusals.extack(op, Errno.EINVAL, "Nexthop has invalid gateway");
                    }
                }
            }
        }
        throw Refusals.extack(op, Errno.EINVAL, "Nexthop has invalid gateway");
    }

    /**
     * ip6_route_check_nh: the longest-prefix route to an IPv6 gateway in table main (through {@code dev} when one
     * is named) may neither need a gateway itself nor be a reject route: {@code fd00:1::2/128 via fd00:1::2},
     * then {@code default via fd00:1::2} is refused with EHOSTUNREACH and no extended ack. Seen on 6.18.
     */
    private static void ipv6GatewayReachable(SimNamespace ns, Op op, IpAddress gw, SimLink dev) throws OpException {
        for (var group : ns.main.candidates(gw)) {
            for (SimRoute c : group) {
                if (dev != null && c.dev() != dev && !c.isReject()) {
                    continue;
                }
                if (c.isReject() || c.gateway().isPresent()) {
                    throw new OpException(op, Errno.EHOSTUNREACH, "RTNETLINK answers: No route to host");
                }
                return;
            }
        }
    }

    /**
     * fib_check_nh_v4_gw with onlink: inet_addr_type_dev_table must say unicast, so a gateway that is a broadcast
     * address of the node's (any device's: 10.0.1.7 of 10.0.1.4/30 on another link too) is refused. Checked before
     * the route's own existence: a duplicate with such a gateway is "invalid gateway", not "File exists". Seen on 6.18.
     */
    private static boolean isBroadcast(SimNamespace ns, IpAddress gw) {
        if (!gw.isV4()) {
            return false;
        }
        if (gw.equals(IpAddress.v4(0xffffffff)) || gw.masked(8).equals(IpAddress.v4(0))) {
            return true;
        }
        return ns.local.at(new IpPrefix(gw, 32)).stream().anyMatch(c -> c.kind() == RouteKind.BROADCAST);
    }

    private static void checkPrefsrc(SimNamespace ns, Op op, Route r) throws OpException {
        if (r.src().isPresent() && !ns.isLocalAddress(r.src().get())) {
            throw Refusals.extack(op, Errno.EINVAL, "Invalid prefsrc address");
        }
    }

    /** fib_table_delete: the first route of that destination matching every attribute the command gives. */
    /**
     * The route's destination as the kernel keys it: IPv4 refuses host bits (fib_valid_key_len), IPv6 clears them
     * ({@code ip -6 route add fd00:5::1/64} adds fd00:5::/64, and a delete of fd00:5::3/64 removes it).
     */
    private static IpPrefix destination(Op op, Route r) throws OpException {
        IpPrefix dst = r.destination();
        if (!dst.hasHostBits()) {
            return dst;
        }
        if (dst.address().isV4()) {
            throw Refusals.extack(op, Errno.EINVAL, "Invalid prefix for given prefix length");
        }
        return dst.network();
    }

    void delete(SimNamespace ns, Op.DeleteRoute op) throws OpException {
        Route r = op.route();
        IpPrefix dst = destination(op, r);
        RouteKind kind = switch (r.type()) {
            case UNICAST -> RouteKind.UNICAST;
            case BLACKHOLE -> RouteKind.BLACKHOLE;
            case UNREACHABLE -> RouteKind.UNREACHABLE;
            case PROHIBIT -> RouteKind.PROHIBIT;
        };
        if (r.dev().isPresent() && ns.link(r.dev().get()).isEmpty()) {
            throw Refusals.noDevice(op, r.dev().get());
        }
        for (SimRoute c : ns.main.at(dst)) {
            boolean match = (r.type() == io.nslab.model.RouteType.UNICAST || c.kind() == kind)
                    && r.via().map(g -> c.gateway().equals(Optional.of(g))).orElse(true)
                    && r.dev().map(d -> c.dev() != null && c.dev().name.equals(d)).orElse(true)
                    && r.metric().stream().allMatch(m -> c.metric() == m);
            if (match) {
                ns.main.remove(c);
                return;
            }
        }
        throw Refusals.noSuchProcess(op);
    }
}
