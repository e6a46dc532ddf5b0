package io.nslab.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A static route of table main.
 *
 * @param destination network prefix (host bits clear); {@code 0.0.0.0/0} is the default route
 * @param via         gateway, for unicast routes
 * @param dev         output interface
 * @param src         preferred source address
 * @param onlink      skip the kernel's check that the gateway is on a connected subnet
 */
public record Route(RouteType type, IpPrefix destination, Optional<IpAddress> via, Optional<IfName> dev,
                    OptionalInt metric, Optional<IpAddress> src, boolean onlink) {

    public boolean isDefault() {
        return destination.length() == 0;
    }

    /** The route as {@code ip route add} would take it: {@code 10.10.20.0/24 via 10.10.10.1}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type != RouteType.UNICAST) {
            sb.append(type.keyword()).append(' ');
        }
        sb.append(isDefault() ? "default" : destination.isHost() ? destination.address().toString() : destination.toString());
        via.ifPresent(v -> sb.append(" via ").append(v));
        dev.ifPresent(d -> sb.append(" dev ").append(d));
        src.ifPresent(s -> sb.append(" src ").append(s));
        metric.ifPresent(m -> sb.append(" metric ").append(m));
        if (onlink) {
            sb.append(" onlink");
        }
        return sb.toString();
    }
}
