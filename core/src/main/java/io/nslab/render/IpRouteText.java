package io.nslab.render;

import io.nslab.model.Family;
import io.nslab.model.IpPrefix;
import io.nslab.state.AddressScope;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteKind;
import io.nslab.state.RouteState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ip route show [table local]} and {@code ip -j route} as iproute2 6.1 prints them: every IPv4
 * field followed by one space (so lines end with a space), IPv6 lines ending in {@code pref medium}.
 */
public final class IpRouteText {
    private IpRouteText() {
    }

    /** {@code ip [-4|-6] route show table main|local}; IPv4 when {@code family} is INET (ip's default). */
    public static String show(NamespaceState ns, int table, Family family) {
        StringBuilder sb = new StringBuilder();
        for (RouteState r : routes(ns, table, family)) {
            sb.append(line(r, true)).append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code ip [-4|-6] route show table all} (or {@code table 0}): each family's main table, then its local table, whose
     * routes say so; without a family (null), IPv4's and then IPv6's, as ip asks for every family when no one table is
     * named *seen* (6.18, iproute2 6.1).
     */
    public static String showAll(NamespaceState ns, Family family) {
        StringBuilder sb = new StringBuilder();
        for (Family f : family == null ? List.of(Family.INET, Family.INET6) : List.of(family)) {
            for (int table : new int[] {RouteState.TABLE_MAIN, RouteState.TABLE_LOCAL}) {
                for (RouteState r : routes(ns, table, f)) {
                    sb.append(line(r, false)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** {@code ip -j [-6] route show table ...}. */
    public static String json(NamespaceState ns, int table, Family family) {
        List<Object> out = new ArrayList<>();
        for (RouteState r : routes(ns, table, family)) {
            out.add(jsonOf(r, true));
        }
        return Json.write(out) + "\n";
    }

    /**
     * {@code ip -j [-4|-6] route show table all}: the routes of {@link #showAll}, in its order, as one array; those of
     * the local table say so ({@code "table":"local"}, after the device, where the text has it).
     */
    public static String jsonAll(NamespaceState ns, Family family) {
        List<Object> out = new ArrayList<>();
        for (Family f : family == null ? List.of(Family.INET, Family.INET6) : List.of(family)) {
            for (int table : new int[] {RouteState.TABLE_MAIN, RouteState.TABLE_LOCAL}) {
                for (RouteState r : routes(ns, table, f)) {
                    out.add(jsonOf(r, false));
                }
            }
        }
        return Json.write(out) + "\n";
    }

    static List<RouteState> routes(NamespaceState ns, int table, Family family) {
        return ns.routes().stream().filter(r -> r.table() == table && r.destination().family() == family).toList();
    }

    /** One route; {@code tableShown}: the listing names its table, so "table local" is left out. */
    public static String line(RouteState r, boolean tableShown) {
        StringBuilder sb = new StringBuilder();
        boolean v6 = r.destination().family() == Family.INET6;
        if (r.kind() != RouteKind.UNICAST) {
            sb.append(r.kind().word()).append(' ');
        }
        sb.append(destination(r.destination())).append(' ');
        r.gateway().ifPresent(g -> sb.append("via ").append(g).append(' '));
        r.dev().ifPresent(d -> sb.append("dev ").append(d).append(' '));
        if (r.table() != RouteState.TABLE_MAIN && !tableShown) {
            sb.append("table ").append(tableName(r.table())).append(' ');
        }
        if (r.protocol() != RouteState.PROTO_BOOT) {
            sb.append("proto ").append(protocol(r.protocol())).append(' ');
        }
        if (r.scope() != AddressScope.UNIVERSE) {
            sb.append("scope ").append(r.scope() == AddressScope.UNIVERSE ? "global" : r.scope().word()).append(' ');
        }
        r.prefsrc().ifPresent(s -> sb.append("src ").append(s).append(' '));
        if (v6 || r.metric() != 0) {
            sb.append("metric ").append(r.metric()).append(' ');
        }
        if (r.onlink()) {
            sb.append("onlink ");
        }
        if (r.linkdown()) {
            sb.append("linkdown ");
        }
        if (v6) {
            sb.append("pref medium");
        }
        return sb.toString();
    }

    static String tableName(int table) {
        return table == RouteState.TABLE_LOCAL ? "local" : Integer.toString(table);
    }

    static String destination(IpPrefix p) {
        if (p.length() == 0) {
            return "default";
        }
        return p.isHost() ? p.address().toString() : p.toString();
    }

    static String protocol(int p) {
        return switch (p) {
            case 0 -> "unspec";
            case 1 -> "redirect";
            case RouteState.PROTO_KERNEL -> "kernel";
            case RouteState.PROTO_BOOT -> "boot";
            case RouteState.PROTO_STATIC -> "static";
            default -> Integer.toString(p);
        };
    }

    private static Map<String, Object> jsonOf(RouteState r, boolean tableShown) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean v6 = r.destination().family() == Family.INET6;
        if (r.kind() != RouteKind.UNICAST) {
            m.put("type", r.kind().word());
        }
        m.put("dst", destination(r.destination()));
        r.gateway().ifPresent(g -> m.put("gateway", g.toString()));
        r.dev().ifPresent(d -> m.put("dev", d.value()));
        if (r.table() != RouteState.TABLE_MAIN && !tableShown) {
            m.put("table", tableName(r.table()));
        }
        if (r.protocol() != RouteState.PROTO_BOOT) {
            m.put("protocol", protocol(r.protocol()));
        }
        if (r.scope() != AddressScope.UNIVERSE) {
            m.put("scope", r.scope().word());
        }
        r.prefsrc().ifPresent(s -> m.put("prefsrc", s.toString()));
        if (v6 || r.metric() != 0) {
            m.put("metric", r.metric());
        }
        List<String> flags = new ArrayList<>();
        if (r.onlink()) {
            flags.add("onlink");
        }
        if (r.linkdown()) {
            flags.add("linkdown");
        }
        m.put("flags", flags);
        if (v6) {
            m.put("pref", "medium");
        }
        return m;
    }
}
