package io.nslab.netlink;

import io.nslab.netlink.msg.Rta;
import java.net.InetAddress;

/**
 * A route, as {@code ip route} shows and takes it. Build one with {@link #to(String)} and the {@code with}
 * methods, which read like the command: {@code RouteInfo.to("10.1.0.0/16").via("10.0.0.2").dev(2).metric(10).onlink(true)}.
 *
 * @param destination      destination prefix; {@code 0.0.0.0/0} or {@code ::/0} for the default route
 * @param gateway          next hop, or null for a directly connected route
 * @param outputIndex      output interface index, 0 for none
 * @param metric           {@code RTA_PRIORITY}, 0 when unset
 * @param preferredSource  {@code src} address, or null
 * @param table            routing table, {@link Rta#TABLE_MAIN} by default
 * @param protocol         RTPROT_* (2 kernel, 3 boot, 4 static), {@link #PROTO_BOOT} by default like {@code ip}
 * @param scope            {@link Scope} value, or {@link #AUTO_SCOPE} to let it be chosen as {@code ip} does
 * @param type             route type
 * @param onlink           pretend the gateway is on the link ({@code onlink})
 * @param linkdown         {@code RTNH_F_LINKDOWN}, read back only: the kernel marked the nexthop's device as without
 *                         carrier ({@code ip route} prints {@code linkdown}); never sent
 */
public record RouteInfo(IpPrefix destination, InetAddress gateway, int outputIndex, int metric,
                        InetAddress preferredSource, int table, int protocol, int scope, RouteType type,
                        boolean onlink, boolean linkdown) {
    public static final int PROTO_KERNEL = 2;
    public static final int PROTO_BOOT = 3;
    public static final int PROTO_STATIC = 4;
    /** Scope chosen from the route as iproute2 does: link for unicast without gateway, host for local. */
    public static final int AUTO_SCOPE = -1;

    public static RouteInfo to(String destination) {
        return to(IpPrefix.parse(destination));
    }

    public static RouteInfo to(IpPrefix destination) {
        return new RouteInfo(destination, null, 0, 0, null, Rta.TABLE_MAIN, PROTO_BOOT, AUTO_SCOPE,
                RouteType.UNICAST, false, false);
    }

    /** The default route of a family, {@link IpPrefix#AF_INET} or {@link IpPrefix#AF_INET6}. */
    public static RouteInfo defaultRoute(int family) {
        return to(IpPrefix.any(family));
    }

    public int family() {
        return destination.family();
    }

    public RouteInfo via(String gatewayAddress) {
        return via(IpPrefix.parseAddress(gatewayAddress));
    }

    public RouteInfo via(InetAddress gw) {
        return new RouteInfo(destination, gw, outputIndex, metric, preferredSource, table, protocol, scope, type,
                onlink, linkdown);
    }

    public RouteInfo dev(int index) {
        return new RouteInfo(destination, gateway, index, metric, preferredSource, table, protocol, scope, type,
                onlink, linkdown);
    }

    public RouteInfo metric(int value) {
        return new RouteInfo(destination, gateway, outputIndex, value, preferredSource, table, protocol, scope, type,
                onlink, linkdown);
    }

    public RouteInfo source(String address) {
        return new RouteInfo(destination, gateway, outputIndex, metric, IpPrefix.parseAddress(address), table,
                protocol, scope, type, onlink, linkdown);
    }

    public RouteInfo table(int id) {
        return new RouteInfo(destination, gateway, outputIndex, metric, preferredSource, id, protocol, scope, type,
                onlink, linkdown);
    }

    public RouteInfo protocol(int proto) {
        return new RouteInfo(destination, gateway, outputIndex, metric, preferredSource, table, proto, scope, type,
                onlink, linkdown);
    }

    public RouteInfo scope(int value) {
        return new RouteInfo(destination, gateway, outputIndex, metric, preferredSource, table, protocol, value, type,
                onlink, linkdown);
    }

    public RouteInfo type(RouteType value) {
        return new RouteInfo(destination, gateway, outputIndex, metric, preferredSource, table, protocol, scope, value,
                onlink, linkdown);
    }

    public RouteInfo onlink(boolean value) {
        return new RouteInfo(destination, gateway, outputIndex, metric, preferredSource, table, protocol, scope, type,
                value, linkdown);
    }

    /** The scope to send: the explicit one, or iproute2's choice. */
    int effectiveScope(boolean forDelete) {
        if (scope != AUTO_SCOPE) {
            return scope;
        }
        return switch (type) {
            case LOCAL, NAT -> Scope.HOST;
            case BROADCAST, MULTICAST, ANYCAST -> Scope.LINK;
            // A delete with scope nowhere matches routes of any scope.
            case UNICAST, UNSPEC -> forDelete ? Scope.NOWHERE : gateway == null ? Scope.LINK : Scope.UNIVERSE;
            case BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, XRESOLVE -> forDelete ? Scope.NOWHERE : Scope.UNIVERSE;
        };
    }
}
