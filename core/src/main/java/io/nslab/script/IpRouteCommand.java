package io.nslab.script;

import io.nslab.model.Family;
import io.nslab.model.IpAddress;
import io.nslab.model.Route;
import io.nslab.op.Op;
import io.nslab.render.IpRouteText;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteKind;
import io.nslab.state.RouteState;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code ip route add|del|replace|show|get}, with iproute.c's keyword prefixes. */
final class IpRouteCommand {
    private IpRouteCommand() {
    }

    static int run(Invocation inv, IpCommand.Globals g) {
        List<String> a = inv.argv();
        String cmd = a.isEmpty() ? "show" : a.getFirst();
        List<String> rest = a.isEmpty() ? List.of() : a.subList(1, a.size());
        boolean add = IpCommand.matches(cmd, "add");
        boolean del = IpCommand.matches(cmd, "delete");
        boolean replace = IpCommand.matches(cmd, "replace");
        if ((add || del || replace) && rest.isEmpty()) {
            inv.err(IpRouteUsage.TEXT);
            return 255;
        }
        if (add || del || replace) {
            RouteArgs.Result r = RouteArgs.parse(rest, g.family());
            if (r instanceof RouteArgs.Result.Bad b) { // not a switch on the type: see ScriptWorld#apply
                inv.err(b.message() + "\n");
                return b.status();
            }
            return modify(inv, ((RouteArgs.Result.Ok) r).route(), add, del);
        }
        if (IpCommand.matches(cmd, "get")) {
            return get(inv, rest, g);
        }
        if (IpCommand.matches(cmd, "show") || IpCommand.matches(cmd, "list")) {
            int table = RouteState.TABLE_MAIN;
            boolean all = false;
            for (int i = 0; i < rest.size(); i++) {
                if (rest.get(i).equals("table") && i + 1 < rest.size() && rest.get(i + 1).equals("local")) {
                    table = RouteState.TABLE_LOCAL;
                    i++;
                } else if (rest.get(i).equals("table") && i + 1 < rest.size() && rest.get(i + 1).equals("main")) {
                    i++;
                } else if (rest.get(i).equals("table") && i + 1 < rest.size()
                        && (rest.get(i + 1).equals("all") || rest.get(i + 1).equals("0"))) {
                    all = true;
                    i++;
                } else {
                    inv.err("nslab script: ip route show " + rest.get(i) + " is not simulated\n");
                    return 2;
                }
            }
            NamespaceState ns = inv.world().namespace(inv.netns());
            if (all) {
                inv.out(g.json() ? IpRouteText.jsonAll(ns, g.family()) : IpRouteText.showAll(ns, g.family()));
                return 0;
            }
            Family f = g.family() == null ? Family.INET : g.family();
            inv.out(g.json() ? IpRouteText.json(ns, table, f) : IpRouteText.show(ns, table, f));
            return 0;
        }
        inv.err("Command \"" + cmd + "\" is unknown, try \"ip route help\".\n");
        return 255;
    }

    private static int modify(Invocation inv, Route route, boolean add, boolean del) {
        if (route.dev().isPresent() && IpLinkCommand.find(inv, route.dev().get().value()).isEmpty()) {
            inv.err("Cannot find device \"" + route.dev().get() + "\"\n");
            return 1;
        }
        Op op = add ? new Op.AddRoute(inv.netns(), route) : del ? new Op.DeleteRoute(inv.netns(), route)
                : new Op.ReplaceRoute(inv.netns(), route);
        return IpNetnsCommand.apply(inv, op);
    }

    /** {@code ip route get ADDR}: the route lookup's answer, local table first, then main by longest prefix and metric. */
    private static int get(Invocation inv, List<String> rest, IpCommand.Globals g) {
        IpAddress dst;
        try {
            dst = AddressSyntax.ip(rest.getFirst().equals("to") ? rest.get(1) : rest.getFirst()).orElseThrow(IllegalArgumentException::new);
        } catch (RuntimeException e) {
            inv.err("Error: " + IpCommand.familyWords(g.family()) + " prefix is expected rather than \""
                    + (rest.isEmpty() ? "" : rest.getFirst()) + "\".\n");
            return 1;
        }
        NamespaceState ns = inv.world().namespace(inv.netns());
        Optional<RouteState> local = ns.routes().stream()
                .filter(r -> r.table() == RouteState.TABLE_LOCAL && r.kind() == RouteKind.LOCAL && r.destination().contains(dst))
                .max(Comparator.comparingInt(r -> r.destination().length()));
        if (local.isPresent()) {
            inv.out("local " + dst + " dev lo src " + local.get().prefsrc().orElse(dst) + " uid 0 \n    cache <local> \n");
            return 0;
        }
        Optional<RouteState> best = ns.routes().stream()
                .filter(r -> r.table() == RouteState.TABLE_MAIN && r.destination().family() == dst.family() && r.destination().contains(dst))
                .min(Comparator.<RouteState>comparingInt(r -> -r.destination().length()).thenComparingInt(RouteState::metric));
        if (best.isEmpty()) {
            inv.err("RTNETLINK answers: Network is unreachable\n");
            return 2;
        }
        RouteState r = best.get();
        switch (r.kind()) {
            case UNICAST -> {
                StringBuilder sb = new StringBuilder().append(dst);
                r.gateway().ifPresent(gw -> sb.append(" via ").append(gw));
                r.dev().ifPresent(d -> sb.append(" dev ").append(d));
                Optional<IpAddress> src = r.prefsrc().or(() -> source(ns, r, r.gateway().orElse(dst)));
                src.ifPresent(s -> sb.append(" src ").append(s));
                inv.out(sb.append(" uid 0 \n    cache \n").toString());
                return 0;
            }
            default -> {
                String text = switch (r.kind()) {
                    case BLACKHOLE -> "Invalid argument";
                    case PROHIBIT -> "Permission denied";
                    default -> "No route to host";
                };
                inv.err("RTNETLINK answers: " + text + "\n");
                return 2;
            }
        }
    }

    /** The first primary address of the route's device in the next hop's subnet, else its first primary address. */
    private static Optional<IpAddress> source(NamespaceState ns, RouteState r, IpAddress hop) {
        var onDev = ns.addresses().stream().filter(x -> r.dev().isPresent() && x.dev().equals(r.dev().get())
                && x.address().address().family() == hop.family() && !x.secondary()).toList();
        return onDev.stream().filter(x -> x.address().contains(hop)).findFirst().or(() -> onDev.stream().findFirst())
                .map(x -> x.address().address());
    }
}
