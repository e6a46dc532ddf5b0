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
        if (IpCommand.matches(cmd, "list") || IpCommand.matches(cmd, "show") || IpCommand.matches(cmd, "lst")) {
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
        if (IpCommand.matches(cmd, "identify")) {
            // the named namespace this process is bound to; nothing (an empty line) in the root namespace
            inv.out((inv.netns() instanceof NamespaceRef.Named n ? n.name() : "") + "\n");
            return 0;
        }
        if (IpCommand.matches(cmd, "delete")) {
            String name = inv.arg(1);
            if (g.all()) {
                for (NamespaceRef.Named n : inv.world().namedNamespaces().reversed()) {
                    int status = apply(inv, new Op.DeleteNamespace(n));
                    if (status != 0) {
                        return status;
                    }
                }
                return 0;
            }
            if (name == null) {
                inv.err("No netns name specified\n");
                return 1;
            }
            if (!inv.world().exists(name)) {
                inv.err("Cannot remove namespace file \"/run/netns/" + name + "\": No such file or directory\n");
                return 1;
            }
            return apply(inv, new Op.DeleteNamespace(NamespaceRef.named(name)));
        }
        if (cmd.equals("exec")) {
            return exec(inv, g);
        }
        inv.err("Command \"" + cmd + "\" is unknown, try \"ip netns help\".\n");
        return 255;
    }

    /**
     * {@code ip netns exec NAME CMD...}: a simulated tool runs here, bound to NAME; any other program is handed
     * back to the caller's shell, which runs it with the tools bound to NAME. {@code ip -all netns exec} runs it
     * in every namespace, newest first, each after a header line, and succeeds whatever the command does.
     */
    private static int exec(Invocation inv, IpCommand.Globals g) {
        List<String> a = inv.argv();
        if (g.all()) {
            if (a.size() < 2) {
                inv.err("No command specified\n");
                return 1;
            }
            List<String> names = inv.world().namedNamespaces().reversed().stream().map(NamespaceRef.Named::name).toList();
            inv.io().handOff(a.subList(1, a.size()), names, true);
            return Tools.HANDED_OFF;
        }
        String name = inv.arg(1);
        if (name == null) {
            inv.err("No netns name specified\n");
            return 1;
        }
        if (a.size() < 3) {
            inv.err("No command specified\n");
            return 1;
        }
        if (!inv.world().exists(name)) {
            inv.err("Cannot open network namespace \"" + name + "\": No such file or directory\n");
            return 255;
        }
        List<String> argv = a.subList(2, a.size());
        if (Tools.simulated(argv.getFirst())) {
            return Tools.run(inv.in(NamespaceRef.named(name), argv));
        }
        inv.io().handOff(argv, List.of(name), false);
        return Tools.HANDED_OFF;
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
