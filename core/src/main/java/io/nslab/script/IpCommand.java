package io.nslab.script;

import io.nslab.model.NamespaceRef;
import io.nslab.model.Family;

import java.util.List;

/**
 * {@code ip [-n NS] [-j] [-4|-6] OBJECT ...}: global options, then the object chosen as iproute2 does,
 * by the first entry of its table that the word is a prefix of ({@code a} is address, {@code r} route,
 * {@code l} link, {@code n} neighbour, so {@code netns} must be spelt out to {@code netn}).
 */
final class IpCommand {
    /** The part of ip.c's object table that decides prefixes, in its order. */
    private static final List<String> OBJECTS = List.of("address", "addrlabel", "maddress", "route", "rule", "neighbor",
            "neighbour", "ntable", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tuntap", "token", "tcpmetrics",
            "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam", "stats", "help");

    /** The options every object sees. */
    record Globals(NamespaceRef netns, boolean json, Family family, boolean all, boolean brief) {
    }

    private IpCommand() {
    }

    /** iproute2's family_name_verbose, as its "Error: %s prefix is expected" messages say it: -4, -6 or neither. */
    static String familyWords(Family family) {
        if (family == null) {
            return "any valid";
        }
        return switch (family) {
            case INET -> "inet";
            case INET6 -> "inet6";
        };
    }

    static boolean matches(String arg, String keyword) {
        return arg != null && !arg.isEmpty() && keyword.startsWith(arg);
    }

    /** The first object {@code word} abbreviates, as ip.c looks it up, or null. A loop: every call comes here. */
    private static String object(String word) {
        for (String o : OBJECTS) {
            if (matches(word, o)) {
                return o;
            }
        }
        return null;
    }

    /** ip.c's usage(): for no object, or an option that lacks its argument. */
    static final String USAGE = "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
            + "       ip [ -force ] -batch filename\n"
            + "where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"
            + "                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n"
            + "                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
            + "                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
            + "                   token | tunnel | tuntap | vrf | xfrm }\n"
            + "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
            + "                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
            + "                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
            + "                    -4 | -6 | -M | -B | -0 |\n"
            + "                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
            + "                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
            + "                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
            + "                    -c[olor]}\n";

    static int run(Invocation inv) {
        List<String> argv = inv.argv();
        NamespaceRef netns = inv.netns();
        boolean json = false;
        boolean all = false;
        boolean brief = false;
        boolean oneline = false;
        Family family = null;
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-") && argv.get(i).length() > 1) {
            String o = argv.get(i).startsWith("--") ? argv.get(i).substring(1) : argv.get(i);
            if (matches(o.substring(1), "family")) { // -f, -fa, ... -family: first in ip.c's list
                String f = inv.arg(++i);
                if (f == null) {
                    inv.err(USAGE);
                    return 255;
                }
                if (f.equals("inet")) {
                    family = Family.INET;
                } else if (f.equals("inet6")) {
                    family = Family.INET6;
                } else if (List.of("link", "ipx", "dnet", "mpls", "bridge", "help").contains(f)) {
                    inv.err("nslab script: ip -family " + f + " is not simulated\n");
                    return 2;
                } else {
                    inv.err("Error: argument \"" + f + "\" is wrong: invalid protocol family\n");
                    return 255;
                }
            } else if (o.equals("-4")) {
                family = Family.INET;
            } else if (o.equals("-6")) {
                family = Family.INET6;
            } else if (o.equals("-n") || matches(o.substring(1), "netns") && o.length() > 2) {
                String ns = inv.arg(++i);
                if (ns == null) {
                    inv.err("Command line is not complete. Try option \"help\"\n");
                    return 255;
                }
                if (!inv.world().exists(ns)) {
                    inv.err("Cannot open network namespace \"" + ns + "\": No such file or directory\n");
                    return 255;
                }
                netns = NamespaceRef.named(ns);
            } else if (o.equals("-j") || matches(o.substring(1), "json")) {
                json = true;
            } else if (matches(o.substring(1), "all")) {
                all = true;
            } else if (o.equals("-o") || o.length() > 2 && matches(o.substring(1), "oneline")) {
                oneline = true;
            } else if (o.length() > 2 && matches(o.substring(1), "brief")) {
                brief = true; // "-b" alone is -batch, which comes first in ip.c's list
            } else {
                inv.err("Option \"" + argv.get(i) + "\" is unknown, try \"ip -help\".\n");
                return 255;
            }
            i++;
        }
        String object = inv.arg(i);
        if (object == null) {
            inv.err(USAGE);
            return 255;
        }
        String resolved = object(object);
        List<String> rest = argv.subList(i + 1, argv.size());
        Invocation sub = inv.in(netns, rest);
        Globals g = new Globals(netns, json, family, all, brief);
        if (resolved == null) {
            inv.err("Object \"" + object + "\" is unknown, try \"ip help\".\n");
            return 1;
        }
        if (oneline && !brief && (resolved.equals("address") || resolved.equals("link"))) {
            StringBuilder text = new StringBuilder();
            Output io = inv.io();
            Output capture = new Output() {
                public void out(String t) {
                    text.append(t);
                }

                public void err(String t) {
                    io.err(t);
                }
            };
            Invocation captured = new Invocation(inv.world(), capture, netns, rest, inv.context());
            int status = resolved.equals("address") ? IpAddrCommand.run(captured, g) : IpLinkCommand.run(captured, g);
            inv.out(resolved.equals("address") ? onelineAddresses(text.toString()) : text.toString().replaceAll("\n(?= )", "\\\\"));
            return status;
        }
        return switch (resolved) {
            case "address" -> IpAddrCommand.run(sub, g);
            case "route" -> IpRouteCommand.run(sub, g);
            case "link" -> IpLinkCommand.run(sub, g);
            case "netns" -> IpNetnsCommand.run(sub, g);
            case "neighbor", "neighbour" -> IpNeighCommand.run(sub, g);
            default -> {
                inv.err("nslab script: ip " + resolved + " is not simulated\n");
                yield 2;
            }
        };
    }

    /**
     * {@code ip -o addr}: a line per address, after its link's index and name (without the peer), its lifetime line
     * joined with a backslash; the link's own lines are left out.
     */
    static String onelineAddresses(String text) {
        StringBuilder out = new StringBuilder();
        String prefix = "";
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            java.util.regex.Matcher h = java.util.regex.Pattern.compile("^(\\d+): ([^:@]+)").matcher(line);
            if (h.find()) {
                prefix = h.group(1) + ": " + h.group(2);
            } else if (line.startsWith("    inet")) {
                out.append(prefix).append(line);
                if (i + 1 < lines.length && lines[i + 1].startsWith("       ")) {
                    out.append('\\').append(lines[++i]);
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** iproute2's complaint about an argument it cannot parse. */
    static int invalid(Invocation inv, String what, String arg) {
        inv.err("Error: " + what + " \"" + arg + "\".\n");
        return 255;
    }

    static int incomplete(Invocation inv) {
        inv.err("Command line is not complete. Try option \"help\"\n");
        return 255;
    }
}
