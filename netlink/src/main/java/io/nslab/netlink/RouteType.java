package io.nslab.netlink;

/** {@code RTN_*}: what a route does with matching packets. The ordinal is the kernel's code. */
public enum RouteType {
    UNSPEC, UNICAST, LOCAL, BROADCAST, ANYCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT, XRESOLVE;

    int code() {
        return ordinal();
    }

    static RouteType of(int code) {
        RouteType[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("route type " + code);
        }
        return all[code];
    }
}
