package io.nslab.render;

import io.nslab.model.Family;
import io.nslab.model.IpPrefix;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteKind;
import io.nslab.state.RouteState;

/** net-tools {@code route -n}: table main's IPv4 routes as /proc/net/route lists them. */
public final class RouteNText {
    private RouteNText() {
    }

    public static String render(NamespaceState ns) {
        StringBuilder sb = new StringBuilder("Kernel IP routing table\n");
        sb.append("Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n");
        for (RouteState r : IpRouteText.routes(ns, RouteState.TABLE_MAIN, Family.INET)) {
            IpPrefix d = r.destination();
            boolean reject = r.kind() == RouteKind.UNREACHABLE || r.kind() == RouteKind.PROHIBIT;
            String flags = reject ? "!" : "U" + (r.gateway().isPresent() ? "G" : "") + (d.isHost() ? "H" : "");
            String gw = reject ? "-" : r.gateway().map(Object::toString).orElse("0.0.0.0");
            String iface = reject ? "-" : r.dev().map(Object::toString).orElse("*");
            sb.append(String.format("%-15s %-15s %-15s %-5s %-6d %-2s %7d %s\n", d.address(), gw, d.netmask(), flags, r.metric(),
                    reject ? "-" : "0", 0, iface));
        }
        return sb.toString();
    }
}
