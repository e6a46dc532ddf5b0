package io.nslab.op;

import io.nslab.model.IfName;
import io.nslab.model.Lab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ops that turn a running lab into an edited one: the plan of each is computed and compared.
 * What only the old plan has is undone (namespaces deleted, links deleted, addresses and routes
 * removed, sysctls restored to what they were before the lab set them); what only the new plan has
 * is applied. A link whose definition changed is deleted and created again, and everything that
 * configures it is applied again; routes of a namespace whose links changed are replaced, since the
 * kernel drops routes through a link that goes away or down.
 */
public final class LabDiff {
    private LabDiff() {
    }

    /**
     * @param old              the lab as last applied, if any
     * @param live             the namespaces of the old lab that still exist (the others are rebuilt)
     * @param originalSysctls  {@code "netns key"} to the value before the lab set it
     */
    public static List<Op> between(Optional<Lab> old, Lab next, Set<String> live, Map<String, String> originalSysctls) {
        List<Op> oldOps = old.map(LabPlanner::plan).orElse(List.of()).stream()
                .filter(op -> touchedNamespaces(op).stream().allMatch(live::contains)).toList();
        List<Op> newOps = LabPlanner.plan(next);
        Set<Op> oldSet = new HashSet<>(oldOps);
        Set<Op> newSet = new HashSet<>(newOps);
        Set<String> oldNs = namespaces(oldOps);
        Set<String> newNs = namespaces(newOps);

        List<Op> out = new ArrayList<>();
        Set<String> removedNs = new LinkedHashSet<>(oldNs);
        removedNs.removeAll(newNs);
        for (String ns : removedNs) {
            out.add(new Op.DeleteNamespace(ns));
        }
        Set<String> dirty = new HashSet<>();
        for (Op op : oldOps) {
            if (newSet.contains(op)) {
                continue;
            }
            switch (op) {
                case Op.AddVeth v -> {
                    dirty.add(key(v.netns(), v.name()));
                    dirty.add(key(v.peerNetns(), v.peer()));
                    // a deleted namespace takes both ends of its veths with it
                    if (!removedNs.contains(v.netns()) && !removedNs.contains(v.peerNetns())) {
                        out.add(new Op.DeleteLink(v.netns(), v.name()));
                    }
                }
                case Op.AddBridge b -> {
                    dirty.add(key(b.netns(), b.name()));
                    if (!removedNs.contains(b.netns())) {
                        out.add(new Op.DeleteLink(b.netns(), b.name()));
                    }
                }
                default -> {
                }
            }
        }
        for (Op op : newOps) {
            if (!oldSet.contains(op)) {
                switch (op) {
                    case Op.AddVeth v -> {
                        dirty.add(key(v.netns(), v.name()));
                        dirty.add(key(v.peerNetns(), v.peer()));
                    }
                    case Op.AddBridge b -> dirty.add(key(b.netns(), b.name()));
                    default -> {
                    }
                }
            }
        }
        Set<String> nsWithLinkChanges = new HashSet<>();
        List<Op> undo = new ArrayList<>();
        for (Op op : oldOps) {
            if (newSet.contains(op) || removedNs.contains(op.netns()) || touchesDirty(op, dirty)) {
                continue;
            }
            switch (op) {
                case Op.AddAddress a -> {
                    OpInverse.of(a).ifPresent(undo::add);
                    nsWithLinkChanges.add(a.netns()); // routes using it as src or through its subnet may go
                }
                case Op.AddRoute r -> OpInverse.of(r).ifPresent(undo::add);
                case Op.SetLinkState s -> {
                    OpInverse.of(s).ifPresent(undo::add);
                    nsWithLinkChanges.add(s.netns());
                }
                case Op.SetMaster m -> OpInverse.of(m).ifPresent(undo::add);
                case Op.SetSysctl s -> {
                    String original = originalSysctls.get(s.netns() + " " + s.key());
                    boolean stillSet = newOps.stream().anyMatch(n -> n instanceof Op.SetSysctl t
                            && t.netns().equals(s.netns()) && t.key().equals(s.key()));
                    if (original != null && !stillSet) {
                        undo.add(new Op.SetSysctl(s.netns(), s.key(), original));
                    }
                }
                default -> {
                }
            }
        }
        out.addAll(undo.reversed());
        for (String d : dirty) {
            nsWithLinkChanges.add(d.substring(0, d.indexOf('\0')));
        }
        for (Op op : newOps) {
            if (op instanceof Op.SetLinkState s && !oldSet.contains(op)) {
                nsWithLinkChanges.add(s.netns());
            }
        }
        for (Op op : newOps) {
            // the host's namespace was there before the lab and stays after it
            boolean existed = oldNs.contains(op.netns()) || op.netns().equals(io.nslab.model.Lab.HOST_NETNS);
            boolean fresh = !oldSet.contains(op) || !existed;
            if (fresh || touchesDirty(op, dirty)) {
                out.add(op);
            } else if (op instanceof Op.AddRoute r && nsWithLinkChanges.contains(r.netns())) {
                out.add(new Op.ReplaceRoute(r.netns(), r.route()));
            }
        }
        return List.copyOf(out);
    }

    private static String key(String netns, IfName name) {
        return netns + "\0" + name.value();
    }

    private static boolean touchesDirty(Op op, Set<String> dirty) {
        return switch (op) {
            case Op.AddAddress a -> dirty.contains(key(a.netns(), a.dev()));
            case Op.SetLinkState s -> dirty.contains(key(s.netns(), s.name()));
            case Op.SetMaster m -> dirty.contains(key(m.netns(), m.name()))
                    || m.master().map(b -> dirty.contains(key(m.netns(), b))).orElse(false);
            case Op.SetSysctl s -> s.key().split("\\.").length == 5 && dirty.contains(s.netns() + "\0" + s.key().split("\\.")[3]);
            case Op.AddVeth v -> dirty.contains(key(v.netns(), v.name()));
            case Op.AddBridge b -> dirty.contains(key(b.netns(), b.name()));
            case Op.SetMac m -> dirty.contains(key(m.netns(), m.name()));
            case Op.AddNeighbour n -> dirty.contains(key(n.netns(), n.dev()));
            default -> false;
        };
    }

    private static Set<String> namespaces(List<Op> ops) {
        Set<String> out = new LinkedHashSet<>();
        for (Op op : ops) {
            if (op instanceof Op.AddNamespace a) {
                out.add(a.netns());
            }
        }
        return out;
    }

    private static Set<String> touchedNamespaces(Op op) {
        return op instanceof Op.AddVeth v ? Set.of(v.netns(), v.peerNetns()) : Set.of(op.netns());
    }
}
