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
import java.util.OptionalLong;

/** net-tools {@code route -n} and {@code route add|del [-net|-host] TARGET [netmask M] [gw G] [metric N] [[dev] IF]}. */
final class RouteCommand {
    /** net-tools' exit status when the kernel refuses an ioctl. */
    static final int E_SOCK = 7;
    /** net-tools' exit status for a bad argument (after its usage text). */
    static final int E_OPTERR = 3;
    /** net-tools' exit status when an address is neither numeric nor a name it can look up. */
    static final int E_LOOKUP = 6;
    /** inet_route's usage text, as net-tools 2.10 prints it. */
    private static final String USAGE = """
            Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
                   inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                                          [netmask N] [mss Mss] [window W] [irtt I]
                                          [mod] [dyn] [reinstate] [[dev] If]
                   inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
                   inet_route [-FC] flush      NOT supported
            """;

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
        IpAddress address = null;
        int mask = 0;
        String maskText = null;
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
                        if (v == null || mask != 0) {
                            return usage(inv);
                        }
                        IpAddress m = resolve(v).orElse(null);
                        if (m == null) {
                            return unknownHost(inv, v);
                        }
                        mask = m.v4bits();
                        maskText = v;
                        i++;
                    }
                    case "gw", "gateway" -> {
                        if (v == null || gw.isPresent()) {
                            return usage(inv);
                        }
                        if (v.equals("default")) {
                            inv.err("route: default: cannot use a NETWORK as gateway!\n");
                            return E_OPTERR;
                        }
                        gw = resolve(v);
                        if (gw.isEmpty()) {
                            return unknownHost(inv, v);
                        }
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
                            // Target[/prefix]: the prefix is C's strtoul(.., 0) and shifts as x86 does (/32 and /0 are no mask)
                            int slash = w.indexOf('/');
                            String name = slash < 0 ? w : w.substring(0, slash);
                            if (slash >= 0) {
                                OptionalLong bits = AddressSyntax.cUnsigned(w.substring(slash + 1));
                                if (bits.isEmpty()) {
                                    return usage(inv);
                                }
                                mask = ~(-1 >>> (int) bits.getAsLong());
                                maskText = "/" + (int) bits.getAsLong();
                            }
                            address = name.equals("default") ? IpAddress.v4(0) : resolve(name).orElse(null);
                            if (address == null) {
                                return unknownHost(inv, name);
                            }
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
        // a numeric target is a host unless -net says otherwise; "default" is a network
        boolean isNet = host != null ? !host : target.equals("default") || target.startsWith("default/");
        // net-tools' own checks, in its order, each followed by its usage text
        if (mask != 0) {
            int hostBits = ~mask;
            if (!isNet && hostBits != 0xffffffff) {
                inv.err(String.format("route: netmask %08x doesn't make sense with host route%n", hostBits));
                return usage(inv);
            }
            if ((hostBits & (hostBits + 1)) != 0) {
                inv.err("route: bogus netmask " + maskText + "\n");
                return usage(inv);
            }
            if ((address.v4bits() & hostBits) != 0) {
                inv.err("route: netmask doesn't match route address\n");
                return usage(inv);
            }
        }
        IpAddress t = address;
        IpPrefix dst;
        if (!isNet) {
            dst = new IpPrefix(t, 32);
        } else {
            dst = new IpPrefix(t, Integer.bitCount(mask));
            if ((t.v4bits() & ~mask) != 0) {
                // no netmask (or /0, /32) on a network route: the kernel gets a /0 with host bits (its bad_mask check)
                inv.err("SIOC" + (add ? "ADD" : "DEL") + "RT: Invalid argument\n");
                return E_SOCK;
            }
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

    /** An address as net-tools resolves it: inet_aton first; a name it would look up, the simulator cannot. */
    private static Optional<IpAddress> resolve(String text) {
        return AddressSyntax.inetAton(text, false);
    }

    /** What net-tools prints when the name lookup that follows a failed inet_aton finds nothing. */
    private static int unknownHost(Invocation inv, String name) {
        inv.err(name + ": Unknown host\n");
        return E_LOOKUP;
    }

    private static int usage(Invocation inv) {
        inv.err(USAGE);
        return E_OPTERR;
    }
}
