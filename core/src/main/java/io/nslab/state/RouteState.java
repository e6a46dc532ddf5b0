package io.nslab.state;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.Optional;

/**
 * A route as read back from a table: what {@code ip route show table all} lists, kernel
 * routes included ({@code local 10.0.0.1 dev v1 table local proto kernel scope host src 10.0.0.1}).
 *
 * @param table    254 main, 255 local
 * @param protocol 2 kernel, 3 boot (what {@code ip route add} uses), 4 static
 * @param linkdown the output device has no carrier (kept and still used)
 */
public record RouteState(int table, RouteKind kind, IpPrefix destination, Optional<IpAddress> gateway,
                         Optional<IfName> dev, int protocol, AddressScope scope, Optional<IpAddress> prefsrc,
                         int metric, boolean linkdown, boolean onlink) {

    public static final int TABLE_MAIN = 254;
    public static final int TABLE_LOCAL = 255;
    public static final int PROTO_KERNEL = 2;
    public static final int PROTO_BOOT = 3;
    public static final int PROTO_STATIC = 4;
}
