package io.nslab.script;

import io.nslab.model.Family;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Route;
import io.nslab.model.RouteType;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The arguments of {@code ip route add|del|replace}, read as iproute.c's iproute_modify reads them. */
final class RouteArgs {
    /** A parsed route, or the message and status ip prints instead. */
    sealed interface Result {
        record Ok(Route route) implements Result {
        }

        record Bad(String message, int status) implements Result {
        }
    }

    private RouteArgs() {
    }

    static Result parse(List<String> a, Family family) {
        RouteType type = RouteType.UNICAST;
        IpPrefix dst = null;
        Optional<IpAddress> via = Optional.empty();
        Optional<IfName> dev = Optional.empty();
        OptionalInt metric = OptionalInt.empty();
        Optional<IpAddress> src = Optional.empty();
        boolean onlink = false;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            String v = i + 1 < a.size() ? a.get(i + 1) : null;
            boolean takesValue = w.equals("via") || w.equals("dev") || w.equals("oif") || w.equals("src")
                    || w.equals("metric") || w.equals("preference") || w.equals("priority") || w.equals("table");
            if (takesValue && v == null) {
                return new Result.Bad("Command line is not complete. Try option \"help\"", 255);
            }
            try {
                switch (w) {
                    case "via" -> {
                        String g = v.equals("inet") || v.equals("inet6") ? a.get(++i + 1) : v;
                        via = Optional.of(AddressSyntax.ip(g).orElseThrow(IllegalArgumentException::new));
                        i++;
                    }
                    case "dev", "oif" -> {
                        dev = Optional.of(IfName.of(v));
                        i++;
                    }
                    case "src" -> {
                        src = Optional.of(AddressSyntax.ip(v).orElseThrow(IllegalArgumentException::new));
                        i++;
                    }
                    case "metric", "preference", "priority" -> {
                        metric = OptionalInt.of(Integer.parseInt(v));
                        i++;
                    }
                    case "onlink" -> onlink = true;
                    case "table" -> {
                        if (!v.equals("main")) {
                            return new Result.Bad("nslab script: only table main is simulated", 2);
                        }
                        i++;
                    }
                    case "blackhole", "unreachable", "prohibit", "unicast" -> {
                        if (dst != null) {
                            return new Result.Bad("Error: either \"to\" is duplicate, or \"" + w + "\" is a garbage.", 255);
                        }
                        type = RouteType.valueOf(w.toUpperCase(java.util.Locale.ROOT));
                    }
                    case "to" -> {
                        // "to" only announces the prefix that follows
                    }
                    default -> {
                        if (dst != null) {
                            return new Result.Bad("Error: either \"to\" is duplicate, or \"" + w + "\" is a garbage.", 255);
                        }
                        if (w.equals("default") || w.equals("all") || w.equals("any")) {
                            dst = IpPrefix.defaultRoute(family == null ? Family.INET : family);
                        } else {
                            dst = AddressSyntax.ipPrefix(w).orElse(null);
                            if (dst == null) {
                                return new Result.Bad("Error: " + IpCommand.familyWords(family) + " prefix is expected rather than \""
                                        + w + "\".", 1);
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                return new Result.Bad("Error: inet address is expected rather than \"" + v + "\".", 1);
            }
        }
        if (dst == null) {
            return new Result.Bad("Error: any valid prefix is expected rather than \"\".", 1);
        }
        return new Result.Ok(new Route(type, dst, via, dev, metric, src, onlink));
    }
}
