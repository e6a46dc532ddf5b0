package io.nslab.script;

import io.nslab.render.IpLinkText;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;

import java.util.List;
import java.util.Optional;

/**
 * iproute2's {@code bridge link} (a bridge's ports with their STP state: forwarding while the bridge and the port
 * are up with a carrier, disabled otherwise, as a bridge without STP has them, and one whose STP was switched on
 * after its ports were forwarding keeps them; a port enabled under STP, which would listen and learn for 30
 * seconds first, is shown forwarding too) and {@code bridge vlan}, which a
 * kernel without bridge VLAN filtering refuses to change and shows empty. The forwarding database is not modelled.
 */
final class BridgeCommand {
    private BridgeCommand() {
    }

    static int run(Invocation inv) {
        List<String> a = inv.argv().subList(1, inv.argv().size());
        while (!a.isEmpty() && a.getFirst().startsWith("-")) {
            inv.err("nslab script: bridge " + a.getFirst() + " is not simulated\n");
            return 2;
        }
        String object = a.isEmpty() ? "help" : a.getFirst();
        List<String> rest = a.subList(Math.min(1, a.size()), a.size());
        if (IpCommand.matches(object, "link")) {
            return link(inv, rest);
        }
        if (IpCommand.matches(object, "vlan")) {
            return vlan(inv, rest);
        }
        if (IpCommand.matches(object, "fdb") || IpCommand.matches(object, "mdb")) {
            inv.err("nslab script: bridge " + object + " is not simulated (the bridge learns no addresses here)\n");
            return 2;
        }
        inv.err("Object \"" + object + "\" is unknown, try \"bridge help\".\n");
        return 255;
    }

    private static int vlan(Invocation inv, List<String> rest) {
        String cmd = rest.isEmpty() ? "show" : rest.getFirst();
        if (!inv.context().profile().bridgeVlanFiltering()) {
            if (IpCommand.matches(cmd, "show") || IpCommand.matches(cmd, "list")) {
                inv.out("port              vlan-id  \n");
                return 0;
            }
            if (IpCommand.matches(cmd, "add")) {
                inv.err("RTNETLINK answers: Operation not supported\n");
                return 255;
            }
            if (IpCommand.matches(cmd, "delete")) {
                return 0;
            }
        }
        inv.err("nslab script: bridge vlan " + cmd + " is not simulated\n");
        return 2;
    }

    private static int link(Invocation inv, List<String> rest) {
        String cmd = rest.isEmpty() ? "show" : rest.getFirst();
        if (!IpCommand.matches(cmd, "show") && !IpCommand.matches(cmd, "list")) {
            inv.err("nslab script: bridge link " + cmd + " is not simulated\n");
            return 2;
        }
        String dev = null;
        for (int i = 1; i < rest.size(); i++) {
            if (rest.get(i).equals("dev") && i + 1 < rest.size()) {
                dev = rest.get(++i);
            }
        }
        NamespaceState ns = inv.world().namespace(inv.netns());
        Optional<LinkState> only = Optional.empty();
        if (dev != null) {
            String name = dev;
            only = ns.links().stream().filter(l -> l.name().value().equals(name)).findFirst();
            if (only.isEmpty()) {
                inv.err("Cannot find device \"" + dev + "\"\n");
                return 255;
            }
        }
        String text = IpLinkText.link(inv.world().snapshot(), ns);
        StringBuilder out = new StringBuilder();
        for (LinkState l : ns.links()) {
            if (l.master().isEmpty() || only.isPresent() && only.get().index() != l.index()) {
                continue;
            }
            LinkState br = ns.links().stream().filter(b -> b.name().equals(l.master().get())).findFirst().orElseThrow();
            String header = text.lines().filter(s -> s.startsWith(l.index() + ": ")).findFirst().orElseThrow();
            String head = header.substring(0, header.indexOf(" qdisc ") >= 0 ? header.indexOf(" qdisc ") : header.indexOf(" state "));
            if (l.peer().isPresent() && !l.peer().get().netns().equals(inv.netns())) {
                // bridge(8) names a veth's peer by looking its index up here, whatever namespace the peer is in
                int peerIndex = inv.world().indexOf(l.peer().get().netns(), l.peer().get().name().value());
                String local = ns.links().stream().filter(x -> x.index() == peerIndex).map(x -> x.name().value()).findFirst()
                        .orElse("if" + peerIndex);
                head = head.replaceFirst("@[^:]+:", "@" + java.util.regex.Matcher.quoteReplacement(local) + ":");
            }
            boolean forwarding = br.adminUp() && l.adminUp() && l.carrier();
            out.append(head).append(" master ").append(br.name().value()).append(" state ").append(forwarding ? "forwarding" : "disabled")
                    .append(" priority 32 cost 2 \n");
        }
        inv.out(out.toString());
        return 0;
    }
}
