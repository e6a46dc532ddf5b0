package io.nslab.script;

import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.op.OpException;

import java.util.List;

/** {@code ip netns list|add|delete|exec}. */
final class IpNetnsCommand {
    private IpNetnsCommand() {
    }

    static int run(Invocation inv, IpCommand.Globals g) {
        List<String> a = inv.argv();
        String cmd = a.isEmpty() ? "list" : a.getFirst();
        if (IpCommand.matches(cmd, "list") || IpCommand.matches(cmd, "show")) {
            for (String line : inv.world().listLines()) {
                inv.out(line + "\n");
            }
            return 0;
        }
        if (cmd.equals("add")) {
            String name = inv.arg(1);
            if (name == null) {
                return IpCommand.incomplete(inv);
            }
            if (NamespaceRef.Named.problem(name) != null) {
                inv.err("Invalid netns name \"" + name + "\"\n");
                return 255;
            }
            if (inv.world().exists(name)) {
                inv.err("Cannot create namespace file \"/run/netns/" + name + "\": File exists\n");
                return 1;
            }
            return apply(inv, new Op.AddNamespace(NamespaceRef.named(name)));
        }
        if (IpCommand.matches(cmd, "delete")) {
            String name = inv.arg(1);
            if (name == null) {
                return IpCommand.incomplete(inv);
            }
            if (!inv.world().exists(name)) {
                inv.err("Cannot remove namespace file \"/run/netns/" + name + "\": No such file or directory\n");
                return 1;
            }
            return apply(inv, new Op.DeleteNamespace(NamespaceRef.named(name)));
        }
        if (cmd.equals("exec")) {
            String name = inv.arg(1);
            if (name == null || a.size() < 3) {
                inv.err("No netns name specified\n");
                return 255;
            }
            if (!inv.world().exists(name)) {
                inv.err("Cannot open network namespace \"" + name + "\": No such file or directory\n");
                return 255;
            }
            List<String> argv = a.subList(2, a.size());
            if (!Parser.COMMANDS.contains(argv.getFirst()) || argv.getFirst().equals("set")) {
                inv.err("exec of \"" + argv.getFirst() + "\" failed: nslab script runs only "
                        + "ip, route, sysctl, ping, traceroute, echo, cat\n");
                return 255;
            }
            return Tools.run(inv.in(NamespaceRef.named(name), argv));
        }
        inv.err("Command \"" + cmd + "\" is unknown, try \"ip netns help\".\n");
        return 255;
    }

    static int apply(Invocation inv, Op op) {
        try {
            inv.world().apply(op);
            return 0;
        } catch (OpException e) {
            inv.err(e.kernelMessage() + "\n");
            return Tools.ipStatus(e);
        }
    }
}
