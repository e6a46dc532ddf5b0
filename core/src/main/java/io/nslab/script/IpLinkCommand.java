package io.nslab.script;

import io.nslab.model.NamespaceRef;
import io.nslab.model.IfName;
import io.nslab.model.MacAddress;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.render.IpLinkText;
import io.nslab.state.NamespaceState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code ip link add|set|delete|show}, with iplink.c's keyword prefixes. */
final class IpLinkCommand {
    private IpLinkCommand() {
    }

    static int run(Invocation inv, IpCommand.Globals g) {
        List<String> a = inv.argv();
        String cmd = a.isEmpty() ? "show" : a.getFirst();
        List<String> rest = a.isEmpty() ? List.of() : a.subList(1, a.size());
        if (IpCommand.matches(cmd, "add")) {
            return add(inv, rest);
        }
        if (IpCommand.matches(cmd, "set") || IpCommand.matches(cmd, "change")) {
            return set(inv, rest);
        }
        if (IpCommand.matches(cmd, "delete")) {
            String dev = rest.isEmpty() ? null : rest.getFirst().equals("dev") && rest.size() > 1 ? rest.get(1) : rest.getFirst();
            if (dev == null) {
                inv.err("Not enough information: \"dev\" argument is required.\n");
                return 255;
            }
            if (find(inv, dev).isEmpty()) {
                inv.err("Cannot find device \"" + dev + "\"\n");
                return 1;
            }
            return IpNetnsCommand.apply(inv, new Op.DeleteLink(inv.netns(), IfName.of(dev)));
        }
        if (IpCommand.matches(cmd, "show") || IpCommand.matches(cmd, "list") || IpCommand.matches(cmd, "lst")) {
            return show(inv, g, rest, false);
        }
        inv.err("Command \"" + cmd + "\" is unknown, try \"ip link help\".\n");
        return 255;
    }

    /** {@code ip link show} and, for {@code ip addr}, the same with addresses, with the words of {@link IpShowArgs}. */
    static int show(Invocation inv, IpCommand.Globals g, List<String> rest, boolean addresses) {
        if (g.json()) {
            inv.err("nslab script: ip -j " + (addresses ? "addr" : "link") + " is not rendered yet\n");
            return 2;
        }
        NamespaceState ns = inv.world().namespace(inv.netns());
        IpShowArgs args = IpShowArgs.parse(inv, rest, addresses, ns);
        if (args.error() != null) {
            inv.err(args.error());
            return args.status();
        }
        String dev = args.dev();
        String text = addresses ? IpLinkText.addr(inv.world().snapshot(), ns) : IpLinkText.link(inv.world().snapshot(), ns);
        if (dev != null) {
            var link = ns.links().stream().filter(l -> l.name().value().equals(dev)).findFirst();
            if (link.isEmpty()) {
                inv.err("Device \"" + dev + "\" does not exist.\n");
                return 1;
            }
            // Rendered whole and then cut, because a link's flags depend on its peer's state (M-DOWN).
            StringBuilder only = new StringBuilder();
            boolean keep = false;
            for (String line : text.split("(?<=\n)")) {
                if (!line.startsWith(" ")) {
                    keep = line.startsWith(link.get().index() + ": ");
                }
                if (keep) {
                    only.append(line);
                }
            }
            text = only.toString();
        }
        text = withQdiscs(inv, text);
        if (addresses) {
            text = IpAddrView.broadcasts(inv, text);
            text = IpAddrView.dadFlags(inv, text);
            text = IpAddrView.labels(inv, text);
        }
        if (args.upOnly()) {
            text = IpAddrView.upOnly(text);
        }
        java.util.Set<Integer> indexes = new java.util.HashSet<>();
        ns.links().stream().filter(args.chosen()).forEach(l -> indexes.add(l.index()));
        if (indexes.size() < ns.links().size()) {
            text = IpAddrView.linksOnly(text, indexes);
        }
        if (args.scope() != null) {
            text = IpAddrView.scoped(text, args.scope());
        }
        if (addresses && g.family() != null) {
            text = familyOnly(text, g.family() == io.nslab.model.Family.INET ? "    inet " : "    inet6 ");
            if (g.family() == io.nslab.model.Family.INET6 && dev == null) {
                text = IpAddrView.inet6Dump(text);
            }
        }
        if (args.label() != null) {
            text = IpAddrView.labelled(text, args.label());
        }
        inv.out(g.brief() ? IpBrief.of(text, addresses) : text);
        return 0;
    }

    /** The "qdisc" field of each link's line: the kind tc attached, where it attached one. */
    private static String withQdiscs(Invocation inv, String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\d+: ([^:@]+)(@[^:]+)?: .* qdisc (\\S+) ").matcher(line);
            if (m.find()) {
                String kind = TcCommand.linkQdisc(inv.world(), inv.netns(), m.group(1));
                if (kind == null && m.group(3).equals("noop") && inv.world().extras().hasBeenUp(inv.netns(), Integer.parseInt(m.group(0).substring(0, m.group(0).indexOf(':'))))) {
                    kind = "noqueue";
                }
                if (kind != null) {
                    line = line.substring(0, m.start(3)) + kind + line.substring(m.end(3));
                }
            }
            out.append(line);
        }
        return out.toString();
    }

    /**
     * {@code ip -4 addr}: only links with an address of the family, each address with its lifetime line, and no
     * link/ether line, whose link-netns then ends the header line, as ipaddress.c prints it.
     */
    static String familyOnly(String text, String prefix) {
        StringBuilder out = new StringBuilder();
        for (String block : text.split("(?m)^(?=\\d+: )")) {
            if (block.isEmpty()) {
                continue;
            }
            String[] lines = block.split("\n");
            StringBuilder addrs = new StringBuilder();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].startsWith(prefix) && i + 1 < lines.length) {
                    addrs.append(lines[i]).append('\n').append(lines[i + 1]).append('\n');
                }
            }
            if (addrs.isEmpty()) {
                continue;
            }
            String header = lines[0];
            int netns = lines.length > 1 ? lines[1].indexOf(" link-netns") : -1;
            if (netns >= 0) {
                header += lines[1].substring(netns);
            }
            out.append(header).append('\n').append(addrs);
        }
        return out.toString();
    }

    static Optional<IfName> find(Invocation inv, String dev) {
        return inv.world().hasLink(inv.netns(), dev) ? Optional.of(IfName.of(dev)) : Optional.empty();
    }

    private static int add(Invocation inv, List<String> a) {
        String name = null;
        NamespaceRef netns = inv.netns();
        OptionalInt mtu = OptionalInt.empty();
        Optional<MacAddress> mac = Optional.empty();
        int i = 0;
        for (; i < a.size(); i++) {
            String w = a.get(i);
            if (w.equals("type")) {
                break;
            } else if ((IpCommand.matches(w, "address") || IpCommand.matches(w, "broadcast") || w.equals("brd"))
                    && i + 1 < a.size()) {
                // iplink_parse takes "a" for address and "b" for broadcast: "ip link add a type veth" fails.
                String v = a.get(++i);
                try {
                    Optional<MacAddress> m = Optional.of(MacAddress.parse(v));
                    if (IpCommand.matches(w, "address")) {
                        mac = m;
                    }
                } catch (RuntimeException e) {
                    inv.err("\"" + v + "\" is invalid lladdr.\n");
                    return 1;
                }
            } else if (w.equals("mtu") && i + 1 < a.size()) {
                mtu = OptionalInt.of(Integer.parseInt(a.get(++i)));
            } else if (w.equals("netns") && i + 1 < a.size()) {
                String peerName = a.get(++i);
                if (!inv.world().exists(peerName)) {
                    inv.err("Error: argument \"" + peerName + "\" is wrong: Invalid \"netns\" value\n\n");
                    return 255;
                }
                netns = NamespaceRef.named(peerName);
            } else if (w.equals("name") && i + 1 < a.size()) {
                name = a.get(++i);
            } else if (w.equals("link") && i + 1 < a.size()) {
                // the lower device of a vlan, macvlan or ipvlan: iproute2 looks it up before asking the kernel
                String lower = a.get(++i);
                if (find(inv, lower).isEmpty()) {
                    inv.err("Cannot find device \"" + lower + "\"\n");
                    return 1;
                }
            } else if (name == null) {
                name = w.equals("dev") && i + 1 < a.size() ? a.get(++i) : w;
            } else {
                inv.err("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.\n");
                return 255;
            }
        }
        if (i + 1 >= a.size()) {
            inv.err("Not enough information: \"type\" argument is required\n");
            return 255;
        }
        String type = a.get(i + 1);
        List<String> targs = a.subList(i + 2, a.size());
        if (!type.equals("veth") && !type.equals("bridge")) {
            if (!inv.context().profile().hasLink(type)) {
                inv.err("Error: Unknown device type.\n"); // the kernel's answer for a kind it was built without
                return 2;
            }
            inv.err("nslab script: ip link add type " + type + " is not simulated (veth and bridge are)\n");
            return 2;
        }
        if (name == null && type.equals("bridge")) {
            inv.err("nslab script: ip link add without a name is not simulated\n");
            return 2;
        }
        Op op;
        if (type.equals("bridge")) {
            for (int j = 0; j < targs.size(); j += 2) {
                String v = j + 1 < targs.size() ? targs.get(j + 1) : null;
                if (targs.get(j).equals("vlan_filtering") && v != null && (v.equals("0") || v.equals("1"))) {
                    if (v.equals("1") && !inv.context().profile().bridgeVlanFiltering()) {
                        inv.err("RTNETLINK answers: Operation not supported\n");
                        return 2;
                    }
                    if (v.equals("1")) {
                        inv.err("nslab script: a bridge that filters VLANs is not simulated\n");
                        return 2;
                    }
                } else {
                    inv.err("nslab script: bridge option " + targs.get(j) + " is not simulated\n");
                    return 2;
                }
            }
            op = new Op.AddBridge(netns, IfName.of(name), mtu, mac);
        } else if (type.equals("veth")) {
            String peer = null;
            NamespaceRef peerNetns = netns;
            OptionalInt peerMtu = OptionalInt.empty();
            Optional<MacAddress> peerMac = Optional.empty();
            List<String> p = new ArrayList<>(targs);
            if (!p.isEmpty() && p.getFirst().equals("peer")) {
                p.removeFirst();
            } else if (!p.isEmpty()) {
                inv.err("nslab script: veth options other than 'peer' are not simulated\n");
                return 2;
            }
            for (int j = 0; j < p.size(); j++) {
                String w = p.get(j);
                if (w.equals("name") && j + 1 < p.size()) {
                    peer = p.get(++j);
                } else if (w.equals("netns") && j + 1 < p.size()) {
                    String peerName = p.get(++j);
                    if (!inv.world().exists(peerName)) {
                        inv.err("Error: argument \"" + peerName + "\" is wrong: Invalid \"netns\" value\n\n");
                        return 255;
                    }
                    peerNetns = NamespaceRef.named(peerName);
                } else if (IpCommand.matches(w, "address") && j + 1 < p.size()) {
                    peerMac = Optional.of(MacAddress.parse(p.get(++j)));
                } else if (w.equals("mtu") && j + 1 < p.size()) {
                    peerMtu = OptionalInt.of(Integer.parseInt(p.get(++j)));
                } else if (peer == null) {
                    peer = w;
                } else {
                    inv.err("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.\n");
                    return 255;
                }
            }
            // unnamed ends get the kernel's "veth%d", the lowest number free; the peer is registered, and named, first
            if (peer == null) {
                peer = freeVethName(inv, peerNetns, null);
            }
            if (name == null) {
                name = freeVethName(inv, netns, netns.equals(peerNetns) ? peer : null);
            }
            op = new Op.AddVeth(netns, IfName.of(name), peerNetns, IfName.of(peer), mtu, mac, peerMtu, peerMac);
        } else {
            inv.err("nslab script: ip link add type " + type + " is not simulated (veth and bridge are)\n");
            return 2;
        }
        return IpNetnsCommand.apply(inv, op);
    }

    /**
     * {@code ip link set BR type bridge stp_state N | vlan_filtering N}: STP is kept for brctl show; a kernel built
     * without bridge VLAN filtering refuses vlan_filtering, 0 or 1, and one with it is not simulated.
     */
    private static int bridgeOptions(Invocation inv, String dev, List<String> opts) {
        int index = inv.world().indexOf(inv.netns(), dev);
        for (int j = 0; j < opts.size(); j += 2) {
            String v = j + 1 < opts.size() ? opts.get(j + 1) : null;
            if (opts.get(j).equals("vlan_filtering") && v != null) {
                inv.err(inv.context().profile().bridgeVlanFiltering() ? "nslab script: a bridge that filters VLANs is not simulated\n"
                        : "RTNETLINK answers: Operation not supported\n");
                return 2;
            } else if (opts.get(j).equals("stp_state") && (("0".equals(v) || "1".equals(v)))) {
                inv.world().extras().setStp(inv.netns(), index, v.equals("1"));
            } else {
                inv.err("nslab script: bridge option " + opts.get(j) + " is not simulated (stp_state and vlan_filtering are)\n");
                return 2;
            }
        }
        return 0;
    }

    /** dev_alloc_name("veth%d"): the lowest N for which no link of {@code netns} (nor {@code taken}) is named vethN. */
    private static String freeVethName(Invocation inv, NamespaceRef netns, String taken) {
        for (int n = 0; ; n++) {
            String candidate = "veth" + n;
            if (!candidate.equals(taken) && !inv.world().hasLink(netns, candidate)) {
                return candidate;
            }
        }
    }

    private static int set(Invocation inv, List<String> a) {
        String dev = null;
        List<Op> ops = new ArrayList<>();
        NamespaceRef netns = inv.netns();
        List<String[]> changes = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            String v = i + 1 < a.size() ? a.get(i + 1) : null;
            switch (w) {
                case "up", "down", "nomaster" -> changes.add(new String[] {w});
                case "netns", "master", "name", "mtu", "address" -> {
                    if (v == null) {
                        return IpCommand.incomplete(inv);
                    }
                    changes.add(new String[] {w, v});
                    i++;
                }
                case "dev" -> {
                    if (v == null) {
                        return IpCommand.incomplete(inv);
                    }
                    dev = v;
                    i++;
                }
                case "type" -> {
                    if (!"bridge".equals(v) || dev == null || find(inv, dev).isEmpty()) {
                        inv.err("nslab script: ip link set ... type " + v + " is not simulated (type bridge of a bridge is)\n");
                        return 2;
                    }
                    return bridgeOptions(inv, dev, a.subList(i + 2, a.size()));
                }
                default -> {
                    if (dev != null) {
                        inv.err("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.\n");
                        return 255;
                    }
                    dev = w;
                }
            }
        }
        if (dev == null) {
            inv.err("Not enough of information: \"dev\" argument is required.\n");
            return 255;
        }
        if (find(inv, dev).isEmpty()) {
            inv.err("Cannot find device \"" + dev + "\"\n");
            return 1;
        }
        IfName name = IfName.of(dev);
        // iproute2 sends one request; the kernel applies the netns move after the other attributes.
        NamespaceRef moveTo = null;
        for (String[] c : changes) {
            switch (c[0]) {
                case "up" -> ops.add(new Op.SetLinkState(netns, name, true));
                case "down" -> ops.add(new Op.SetLinkState(netns, name, false));
                case "nomaster" -> ops.add(new Op.SetMaster(netns, name, Optional.empty()));
                case "master" -> {
                    if (find(inv, c[1]).isEmpty()) {
                        inv.err("Device does not exist\n");
                        return 1;
                    }
                    ops.add(new Op.SetMaster(netns, name, Optional.of(IfName.of(c[1]))));
                }
                case "name" -> {
                    ops.add(new Op.RenameLink(netns, name, IfName.of(c[1])));
                    name = IfName.of(c[1]);
                }
                case "mtu" -> ops.add(new Op.SetMtu(netns, name, Integer.parseInt(c[1])));
                case "address" -> ops.add(new Op.SetMac(netns, name, MacAddress.parse(c[1])));
                case "netns" -> {
                    if (!inv.world().exists(c[1])) {
                        inv.err("Error: argument \"" + c[1] + "\" is wrong: Invalid \"netns\" value\n\n");
                        return 255;
                    }
                    moveTo = NamespaceRef.named(c[1]);
                }
                default -> throw new IllegalStateException(c[0]);
            }
        }
        if (moveTo != null) {
            ops.add(new Op.MoveLink(netns, name, moveTo));
        }
        for (Op op : ops) {
            try {
                inv.world().apply(op);
            } catch (OpException e) {
                inv.err(e.kernelMessage() + "\n");
                return Tools.ipStatus(e);
            }
        }
        return 0;
    }
}
