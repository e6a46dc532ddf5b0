package io.nslab.script;

import io.nslab.model.NamespaceRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * iproute2's {@code tc qdisc add|replace|change|del|show} for tbf, pfifo, bfifo, htb and ingress, with tc's own
 * arithmetic for what it prints (rates and sizes in its units, tbf's burst through the kernel's clock ticks, its
 * latency from the limit); a qdisc kind the kernel profile lacks is refused as the kernel refuses it. Classes and
 * filters are accepted and kept nowhere: nothing is shaped.
 */
final class TcCommand {
    private TcCommand() {
    }

    static int run(Invocation inv) {
        List<String> a = new ArrayList<>(inv.argv().subList(1, inv.argv().size()));
        while (!a.isEmpty() && a.getFirst().startsWith("-")) {
            inv.err("nslab script: tc " + a.getFirst() + " is not simulated\n");
            return 2;
        }
        if (a.isEmpty()) {
            inv.err("Usage: tc [ OPTIONS ] OBJECT { COMMAND | help }\n");
            return 255;
        }
        String object = a.removeFirst();
        if (IpCommand.matches(object, "class") || IpCommand.matches(object, "filter")) {
            String cmd = a.isEmpty() ? "show" : a.getFirst();
            if (IpCommand.matches(cmd, "show") || IpCommand.matches(cmd, "list") || IpCommand.matches(cmd, "ls")) {
                inv.err("nslab script: tc " + object + " show is not simulated (classes and filters shape nothing here)\n");
                return 2;
            }
            return 0;
        }
        if (!IpCommand.matches(object, "qdisc")) {
            inv.err("nslab script: tc " + object + " is not simulated\n");
            return 2;
        }
        String cmd = a.isEmpty() ? "show" : a.removeFirst();
        Map<String, String> where = new LinkedHashMap<>();
        String kind = null;
        List<String> params = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (kind != null) {
                params.add(w);
            } else if (w.equals("dev") || w.equals("handle") || w.equals("parent")) {
                if (i + 1 >= a.size()) {
                    inv.err("Command line is not complete. Try option \"help\"\n");
                    return 255;
                }
                where.put(w, a.get(++i));
            } else if (w.equals("root") || w.equals("ingress") || w.equals("clsact")) {
                where.put("parent", w);
                if (!w.equals("root")) {
                    kind = w;
                }
            } else {
                kind = w;
            }
        }
        NamespaceRef ns = inv.netns();
        String dev = where.get("dev");
        Map<String, Integer> links = new LinkedHashMap<>();
        inv.world().network().links(ns).forEach((n, idx) -> links.put(n.value(), idx));
        Qdiscs qdiscs = inv.world().qdiscs();
        qdiscs.prune(ns, links);
        if (dev != null && !links.containsKey(dev)) {
            inv.err("Cannot find device \"" + dev + "\"\n");
            return 1;
        }
        if (IpCommand.matches(cmd, "show") || IpCommand.matches(cmd, "list") || IpCommand.matches(cmd, "ls")) {
            for (var e : links.entrySet()) {
                if (shownInDump(inv, ns, e.getKey()) && (dev == null || e.getKey().equals(dev))) {
                    inv.out(line(inv, ns, e.getKey(), dev == null));
                }
            }
            return 0;
        }
        if (dev == null) {
            inv.err("Cannot find device \"(null)\"\n");
            return 1;
        }
        boolean ingressSide = "ingress".equals(where.get("parent")) || "clsact".equals(where.get("parent"));
        if (!ingressSide && where.containsKey("parent") && !where.get("parent").equals("root")) {
            inv.err("nslab script: a qdisc below another (parent " + where.get("parent") + ") is not simulated\n");
            return 2;
        }
        Qdiscs.Qdisc existing = ingressSide ? qdiscs.ingress(ns, dev) : qdiscs.root(ns, dev);
        if (IpCommand.matches(cmd, "delete")) {
            if (existing == null) {
                inv.err(ingressSide ? "Error: Cannot find specified qdisc on specified device.\n"
                        : "Error: Cannot delete qdisc with handle of zero.\n");
                return 2;
            }
            qdiscs.remove(ns, dev, ingressSide);
            return 0;
        }
        boolean add = cmd.equals("add");
        boolean replace = IpCommand.matches(cmd, "replace");
        boolean change = IpCommand.matches(cmd, "change");
        if (!add && !replace && !change) {
            inv.err("Command \"" + cmd + "\" is unknown, try \"tc qdisc help\".\n");
            return 255;
        }
        if (kind == null) {
            inv.err("nslab script: tc qdisc " + cmd + " without a qdisc kind is not simulated\n");
            return 2;
        }
        if (!inv.context().profile().hasQdisc(kind.equals("clsact") ? "ingress" : kind)) {
            inv.err("Error: Specified qdisc kind is unknown.\n");
            return 2;
        }
        if (add && existing != null) {
            inv.err("Error: Exclusivity flag on, cannot modify.\n");
            return 2;
        }
        if (change && existing == null) {
            inv.err("Error: Specified qdisc not found.\n");
            return 2;
        }
        if (change && !existing.kind().equals(kind)) {
            inv.err("Error: Invalid qdisc name.\n");
            return 2;
        }
        String rendered;
        try {
            rendered = TcParams.render(kind, params, inv.world().network().links(ns).isEmpty() ? 1000 : 1000);
        } catch (TcParams.Refused e) {
            inv.err(e.getMessage());
            return 1;
        }
        if (rendered == null) {
            inv.err("nslab script: tc qdisc " + kind + " is not simulated (tbf, pfifo, bfifo, htb and ingress are)\n");
            return 2;
        }
        int handle;
        if (ingressSide) {
            handle = 0xffff;
        } else if (where.containsKey("handle")) {
            handle = Integer.parseInt(where.get("handle").replaceFirst(":.*", ""), 16);
        } else if (existing != null) {
            handle = existing.handle();
        } else {
            handle = qdiscs.autoHandle();
        }
        qdiscs.put(ns, dev, new Qdiscs.Qdisc(kind, handle, rendered, ingressSide, links.get(dev)));
        return 0;
    }

    /**
     * What tc shows of a device: a qdisc attached, or the default one the device got with its first up (noqueue); the
     * noop of a device never up is the kernel's built-in, which tc leaves out.
     */
    private static boolean shownInDump(Invocation inv, NamespaceRef ns, String dev) {
        Qdiscs q = inv.world().qdiscs();
        return q.root(ns, dev) != null || q.ingress(ns, dev) != null || inv.world().isUp(ns, dev)
                || inv.world().extras().hasBeenUp(ns, inv.world().indexOf(ns, dev));
    }

    private static String line(Invocation inv, NamespaceRef ns, String dev, boolean named) {
        Qdiscs q = inv.world().qdiscs();
        String on = named ? "dev " + dev + " " : "";
        int refcnt = dev.equals("lo") ? 2 : 3;
        StringBuilder sb = new StringBuilder();
        Qdiscs.Qdisc root = q.root(ns, dev);
        if (root == null) {
            // a device's default qdisc comes with its first up; before that it has noop
            sb.append("qdisc noqueue 0: ").append(on).append("root refcnt 2 \n");
        } else {
            sb.append("qdisc ").append(root.kind()).append(' ').append(Integer.toHexString(root.handle())).append(": ").append(on)
                    .append("root refcnt ").append(refcnt).append(' ').append(root.params()).append('\n');
        }
        Qdiscs.Qdisc in = q.ingress(ns, dev);
        if (in != null) {
            sb.append("qdisc ").append(in.kind()).append(" ffff: ").append(on).append("parent ffff:fff1 ").append(in.params()).append('\n');
        }
        return sb.toString();
    }

    /** The kind {@code ip link} shows in its "qdisc" field, when tc attached one. */
    static String linkQdisc(ScriptWorld world, NamespaceRef ns, String dev) {
        Qdiscs.Qdisc root = world.qdiscs().root(ns, dev);
        Integer index = world.network().links(ns).entrySet().stream().filter(e -> e.getKey().value().equals(dev))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        return root != null && index != null && index == root.ifindex() ? root.kind().toLowerCase(Locale.ROOT) : null;
    }
}
