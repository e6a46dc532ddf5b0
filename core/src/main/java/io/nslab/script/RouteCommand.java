package io.nslab.script;

import io.nslab.model.Family;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Route;
import io.nslab.model.RouteType;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.render.RouteNText;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** net-tools {@code route -n} and {@code route add|del [-net|-host] TARGET [netmask M] [gw G] [metric N] [[dev] IF]}. */
final class RouteCommand {
    /** net-tools' exit status when the kernel refuses an ioctl. */
    static final int E_SOCK = 7;

    private RouteCommand() {
    }

    static int run(Invocation inv) {
        List<String> a = inv.argv().subList(1, inv.argv().size());
        if (a.equals(List.of("-n")) || a.equals(List.of("-n", "-4")) || a.equals(List.of("-4", "-n"))) {
            inv.out(RouteNText.render(inv.world().namespace(inv.netns())));
            return 0;
        }
        if (a.isEmpty() || !(a.getFirst().equals("add") || a.getFirst().equals("del"))) {
            inv.err("nslab script: route supports only -n, add and del (without -n it would look names up)\n");
            return 2;
        }
        boolean add = a.getFirst().equals("add");
        Boolean host = null;
        String target = null;
        IpAddress netmask = null;
        Optional<IpAddress> gw = Optional.empty();
        OptionalInt metric = OptionalInt.empty();
        Optional<IfName> dev = Optional.empty();
        try {
            for (int i = 1; i < a.size(); i++) {
                String w = a.get(i);
                String v = i + 1 < a.size() ? a.get(i + 1) : null;
                switch (w) {
                    case "-net" -> host = false;
                    case "-host" -> host = true;
                    case "netmask" -> {
                        netmask = IpAddress.parse(v);
                        i++;
                    }
                    case "gw" -> {
                        gw = Optional.of(IpAddress.parse(v));
                        i++;
                    }
                    case "metric" -> {
                        metric = OptionalInt.of(Integer.parseInt(v));
                        i++;
                    }
                    case "dev" -> {
                        dev = Optional.of(IfName.of(v));
                        i++;
                    }
                    default -> {
                        if (target == null) {
                            target = w;
                        } else if (dev.isEmpty() && i == a.size() - 1) {
                            dev = Optional.of(IfName.of(w));
                        } else {
                            return usage(inv);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            return usage(inv);
        }
        if (target == null) {
            return usage(inv);
        }
        IpPrefix dst;
        if (target.equals("default")) {
            dst = IpPrefix.defaultRoute(Family.INET);
        } else {
            IpAddress t = IpAddress.parse(target);
            int len = netmask != null ? Integer.bitCount(netmask.v4bits()) : Boolean.FALSE.equals(host) ? 32 : 32;
            if (netmask != null && Boolean.TRUE.equals(host)) {
                inv.err("route: netmask doesn't make sense with host route\n");
                return E_SOCK;
            }
            if (netmask != null && t.masked(len).compareTo(t) != 0) {
                inv.err("route: netmask " + netmask + " doesn't match route address\n");
                return E_SOCK;
            }
            dst = new IpPrefix(t, len);
        }
        if (dev.isPresent() && IpLinkCommand.find(inv, dev.get().value()).isEmpty()) {
            inv.err("SIOC" + (add ? "ADD" : "DEL") + "RT: No such device\n");
            return E_SOCK;
        }
        Route route = new Route(RouteType.UNICAST, dst, gw, dev, metric, Optional.empty(), false);
        Op op = add ? new Op.AddRoute(inv.netns(), route) : new Op.DeleteRoute(inv.netns(), route);
        try {
            inv.world().apply(op);
            return 0;
        } catch (OpException e) {
            // The ioctl path refuses an unreachable gateway with ENETUNREACH where rtnetlink says EINVAL.
            String text = e.kernelMessage().contains("invalid gateway") ? "Network is unreachable" : e.errno().text();
            inv.err("SIOC" + (add ? "ADD" : "DEL") + "RT: " + text + "\n");
            return E_SOCK;
        }
    }

    private static int usage(Invocation inv) {
        inv.err("Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]\n");
        return E_SOCK;
    }
}
