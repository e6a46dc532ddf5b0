package io.nslab.script;

import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.OperState;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code ifconfig -s [-a] [DEV]}: net-tools' short listing, a line per device in name order (net-tools sorts its
 * list), with the flags as letters in its order (B broadcast, L loopback, M multicast, R running, U up; a
 * bridge port's promiscuity is the kernel's own, not asked for, and SIOCGIFFLAGS leaves it out). The packet counters are not modelled: shown as zero, masked by a comparison.
 */
final class IfconfigShort {
    private static final String HEADER = "Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n";

    private IfconfigShort() {
    }

    static int run(Invocation inv, List<String> args) {
        boolean all = false;
        String dev = null;
        for (String w : args) {
            switch (w) {
                case "-s" -> {
                }
                case "-a" -> all = true;
                default -> {
                    if (w.startsWith("-") || dev != null) {
                        inv.err("nslab script: ifconfig " + String.join(" ", args) + " is not simulated (-s, -a and one device are)\n");
                        return 2;
                    }
                    dev = w;
                }
            }
        }
        NamespaceState ns = inv.world().namespace(inv.netns());
        if (dev != null) {
            String name = dev;
            Optional<LinkState> l = ns.links().stream().filter(x -> x.name().value().equals(name)).findFirst();
            if (l.isEmpty()) {
                inv.err(dev + ": error fetching interface information: Device not found\n");
                return 1;
            }
            inv.out(HEADER + line(l.get()));
            return 0;
        }
        StringBuilder out = new StringBuilder(HEADER);
        boolean showAll = all;
        ns.links().stream().filter(l -> showAll || l.adminUp()).sorted(Comparator.comparing(l -> l.name().value()))
                .forEach(l -> out.append(line(l)));
        inv.out(out.toString());
        return 0;
    }

    private static String line(LinkState l) {
        boolean loopback = l.kind() == LinkKind.LOOPBACK;
        boolean running = l.adminUp() && (l.operState() == OperState.UP || l.operState() == OperState.UNKNOWN);
        String flags = (loopback ? "" : "B") + (loopback ? "L" : "") + (loopback ? "" : "M")
                + (running ? "R" : "") + (l.adminUp() ? "U" : "");
        return "%-15.15s %5d %8d %6d %6d %-6d %8d %6d %6d %6d %s\n".formatted(l.name().value(), l.mtu(), 0, 0, 0, 0, 0, 0, 0, 0, flags);
    }
}
