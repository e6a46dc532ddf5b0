package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.state.AddressScope;
import io.nslab.state.RouteKind;
import io.nslab.state.RouteState;

import java.util.Optional;

/**
 * A route of a simulated table. {@code dev} is null for reject routes. {@code destination} is kept
 * masked; {@code seq} orders routes that tie, as the kernel appends them.
 */
record SimRoute(int table, RouteKind kind, IpPrefix destination, Optional<IpAddress> gateway, SimLink dev, int protocol,
                AddressScope scope, Optional<IpAddress> prefsrc, int metric, boolean onlink, long seq) {

    boolean isReject() {
        return kind == RouteKind.BLACKHOLE || kind == RouteKind.UNREACHABLE || kind == RouteKind.PROHIBIT;
    }

    boolean isKernel() {
        return protocol == RouteState.PROTO_KERNEL;
    }

    /** The next hop's address: the gateway, or the destination itself on a connected route. */
    IpAddress nextHop(IpAddress dst) {
        return gateway.orElse(dst);
    }

    RouteState toState() {
        boolean linkdown = dev != null && !dev.carrier() && !dev.isLoopback() && kind != RouteKind.LOCAL;
        // an IPv6 reject route hangs on the loopback device (ip6_route_info_create), and ip -6 route says dev lo
        Optional<io.nslab.model.IfName> devName = Optional.ofNullable(dev).map(d -> d.name)
                .or(() -> isReject() && !destination.address().isV4() ? Optional.of(io.nslab.model.Loopback.NAME) : Optional.empty());
        return new RouteState(table, kind, destination, gateway, devName, protocol, scope, prefsrc, metric, linkdown, onlink);
    }
}
