package io.nslab.netlink;

import io.nslab.netlink.msg.Rta;
import java.net.InetAddress;
import java.util.List;

/** IPv4 and IPv6 routes in any table. Obtained from {@link Netlink#routes()} or {@link Batch#routes()}. */
public final class RouteOps {
    private final Netlink netlink;
    private final Batch batch;

    RouteOps(Netlink netlink, Batch batch) {
        this.netlink = netlink;
        this.batch = batch;
    }

    /** Equivalent to: {@code ip route add 10.1.0.0/16 via 10.0.0.2 dev eth0 metric 10 table 100} */
    public void add(RouteInfo route) {
        submit(RouteCodec.add(route));
    }

    /** Equivalent to: {@code ip route replace ...} (adds, or changes the existing route to this destination) */
    public void replace(RouteInfo route) {
        submit(RouteCodec.replace(route));
    }

    /** Equivalent to: {@code ip route del ...}; unset fields match any route. */
    public void delete(RouteInfo route) {
        submit(RouteCodec.delete(route));
    }

    /** Equivalent to: {@code ip route show} (IPv4, main table) */
    public List<RouteInfo> list() {
        return list(IpPrefix.AF_INET, Rta.TABLE_MAIN);
    }

    /** Equivalent to: {@code ip -4 route show table TABLE} or {@code ip -6 ...}; table 0 means all tables. */
    public List<RouteInfo> list(int family, int table) {
        return netlink.dump(RouteCodec.dump(family, table)).stream().map(RouteCodec::parse).toList();
    }

    /**
     * Equivalent to: {@code ip route get ADDRESS}: the route the kernel would use.
     *
     * @throws NetlinkException with ENETUNREACH (or EHOSTUNREACH, EACCES...) when there is none
     */
    public RouteInfo get(InetAddress destination) {
        return RouteCodec.parse(netlink.query(RouteCodec.get(destination)));
    }

    public RouteInfo get(String destination) {
        return get(IpPrefix.parseAddress(destination));
    }

    private void submit(Request request) {
        if (batch != null) {
            batch.add(request);
        } else {
            netlink.execute(request);
        }
    }
}
