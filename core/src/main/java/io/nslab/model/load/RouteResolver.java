package io.nslab.model.load;

import io.nslab.model.Family;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Route;
import io.nslab.model.RouteType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Resolves a node's routes and refuses, in the kernel's words where it has some, what the kernel
 * would refuse when {@code up} adds them: gateways off every connected subnet, unknown devices,
 * host bits in the destination, a preferred source the node does not own, duplicates.
 */
final class RouteResolver {
    private final Problems problems;
    private final Values values;

    RouteResolver(Problems problems) {
        this.problems = problems;
        this.values = new Values(problems);
    }

    List<Route> resolve(String node, List<RawRoute> raws, NodeInterfaces interfaces) {
        List<Route> out = new ArrayList<>();
        Map<String, Position> seen = new HashMap<>();
        for (RawRoute r : raws) {
            Route route = resolve(node, r, interfaces);
            if (route == null) {
                continue;
            }
            String key = route.destination().network() + " metric " + route.metric().orElse(0);
            Position first = seen.putIfAbsent(key, r.position());
            if (first != null) {
                problems.add(r.position(), "route to " + route.destination() + " with metric " + route.metric().orElse(0)
                        + " is already at " + first.lineColumn() + " (the kernel would say \"File exists\")");
                continue;
            }
            out.add(route);
        }
        return out;
    }

    private Route resolve(String node, RawRoute r, NodeInterfaces interfaces) {
        if (r.to() == null) {
            problems.add(r.position(), "a route needs to: (a prefix or default)");
            return null;
        }
        RouteType type = RouteType.UNICAST;
        if (r.type() != null) {
            Optional<RouteType> t = java.util.Arrays.stream(RouteType.values()).filter(x -> x.keyword().equals(r.type().value())).findFirst();
            if (t.isEmpty()) {
                problems.add(r.type().position(), "route type must be unicast, blackhole, unreachable or prohibit, not \""
                        + r.type().value() + "\"" + Suggestions.hint(r.type().value(), RouteLine.TYPES));
                return null;
            }
            type = t.get();
        }
        IpAddress via = r.via() == null ? null : values.address(r.via(), "gateway");
        IpAddress src = r.src() == null ? null : values.address(r.src(), "src");
        boolean v6 = via != null ? !via.isV4() : src != null && !src.isV4();
        IpPrefix to = values.destination(r.to(), v6);
        if (to == null || (r.via() != null && via == null) || (r.src() != null && src == null)) {
            return null;
        }
        if (via != null && via.family() != to.family()) {
            problems.add(r.via().position(), "gateway " + via + " is " + name(via.family()) + " but destination " + r.to().value()
                    + " is " + name(to.family()));
            return null;
        }
        if (src != null && src.family() != to.family()) {
            problems.add(r.src().position(), "src " + src + " is " + name(src.family()) + " but destination " + r.to().value()
                    + " is " + name(to.family()));
            return null;
        }
        IfName dev = null;
        if (r.dev() != null) {
            if (!interfaces.has(r.dev().value())) {
                problems.add(r.dev().position(), "route dev \"" + r.dev().value() + "\": node \"" + node + "\" has no such interface"
                        + Suggestions.hint(r.dev().value(), interfaces.all().stream().map(NodeInterfaces.Iface::name).toList()));
                return null;
            }
            dev = IfName.of(r.dev().value());
        }
        boolean onlink = r.onlink() != null && r.onlink().value();
        if (type.isReject()) {
            if (via != null) {
                problems.add(r.via().position(), "a " + type.keyword() + " route takes no gateway");
                return null;
            }
        } else if (via == null && dev == null) {
            problems.add(r.position(), "route to " + r.to().value() + " needs via GATEWAY or dev INTERFACE");
            return null;
        } else if (via != null && !onlink && !gatewayIsConnected(node, via, dev, r, interfaces)) {
            return null;
        }
        if (src != null && !interfaces.isLocal(src)) {
            problems.add(r.src().position(), "src " + src + " is not an address of node \"" + node
                    + "\" (the kernel says \"Invalid prefsrc address\")");
            return null;
        }
        return new Route(type, to, Optional.ofNullable(via), Optional.ofNullable(dev),
                r.metric() == null ? OptionalInt.empty() : OptionalInt.of(r.metric().value()), Optional.ofNullable(src), onlink);
    }

    /** The kernel accepts a gateway only when a connected (scope link) route of an up interface covers it. */
    private boolean gatewayIsConnected(String node, IpAddress via, IfName dev, RawRoute r, NodeInterfaces interfaces) {
        if (!via.isV4() && via.isLinkLocal()) {
            if (dev == null) {
                problems.add(r.via().position(), "link-local gateway " + via + " needs dev INTERFACE");
                return false;
            }
            return true;
        }
        List<NodeInterfaces.Iface> connected = interfaces.connectedTo(via);
        if (dev != null) {
            connected = connected.stream().filter(i -> i.name().equals(dev.value())).toList();
        }
        if (connected.isEmpty()) {
            problems.add(r.via().position(), "gateway " + via + " is on no connected subnet of node \"" + node + "\""
                    + (dev != null ? " through " + dev : "") + " (the kernel says \"Nexthop has invalid gateway\")");
            return false;
        }
        if (connected.stream().noneMatch(NodeInterfaces.Iface::up)) {
            problems.add(r.via().position(), "gateway " + via + " is reached through " + connected.getFirst().name()
                    + ", which the lab leaves down: its connected route does not exist (the kernel says \"Nexthop has invalid gateway\")");
            return false;
        }
        return true;
    }

    private static String name(Family f) {
        return f == Family.INET ? "IPv4" : "IPv6";
    }
}
