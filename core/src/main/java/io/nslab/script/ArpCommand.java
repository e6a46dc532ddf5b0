package io.nslab.script;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.MacAddress;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.sim.NeighbourTable;
import io.nslab.state.AddressState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * net-tools' {@code arp}: the IPv4 neighbour cache as the kernel keeps it here (what ARP learned when packets
 * went out, an answer or none, and the permanent entries), in the table of {@code arp -n} or the lines of
 * {@code arp -a}; {@code -s} adds a permanent entry on the device that reaches the address, {@code -d} removes one.
 * Names are never looked up: the sandbox has no resolver, so arp without -n prints addresses as -n would.
 */
final class ArpCommand {
    private ArpCommand() {
    }

    static int run(Invocation inv) {
        List<String> args = new ArrayList<>();
        boolean bsd = false;
        String iface = null;
        String action = null;
        List<String> a = inv.argv().subList(1, inv.argv().size());
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (w.equals("-i") || w.equals("--device")) {
                if (i + 1 >= a.size()) {
                    inv.err("arp: option requires an argument -- 'i'\n");
                    return 255;
                }
                iface = a.get(++i);
            } else if (w.startsWith("-") && w.length() > 1 && !w.startsWith("--")) {
                for (char c : w.substring(1).toCharArray()) {
                    switch (c) {
                        case 'n', 'v', 'e' -> {
                        }
                        case 'a' -> bsd = true;
                        case 's' -> action = "s";
                        case 'd' -> action = "d";
                        default -> {
                            inv.err("nslab script: arp -" + c + " is not simulated (-n, -a, -e, -i, -s and -d are)\n");
                            return 2;
                        }
                    }
                }
            } else {
                args.add(w);
            }
        }
        if ("s".equals(action)) {
            return set(inv, args, iface);
        }
        if ("d".equals(action)) {
            return delete(inv, args, iface);
        }
        return show(inv, args, iface, bsd);
    }

    private static int show(Invocation inv, List<String> args, String iface, boolean bsd) {
        IpAddress only = null;
        if (!args.isEmpty()) {
            only = AddressSyntax.inetAton(args.getFirst(), true).orElse(null);
            if (only == null) {
                inv.err(args.getFirst() + ": Unknown host\n");
                return 255;
            }
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (NeighbourTable.Entry e : NeighbourTable.entries(inv.world().network(), inv.netns())) {
            if (!e.address().isV4() || iface != null && !e.dev().value().equals(iface) || only != null && !only.equals(e.address())) {
                continue;
            }
            if (bsd) {
                out.append("? (").append(e.address()).append(") at ")
                        .append(e.mac().map(m -> m + " [ether]" + (e.permanent() ? " PERM" : "")).orElse("<incomplete>"))
                        .append(" on ").append(e.dev().value()).append('\n');
            } else {
                if (shown == 0) {
                    out.append("Address                  HWtype  HWaddress           Flags Mask            Iface\n");
                }
                String addr = e.address().toString();
                if (e.mac().isPresent()) {
                    out.append("%-23.23s  %-8.8s%-20.20s%-6.6s%-15.15s %s\n".formatted(addr, "ether", e.mac().get(),
                            e.permanent() ? "CM" : "C", "", e.dev().value()));
                } else {
                    out.append("%-23.23s  %-8.8s%-20.20s%-6.6s%-15.15s %s\n".formatted(addr, "", "(incomplete)", "", "", e.dev().value()));
                }
            }
            shown++;
        }
        if (shown == 0 && only != null) {
            out.append(only).append(" (").append(only).append(") -- no entry\n");
            inv.out(out.toString());
            return 1;
        }
        if (shown == 0 && iface != null) {
            out.append("arp: in 0 entries no match found.\n");
        }
        inv.out(out.toString());
        return 0;
    }

    private static int set(Invocation inv, List<String> args, String iface) {
        if (args.size() < 2) {
            inv.err("arp: need host name\n");
            return 255;
        }
        IpAddress ip = AddressSyntax.inetAton(args.get(0), true).orElse(null);
        if (ip == null) {
            inv.err(args.get(0) + ": Unknown host\n");
            return 255;
        }
        MacAddress mac;
        try {
            mac = MacAddress.parse(args.get(1));
        } catch (IllegalArgumentException e) {
            inv.err("arp: invalid hardware address\n");
            return 255;
        }
        Optional<String> dev = iface != null ? Optional.of(iface) : connected(inv, ip);
        if (dev.isEmpty()) {
            inv.err("SIOCSARP: Network is unreachable\n");
            return 255;
        }
        if (!inv.world().hasLink(inv.netns(), dev.get())) {
            inv.err("SIOCSARP: No such device\n");
            return 255;
        }
        NeighbourTable.forget(inv.world().network(), inv.netns(), ip, Optional.of(IfName.of(dev.get())));
        try {
            inv.world().apply(new Op.AddNeighbour(inv.netns(), IfName.of(dev.get()), ip, mac));
        } catch (OpException e) {
            inv.err("SIOCSARP: " + e.kernelMessage().replaceFirst("^RTNETLINK answers: ", "") + "\n");
            return 255;
        }
        return 0;
    }

    private static int delete(Invocation inv, List<String> args, String iface) {
        if (args.isEmpty()) {
            inv.err("arp: need host name\n");
            return 255;
        }
        IpAddress ip = AddressSyntax.inetAton(args.getFirst(), true).orElse(null);
        if (ip == null) {
            inv.err(args.getFirst() + ": Unknown host\n");
            return 255;
        }
        if (!NeighbourTable.forget(inv.world().network(), inv.netns(), ip, Optional.ofNullable(iface).map(IfName::of))) {
            inv.err("No ARP entry for " + ip + "\n");
            return 255;
        }
        return 0;
    }

    /** The device whose connected subnet holds the address: where the kernel's route lookup for SIOCSARP lands. */
    private static Optional<String> connected(Invocation inv, IpAddress ip) {
        return inv.world().namespace(inv.netns()).addresses().stream()
                .filter(s -> s.address().address().isV4() && s.address().length() > 0 && s.address().contains(ip))
                .map(AddressState::dev).map(IfName::value).findFirst();
    }
}
