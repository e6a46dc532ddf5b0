package io.nslab.script;

import io.nslab.model.NamespaceRef;

import java.util.Set;

/**
 * What {@code ip addr show} does to the listing beyond what {@link io.nslab.render.IpLinkText} renders: the broadcasts,
 * labels and DAD flags of the addresses a script added, the {@code up}, {@code scope}, {@code label} and link filters,
 * and {@code -6}'s link lines, which the kernel answers from addrconf's own link dump.
 */
final class IpAddrView {
    /** The scopes {@code scope} takes by name (rt_scopes). */
    static final Set<String> SCOPES = Set.of("global", "site", "link", "host");

    private IpAddrView() {
    }

    private static final java.util.regex.Pattern LINK_LINE = java.util.regex.Pattern.compile("^(\\d+): ([^:@]+)");
    private static final java.util.regex.Pattern INET6_NODAD = java.util.regex.Pattern.compile("^    inet6 (\\S+) scope \\S+ (nodad )\\n");

    /**
     * The DAD flag of each IPv6 address the script added ({@link AddressDad}): the renderer says nodad, as nslab's
     * own addresses have it.
     */
    static String dadFlags(Invocation inv, String text) {
        if (!text.contains(" nodad \n")) {
            return text;
        }
        return eachAddress(text, INET6_NODAD, (index, dev, m, line) -> {
            io.nslab.model.IpPrefix p = AddressSyntax.ipPrefix(m.group(1)).orElse(null);
            String flag = p == null ? null : inv.world().dad().flag(inv.netns(), index, p, dadOff(inv, dev));
            return flag == null ? line : line.substring(0, m.start(2)) + (flag.isEmpty() ? "" : flag + " ") + line.substring(m.end(2));
        });
    }

    /** Neither the device's accept_dad nor conf/all's is 1 or more: addrconf runs no DAD there. */
    private static boolean dadOff(Invocation inv, String dev) {
        io.nslab.sim.SimNetwork net = inv.world().network();
        return acceptDad(net, inv.netns(), dev) < 1 && acceptDad(net, inv.netns(), "all") < 1;
    }

    private static int acceptDad(io.nslab.sim.SimNetwork net, NamespaceRef netns, String conf) {
        try {
            return Integer.parseInt(net.sysctl(netns, "net.ipv6.conf." + conf + ".accept_dad").orElse("0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final java.util.regex.Pattern INET = java.util.regex.Pattern.compile("^    inet (\\S+) .*scope \\S+ (?:secondary )?(\\S+)\\n");

    /** Each IPv4 address's label where {@code ip addr add ... label} gave one: the device's name otherwise. */
    static String labels(Invocation inv, String text) {
        return eachAddress(text, INET, (index, dev, m, line) -> {
            io.nslab.model.IpPrefix p = AddressSyntax.ipPrefix(m.group(1)).orElse(null);
            String label = p == null ? null : inv.world().extras().label(inv.netns(), index, p);
            return label == null ? line : line.substring(0, m.start(2)) + label + line.substring(m.end(2));
        });
    }

    private static final java.util.regex.Pattern INET_START = java.util.regex.Pattern.compile("^    inet (\\S+) ");

    /** The "brd" of each IPv4 address that ifconfig or {@code ip addr add ... brd} gave one. */
    static String broadcasts(Invocation inv, String text) {
        return eachAddress(text, INET_START, (index, dev, m, line) -> {
            io.nslab.model.IpPrefix p = AddressSyntax.ipPrefix(m.group(1)).orElse(null);
            io.nslab.model.IpAddress brd = p == null ? null : inv.world().extras().broadcast(inv.netns(), index, p);
            return brd == null ? line : line.substring(0, m.end()) + "brd " + brd + " " + line.substring(m.end());
        });
    }

    /** An address's line, rewritten; {@code m} has matched it. */
    private interface Rewrite {
        String line(int index, String dev, java.util.regex.Matcher m, String line);
    }

    /** The listing with each line that {@code address} matches rewritten, knowing its link's index and name. */
    private static String eachAddress(String text, java.util.regex.Pattern address, Rewrite rewrite) {
        StringBuilder out = new StringBuilder();
        int index = -1;
        String dev = null;
        for (String line : text.split("(?<=\\n)")) {
            java.util.regex.Matcher h = LINK_LINE.matcher(line);
            if (h.find()) {
                index = Integer.parseInt(h.group(1));
                dev = h.group(2);
            }
            java.util.regex.Matcher m = address.matcher(line);
            out.append(dev != null && m.find() ? rewrite.line(index, dev, m, line) : line);
        }
        return out.toString();
    }

    /**
     * {@code label PATTERN}: the IPv4 addresses whose label matches (a shell pattern), each with its lifetimes and
     * without its link's lines *seen* (6.18, iproute2 6.1).
     */
    static String labelled(String text, String pattern) {
        java.nio.file.PathMatcher glob = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("(?<=\\n)");
        for (int i = 0; i < lines.length; i++) {
            java.util.regex.Matcher m = INET.matcher(lines[i]);
            if (m.find() && glob.matches(java.nio.file.Path.of(m.group(2)))) {
                out.append(lines[i]);
                if (i + 1 < lines.length && lines[i + 1].startsWith("       valid_lft")) {
                    out.append(lines[++i]);
                }
            }
        }
        return out.toString();
    }

    /** Only the links of those indexes ({@code master}, {@code nomaster}, {@code type}). */
    static String linksOnly(String text, Set<Integer> indexes) {
        StringBuilder out = new StringBuilder();
        for (String block : blocks(text)) {
            int colon = block.indexOf(':');
            if (colon > 0 && indexes.contains(Integer.parseInt(block.substring(0, colon)))) {
                out.append(block);
            }
        }
        return out.toString();
    }

    /** {@code up}: only the links that are administratively up (IFF_UP among the flags). */
    static String upOnly(String text) {
        StringBuilder out = new StringBuilder();
        for (String block : blocks(text)) {
            int lt = block.indexOf('<');
            int gt = block.indexOf('>');
            if (lt >= 0 && gt > lt && Set.of(block.substring(lt + 1, gt).split(",")).contains("UP")) {
                out.append(block);
            }
        }
        return out.toString();
    }

    /**
     * {@code scope SCOPE}: each link's addresses of that scope; a link left without any, of those it had, is not shown,
     * a link that had none is *seen* (6.18, iproute2 6.1: lo, with host addresses only, goes; a veth without addresses
     * stays).
     */
    static String scoped(String text, String scope) {
        StringBuilder out = new StringBuilder();
        for (String block : blocks(text)) {
            String[] lines = block.split("(?<=\\n)");
            StringBuilder kept = new StringBuilder();
            int had = 0;
            int left = 0;
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].startsWith("    inet ") && !lines[i].startsWith("    inet6 ")) {
                    kept.append(lines[i]);
                    continue;
                }
                String address = lines[i];
                String lifetimes = i + 1 < lines.length && lines[i + 1].startsWith("       valid_lft") ? lines[++i] : "";
                had++;
                java.util.regex.Matcher m = SCOPE.matcher(address);
                if (m.find() && m.group(1).equals(scope)) {
                    kept.append(address).append(lifetimes);
                    left++;
                }
            }
            if (had == 0 || left > 0) {
                out.append(kept);
            }
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern SCOPE = java.util.regex.Pattern.compile(" scope (\\S+)");

    /**
     * {@code ip -6 addr} without a device: the kernel answers ip's link dump for AF_INET6 from addrconf
     * (inet6_fill_ifinfo), whose link lines have no qdisc, master or group, and for a peer in another namespace no
     * peer at all (no netnsid to say where its index is) *seen* (6.18).
     */
    static String inet6Dump(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            if (!line.startsWith(" ") && HEADER.matcher(line).find()) {
                int netns = line.indexOf(" link-netns");
                if (netns >= 0) {
                    line = line.substring(0, netns) + "\n";
                    line = line.replaceFirst("^(\\d+: [^:@]+)@[^:]+:", "$1:");
                }
                line = line.replaceFirst(" qdisc \\S+", "").replaceFirst(" master \\S+", "").replaceFirst(" group \\S+", "");
            }
            out.append(line);
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern HEADER = java.util.regex.Pattern.compile("^\\d+: ");

    /** The listing's links, each with its lines. */
    private static String[] blocks(String text) {
        return text.isEmpty() ? new String[0] : text.split("(?m)^(?=\\d+: )");
    }
}
