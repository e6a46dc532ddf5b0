package io.nslab.kernel;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.MacAddress;

import io.nslab.netlink.InetAddresses;

import java.net.InetAddress;

/**
 * Between the model's value types and the netlink library's, which stands alone and has its own.
 */
final class Conversions {
    private Conversions() {
    }

    /** IPv6 stays IPv6, an IPv4-mapped ::ffff:10.0.0.1 included (the JDK's getByAddress would make it 10.0.0.1). */
    static InetAddress inet(IpAddress a) {
        return InetAddresses.of(a.toBytes());
    }

    static IpAddress address(InetAddress a) {
        return IpAddress.fromBytes(a.getAddress());
    }

    static io.nslab.netlink.IpPrefix prefix(IpPrefix p) {
        return new io.nslab.netlink.IpPrefix(inet(p.address()), p.length());
    }

    static IpPrefix prefix(io.nslab.netlink.IpPrefix p) {
        return new IpPrefix(address(p.address()), p.length());
    }

    static io.nslab.netlink.MacAddress mac(MacAddress m) {
        return new io.nslab.netlink.MacAddress(m.bits());
    }

    static MacAddress mac(io.nslab.netlink.MacAddress m) {
        return new MacAddress(m.value());
    }
}
