package io.nslab.cli;

import io.nslab.op.Op;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** {@code 27 changes (3 namespaces, 2 veth pairs, 4 addresses, 2 routes, 1 sysctl)}. */
final class OpSummary {
    private OpSummary() {
    }

    static String of(List<Op> ops) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Op op : ops) {
            String what = switch (op) {
                case Op.AddNamespace ignored -> "namespace+";
                case Op.DeleteNamespace ignored -> "namespace-";
                case Op.AddVeth ignored -> "veth pair+";
                case Op.AddBridge ignored -> "bridge+";
                case Op.DeleteLink ignored -> "link-";
                case Op.AddAddress ignored -> "address+";
                case Op.DeleteAddress ignored -> "address-";
                case Op.AddRoute ignored -> "route+";
                case Op.ReplaceRoute ignored -> "route+";
                case Op.DeleteRoute ignored -> "route-";
                case Op.SetSysctl ignored -> "sysctl";
                case Op.SetLinkState ignored -> "link state";
                case Op.SetMaster ignored -> "bridge port";
                case Op.SetMtu ignored -> "mtu";
                case Op.SetMac ignored -> "mac";
                case Op.RenameLink ignored -> "rename";
                case Op.MoveLink ignored -> "move";
                case Op.AddNeighbour ignored -> "static neighbour+";
                case Op.SetTable ignored -> "firewall table+";
                case Op.DeleteTable ignored -> "firewall table-";
            };
            counts.merge(what, 1, Integer::sum);
        }
        StringJoiner j = new StringJoiner(", ", ops.size() + (ops.size() == 1 ? " change (" : " changes ("), ")");
        counts.forEach((k, n) -> j.add(words(k, n)));
        return j.toString();
    }

    private static String words(String key, int n) {
        boolean removed = key.endsWith("-");
        String base = key.replaceAll("[+-]$", "");
        String plural = n == 1 ? base : base.endsWith("s") ? base + "es" : base + "s";
        return n + " " + (removed ? "removed " : "") + plural;
    }
}
