package io.nslab.script;

import io.nslab.model.Family;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.MacAddress;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.sim.NeighbourTable;

import java.util.List;
import java.util.Optional;

/**
 * {@code ip neigh}: the neighbour cache as iproute2 prints it (what ARP learned, REACHABLE, or INCOMPLETE while
 * unanswered; the permanent entries), and the permanent entries it adds ({@code add}, {@code replace},
 * {@code change}; iproute2 adds with {@code nud permanent} unless told otherwise), deletes and flushes. The kernel
 * lists entries in its hash table's order, which no script controls; the simulator lists each device's permanent
 * entries, then the learned ones. Entries in other states (reachable, stale, noarp added by hand) are not simulated.
 */
final class IpNeighCommand {
    private static final String REQUIRED = "Device and destination are required arguments.\n";

    private IpNeighCommand() {
    }

    static int run(Invocation inv, IpCommand.Globals g) {
        List<String> a = inv.argv();
        String cmd = a.isEmpty() ? "show" : a.getFirst();
        List<String> rest = a.subList(Math.min(1, a.size()), a.size());
        if (g.json()) {
            inv.err("nslab script: ip -json neigh is not simulated\n");
            return 2;
        }
        if (IpCommand.matches(cmd, "add") || IpCommand.matches(cmd, "change") || IpCommand.matches(cmd, "chg")
                || IpCommand.matches(cmd, "replace")) {
            return add(inv, cmd, rest);
        }
        if (IpCommand.matches(cmd, "delete")) {
            return delete(inv, rest);
        }
        if (IpCommand.matches(cmd, "show") || IpCommand.matches(cmd, "list") || cmd.equals("lst")) {
            return showOrFlush(inv, g, rest, false);
        }
        if (IpCommand.matches(cmd, "flush")) {
            if (rest.isEmpty()) {
                inv.err("Flush requires arguments.\n");
                return 1;
            }
            return showOrFlush(inv, g, rest, true);
        }
        inv.err("Command \"" + cmd + "\" is unknown, try \"ip neigh help\".\n");
        return 255;
    }

    /** The words of add, change, replace and delete: the address, lladdr, nud, dev. */
    private record Request(IpAddress address, Optional<MacAddress> mac, String nud, String dev) {
    }

    /** The request, or null after printing iproute2's complaint (its status in {@code status[0]}). */
    private static Request request(Invocation inv, List<String> args, int[] status) {
        IpAddress address = null;
        MacAddress mac = null;
        String nud = "permanent";
        String dev = null;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            if ((w.equals("lladdr") || w.equals("nud") || w.equals("dev") || w.equals("to")) && next == null) {
                inv.err("Command line is not complete. Try option \"help\"\n");
                status[0] = 255;
                return null;
            }
            switch (w) {
                case "lladdr" -> {
                    try {
                        mac = MacAddress.parse(next);
                    } catch (IllegalArgumentException e) {
                        inv.err("\"" + next + "\" is invalid lladdr.\n");
                        status[0] = 1;
                        return null;
                    }
                    i++;
                }
                case "nud" -> {
                    if (!List.of("permanent", "reachable", "stale", "noarp", "none", "incomplete", "delay", "probe", "failed")
                            .contains(next)) {
                        inv.err("Error: argument \"" + next + "\" is wrong: nud state is bad\n");
                        status[0] = 255;
                        return null;
                    }
                    nud = next;
                    i++;
                }
                case "dev" -> dev = args.get(++i);
                default -> {
                    String text = w.equals("to") ? args.get(++i) : w;
                    try {
                        address = IpAddress.parse(text);
                    } catch (IllegalArgumentException e) {
                        inv.err("Error: any valid address is expected rather than \"" + text + "\".\n");
                        status[0] = 1;
                        return null;
                    }
                }
            }
        }
        if (address == null || dev == null) {
            inv.err(REQUIRED);
            status[0] = 255;
            return null;
        }
        if (!inv.world().hasLink(inv.netns(), dev)) {
            inv.err("Cannot find device \"" + dev + "\"\n");
            status[0] = 1;
            return null;
        }
        return new Request(address, Optional.ofNullable(mac), nud, dev);
    }

    private static int add(Invocation inv, String cmd, List<String> args) {
        int[] status = {0};
        Request r = request(inv, args, status);
        if (r == null) {
            return status[0];
        }
        if (!r.nud().equals("permanent")) {
            inv.err("nslab script: ip neigh " + cmd + " nud " + r.nud() + " is not simulated (nud permanent is)\n");
            return 2;
        }
        if (r.mac().isEmpty()) {
            inv.err("Error: No link layer address given.\n");
            return 2;
        }
        boolean exists = entry(inv, r.address(), r.dev()).isPresent();
        boolean adding = IpCommand.matches(cmd, "add");
        boolean changing = !adding && !IpCommand.matches(cmd, "replace");
        if (adding && exists) {
            inv.err("RTNETLINK answers: File exists\n");
            return 2;
        }
        if (changing && !exists) {
            inv.err("RTNETLINK answers: No such file or directory\n");
            return 2;
        }
        NeighbourTable.forget(inv.world().network(), inv.netns(), r.address(), Optional.of(IfName.of(r.dev())));
        try {
            inv.world().apply(new Op.AddNeighbour(inv.netns(), IfName.of(r.dev()), r.address(), r.mac().get()));
        } catch (OpException e) {
            inv.err(e.kernelMessage() + "\n");
            return 2;
        }
        return 0;
    }

    private static int delete(Invocation inv, List<String> args) {
        int[] status = {0};
        Request r = request(inv, args, status);
        if (r == null) {
            return status[0];
        }
        if (!NeighbourTable.forget(inv.world().network(), inv.netns(), r.address(), Optional.of(IfName.of(r.dev())))) {
            inv.err("RTNETLINK answers: No such file or directory\n");
            return 2;
        }
        return 0;
    }

    private static Optional<NeighbourTable.Entry> entry(Invocation inv, IpAddress address, String dev) {
        return NeighbourTable.entries(inv.world().network(), inv.netns()).stream()
                .filter(e -> e.address().equals(address) && e.dev().value().equals(dev)).findFirst();
    }

    /** {@code show} and {@code flush}: the same selectors (dev, a prefix, nud); flush leaves permanent entries unless told. */
    private static int showOrFlush(Invocation inv, IpCommand.Globals g, List<String> args, boolean flush) {
        String dev = null;
        IpPrefix to = null;
        String nud = null;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if ((w.equals("dev") || w.equals("nud") || w.equals("to")) && i + 1 >= args.size()) {
                inv.err("Command line is not complete. Try option \"help\"\n");
                return 255;
            }
            switch (w) {
                case "dev" -> dev = args.get(++i);
                case "nud" -> nud = args.get(++i);
                case "all" -> {
                }
                default -> {
                    String text = w.equals("to") ? args.get(++i) : w;
                    try {
                        to = IpPrefix.parse(text);
                    } catch (IllegalArgumentException e) {
                        inv.err("Error: any valid prefix is expected rather than \"" + text + "\".\n");
                        return 1;
                    }
                }
            }
        }
        if (dev != null && !inv.world().hasLink(inv.netns(), dev)) {
            inv.err("Cannot find device \"" + dev + "\"\n");
            return 1;
        }
        if (nud != null && !List.of("permanent", "reachable", "incomplete", "all").contains(nud)) {
            inv.err("nslab script: ip neigh " + (flush ? "flush" : "show") + " nud " + nud + " is not simulated "
                    + "(permanent, reachable, incomplete and all are)\n");
            return 2;
        }
        StringBuilder out = new StringBuilder();
        for (NeighbourTable.Entry e : NeighbourTable.entries(inv.world().network(), inv.netns())) {
            String state = e.permanent() ? "permanent" : e.mac().isPresent() ? "reachable" : "incomplete";
            boolean stateMatches = nud == null ? !flush || !e.permanent() : nud.equals("all") || nud.equals(state);
            if (!stateMatches || dev != null && !e.dev().value().equals(dev) || to != null && !to.contains(e.address())
                    || g.family() == Family.INET && !e.address().isV4() || g.family() == Family.INET6 && e.address().isV4()) {
                continue;
            }
            if (flush) {
                NeighbourTable.forget(inv.world().network(), inv.netns(), e.address(), Optional.of(e.dev()));
                continue;
            }
            out.append(e.address());
            if (dev == null) {
                out.append(" dev ").append(e.dev().value());
            }
            e.mac().ifPresent(m -> out.append(" lladdr ").append(m));
            out.append(' ').append(state.toUpperCase(java.util.Locale.ROOT)).append(" \n");
        }
        inv.out(out.toString());
        return 0;
    }
}
