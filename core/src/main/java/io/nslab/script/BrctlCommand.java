package io.nslab.script;

import io.nslab.model.IfName;
import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * bridge-utils' {@code brctl addbr|delbr|addif|delif|show|stp}, with its messages and its exit status 1. The
 * bridge id shown is 8000 and the bridge's MAC while it has a port or a MAC set by hand, all zeros otherwise, as the
 * kernel keeps it.
 */
final class BrctlCommand {
    private static final String USAGE = """
            Usage: brctl [commands]
            commands:
            \taddbr     \t<bridge>\t\tadd bridge
            \tdelbr     \t<bridge>\t\tdelete bridge
            \taddif     \t<bridge> <device>\tadd interface to bridge
            \tdelif     \t<bridge> <device>\tdelete interface from bridge
            \thairpin   \t<bridge> <port> {on|off}\tturn hairpin on/off
            \tsetageing \t<bridge> <time>\t\tset ageing time
            \tsetbridgeprio\t<bridge> <prio>\t\tset bridge priority
            \tsetfd     \t<bridge> <time>\t\tset bridge forward delay
            \tsethello  \t<bridge> <time>\t\tset hello time
            \tsetmaxage \t<bridge> <time>\t\tset max message age
            \tsetpathcost\t<bridge> <port> <cost>\tset path cost
            \tsetportprio\t<bridge> <port> <prio>\tset port priority
            \tshow      \t[ <bridge> ]\t\tshow a list of bridges
            \tshowmacs  \t<bridge>\t\tshow a list of mac addrs
            \tshowstp   \t<bridge>\t\tshow bridge stp info
            \tstp       \t<bridge> {on|off}\tturn stp on/off
            """;

    private BrctlCommand() {
    }

    static int run(Invocation inv) {
        List<String> a = inv.argv().subList(1, inv.argv().size());
        if (a.isEmpty()) {
            inv.out(USAGE);
            return 1;
        }
        String cmd = a.getFirst();
        List<String> args = a.subList(1, a.size());
        return switch (cmd) {
            case "addbr" -> args.size() != 1 ? arguments(inv, "addbr <bridge>\t\tadd bridge") : addbr(inv, args.getFirst());
            case "delbr" -> args.size() != 1 ? arguments(inv, "delbr <bridge>\t\tdelete bridge") : delbr(inv, args.getFirst());
            case "addif" -> args.size() < 2 ? arguments(inv, "addif <bridge> <device>\tadd interface to bridge") : addif(inv, args);
            case "delif" -> args.size() < 2 ? arguments(inv, "delif <bridge> <device>\tdelete interface from bridge") : delif(inv, args);
            case "stp" -> args.size() != 2 ? arguments(inv, "stp <bridge> {on|off}\tturn stp on/off") : stp(inv, args);
            case "show" -> show(inv, args);
            case "hairpin", "setageing", "setbridgeprio", "setfd", "sethello", "setmaxage", "setpathcost", "setportprio", "showmacs",
                 "showstp" -> {
                inv.err("nslab script: brctl " + cmd + " is not simulated (addbr, delbr, addif, delif, show and stp are)\n");
                yield 2;
            }
            default -> {
                inv.out("never heard of command [" + cmd + "]\n" + USAGE);
                yield 1;
            }
        };
    }

    private static int arguments(Invocation inv, String usage) {
        inv.out("Incorrect number of arguments for command\nUsage: brctl " + usage + "\n");
        return 1;
    }

    private static Optional<LinkState> link(Invocation inv, String name) {
        return inv.world().namespace(inv.netns()).links().stream().filter(l -> l.name().value().equals(name)).findFirst();
    }

    private static boolean isBridge(Optional<LinkState> l) {
        return l.isPresent() && l.get().kind() == LinkKind.BRIDGE;
    }

    private static int addbr(Invocation inv, String name) {
        if (inv.world().hasLink(inv.netns(), name)) {
            inv.err("device " + name + " already exists; can't create bridge with the same name\n");
            return 1;
        }
        if (IfName.problem(name) != null) {
            inv.err("add bridge failed: Invalid argument\n");
            return 1;
        }
        return status(inv, new Op.AddBridge(inv.netns(), IfName.of(name), java.util.OptionalInt.empty(), Optional.empty()), "add bridge failed");
    }

    private static int delbr(Invocation inv, String name) {
        Optional<LinkState> l = link(inv, name);
        if (l.isEmpty()) {
            inv.err("bridge " + name + " doesn't exist; can't delete it\n");
            return 1;
        }
        if (l.get().kind() != LinkKind.BRIDGE) {
            inv.err("can't delete bridge " + name + ": Operation not permitted\n");
            return 1;
        }
        if (l.get().adminUp()) {
            inv.err("bridge " + name + " is still up; can't delete it\n");
            return 1;
        }
        return status(inv, new Op.DeleteLink(inv.netns(), IfName.of(name)), "can't delete bridge " + name);
    }

    private static int addif(Invocation inv, List<String> args) {
        String bridge = args.getFirst();
        Optional<LinkState> br = link(inv, bridge);
        if (br.isEmpty()) {
            inv.err("bridge " + bridge + " does not exist!\n");
            return 1;
        }
        int status = 0;
        for (String dev : args.subList(1, args.size())) {
            Optional<LinkState> port = link(inv, dev);
            if (port.isEmpty()) {
                inv.err("interface " + dev + " does not exist!\n");
                status = 1;
            } else if (br.get().kind() != LinkKind.BRIDGE) {
                inv.err("can't add " + dev + " to bridge " + bridge + ": Operation not supported\n");
                status = 1;
            } else if (port.get().master().isPresent()) {
                inv.err("device " + dev + " is already a member of a bridge; can't add it to bridge " + bridge + ".\n");
                status = 1;
            } else if (port.get().kind() == LinkKind.LOOPBACK || port.get().kind() == LinkKind.BRIDGE && dev.equals(bridge)) {
                inv.err("can't add " + dev + " to bridge " + bridge + ": " + (dev.equals(bridge) ? "Too many levels of symbolic links"
                        : "Invalid argument") + "\n");
                status = 1;
            } else {
                status |= status(inv, new Op.SetMaster(inv.netns(), IfName.of(dev), Optional.of(IfName.of(bridge))),
                        "can't add " + dev + " to bridge " + bridge);
            }
        }
        return status;
    }

    private static int delif(Invocation inv, List<String> args) {
        String bridge = args.getFirst();
        if (!isBridge(link(inv, bridge))) {
            inv.err("bridge " + bridge + " does not exist!\n");
            return 1;
        }
        int status = 0;
        for (String dev : args.subList(1, args.size())) {
            Optional<LinkState> port = link(inv, dev);
            if (port.isEmpty()) {
                inv.err("interface " + dev + " does not exist!\n");
                status = 1;
            } else if (port.get().master().map(m -> !m.value().equals(bridge)).orElse(true)) {
                inv.err("device " + dev + " is not a port of " + bridge + "\n");
                status = 1;
            } else {
                status |= status(inv, new Op.SetMaster(inv.netns(), IfName.of(dev), Optional.empty()),
                        "can't delete " + dev + " from " + bridge);
            }
        }
        return status;
    }

    private static int stp(Invocation inv, List<String> args) {
        String v = args.get(1);
        boolean on;
        if (v.equals("on") || v.equals("yes") || v.equals("1")) {
            on = true;
        } else if (v.equals("off") || v.equals("no") || v.equals("0")) {
            on = false;
        } else {
            inv.err("expect on/off for argument\n");
            return 1;
        }
        Optional<LinkState> br = link(inv, args.getFirst());
        if (!isBridge(br)) {
            inv.err("set stp status failed: " + (br.isEmpty() ? "No such device" : "Operation not supported") + "\n");
            return 1;
        }
        inv.world().extras().setStp(inv.netns(), br.get().index(), on);
        return 0;
    }

    private static int show(Invocation inv, List<String> args) {
        List<LinkState> links = inv.world().namespace(inv.netns()).links();
        StringBuilder out = new StringBuilder();
        int status = 0;
        List<LinkState> bridges;
        if (args.isEmpty()) {
            bridges = links.stream().filter(l -> l.kind() == LinkKind.BRIDGE).sorted(Comparator.comparing(l -> l.name().value())).toList();
        } else {
            bridges = new java.util.ArrayList<>();
            for (String name : args) {
                Optional<LinkState> br = links.stream().filter(l -> l.name().value().equals(name) && l.kind() == LinkKind.BRIDGE).findFirst();
                if (br.isEmpty()) {
                    inv.err("bridge " + name + " does not exist!\n");
                    status = 1;
                } else {
                    bridges.add(br.get());
                }
            }
        }
        if (!bridges.isEmpty()) {
            out.append("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"); // brctl prints it with the first bridge
        }
        for (LinkState br : bridges) {
            List<String> ports = links.stream().filter(l -> l.master().map(m -> m.equals(br.name())).orElse(false))
                    .map(l -> l.name().value()).sorted().toList();
            String id = ports.isEmpty() && !inv.world().extras().hasMacSet(inv.netns(), br.index()) ? "000000000000" : br.mac().toString().replace(":", "");
            out.append(br.name().value()).append("\t\t8000.").append(id).append('\t')
                    .append(inv.world().extras().stp(inv.netns(), br.index()) ? "yes" : "no").append("\t\t");
            out.append(ports.isEmpty() ? "" : ports.getFirst()).append('\n');
            for (String p : ports.subList(Math.min(1, ports.size()), ports.size())) {
                out.append("\t\t\t\t\t\t\t").append(p).append('\n');
            }
        }
        inv.out(out.toString());
        return status;
    }

    private static int status(Invocation inv, Op op, String what) {
        try {
            inv.world().apply(op);
            return 0;
        } catch (io.nslab.op.OpException e) {
            String m = e.kernelMessage().replaceFirst("^RTNETLINK answers: ", "").replaceFirst("^Error: ", "");
            inv.err(what + ": " + m + "\n");
            return 1;
        }
    }
}
