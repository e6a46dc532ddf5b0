package io.nslab.op;

import io.nslab.model.IfName;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ops that turn a running lab into an edited one: the plan of each is computed and compared.
 * What only the old plan has is undone (routes and addresses removed, sysctls restored to what they were
 * before the lab set them, links deleted, namespaces deleted); what only the new plan has is applied. A link
 * whose definition changed is deleted and created again, and everything that configures it is applied again;
 * routes of a namespace whose links changed are replaced, since the kernel drops routes through a link that
 * goes away or down.
 *
 * <p>Order: first what can be undone (routes and addresses deleted, sysctls restored, links set down), while
 * every link they name still exists; then the deletions that cannot be undone (links, then namespaces), which
 * free the names that creations may need; then the creations, in the planner's order.
 */
public final class LabDiff {
    private LabDiff() {
    }

    /** A link of a namespace, by name. */
    private record LinkKey(NamespaceRef netns, IfName name) {
    }

    /**
     * @param old              the lab as last applied, if any
     * @param live             the namespaces of the old lab that still exist (the others are rebuilt)
     * @param originalSysctls  each sysctl the lab set, to the value it had before
     */
    public static List<Op> between(Optional<Lab> old, Lab next, Set<NamespaceRef> live, Map<SysctlKey, String> originalSysctls) {
        List<Op> oldPlan = old.map(LabPlanner::plan).orElse(List.of());
        // a veth whose other end's namespace is gone went with it: nothing configured on it is there any more
        Set<LinkKey> vanished = new HashSet<>();
        for (Op op : oldPlan) {
            if (op instanceof Op.AddVeth v && isLive(v.netns(), live) != isLive(v.peerNetns(), live)) {
                vanished.add(isLive(v.netns(), live) ? new LinkKey(v.netns(), v.name()) : new LinkKey(v.peerNetns(), v.peer()));
            }
        }
        List<Op> oldOps = oldPlan.stream()
                .filter(op -> touchedNamespaces(op).stream().allMatch(ns -> isLive(ns, live)) && !touchesDirty(op, vanished))
                .toList();
        List<Op> newOps = LabPlanner.plan(next);
        Set<Op> oldSet = new HashSet<>(oldOps);
        Set<Op> newSet = new HashSet<>(newOps);
        Set<NamespaceRef.Named> oldNs = namespaces(oldOps);
        Set<NamespaceRef.Named> removedNs = new LinkedHashSet<>(oldNs);
        removedNs.removeAll(namespaces(newOps));

        Set<LinkKey> dirty = new HashSet<>();
        List<Op> linkDeletions = new ArrayList<>();
        for (Op op : oldOps) {
            if (!newSet.contains(op)) {
                created(op).forEach(dirty::add);
                deletion(op, removedNs).ifPresent(linkDeletions::add);
            }
        }
        for (Op op : newOps) {
            if (!oldSet.contains(op)) {
                created(op).forEach(dirty::add);
            }
        }

        Set<NamespaceRef> nsWithLinkChanges = new HashSet<>();
        List<Op> undo = new ArrayList<>();
        for (Op op : oldOps) {
            if (newSet.contains(op) || removedNs.contains(op.netns()) || touchesDirty(op, dirty)) {
                continue;
            }
            switch (op) {
                case Op.AddAddress a -> {
                    undo.add(new Op.DeleteAddress(a.netns(), a.dev(), a.address()));
                    nsWithLinkChanges.add(a.netns()); // routes using it as src or through its subnet may go
                }
                case Op.AddRoute r -> undo.add(new Op.DeleteRoute(r.netns(), r.route()));
                case Op.SetLinkState s -> {
                    undo.add(new Op.SetLinkState(s.netns(), s.name(), !s.up()));
                    nsWithLinkChanges.add(s.netns());
                }
                case Op.SetMaster m -> {
                    if (m.master().isPresent()) {
                        undo.add(new Op.SetMaster(m.netns(), m.name(), Optional.empty()));
                    }
                }
                case Op.SetSysctl s -> {
                    String original = originalSysctls.get(new SysctlKey(s.netns(), s.key()));
                    boolean stillSet = newOps.stream().anyMatch(n -> n instanceof Op.SetSysctl t
                            && t.netns().equals(s.netns()) && t.key().equals(s.key()));
                    if (original != null && !stillSet) {
                        undo.add(new Op.SetSysctl(s.netns(), s.key(), original));
                    }
                }
                // a static neighbour goes with its link; a MAC stays until the link goes
                case Op.AddNeighbour ignored -> {
                }
                case Op.SetMac ignored -> {
                }
                case Op.SetMtu ignored -> {
                }
                // the planner's ops that create things are handled above, by the deletions
                case Op.AddNamespace ignored -> {
                }
                case Op.AddVeth ignored -> {
                }
                case Op.AddBridge ignored -> {
                }
                // never planned for a lab
                case Op.DeleteNamespace ignored -> {
                }
                case Op.DeleteLink ignored -> {
                }
                case Op.RenameLink ignored -> {
                }
                case Op.MoveLink ignored -> {
                }
                case Op.DeleteAddress ignored -> {
                }
                case Op.DeleteRoute ignored -> {
                }
                case Op.ReplaceRoute ignored -> {
                }
                // a table the file no longer has goes; a changed one is replaced whole by the new plan's SetTable
                case Op.SetTable t -> {
                    boolean kept = newOps.stream().anyMatch(n -> n instanceof Op.SetTable u && u.netns().equals(t.netns())
                            && u.table().family() == t.table().family() && u.table().name().equals(t.table().name()));
                    if (!kept) {
                        undo.add(new Op.DeleteTable(t.netns(), t.table().family(), t.table().name()));
                    }
                }
                case Op.DeleteTable ignored -> {
                }
            }
        }

        List<Op> out = new ArrayList<>(undo.reversed());
        out.addAll(linkDeletions);
        for (NamespaceRef.Named ns : removedNs) {
            out.add(new Op.DeleteNamespace(ns));
        }
        for (LinkKey d : dirty) {
            nsWithLinkChanges.add(d.netns());
        }
        for (Op op : newOps) {
            if (op instanceof Op.SetLinkState s && !oldSet.contains(op)) {
                nsWithLinkChanges.add(s.netns());
            }
        }
        for (Op op : newOps) {
            // the host's namespace was there before the lab and stays after it
            boolean existed = oldNs.contains(op.netns()) || op.netns().isHost();
            boolean fresh = !oldSet.contains(op) || !existed;
            if (fresh || touchesDirty(op, dirty)) {
                out.add(op);
            } else if (op instanceof Op.AddRoute r && nsWithLinkChanges.contains(r.netns())) {
                out.add(new Op.ReplaceRoute(r.netns(), r.route()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The ops that make a link of {@code lab} again after it was deleted, with everything that configures it and
     * its veth peer (MACs, bridge ports, addresses, state, per-interface sysctls, static neighbours), then every route
     * of the namespaces concerned, replaced: the kernel dropped those through the link when it went.
     */
    public static List<Op> restoreLink(Lab lab, NamespaceRef netns, IfName link) {
        List<Op> plan = LabPlanner.plan(lab);
        Set<LinkKey> dirty = new HashSet<>();
        for (Op op : plan) {
            List<LinkKey> made = created(op);
            if (made.contains(new LinkKey(netns, link))) {
                dirty.addAll(made);
            }
        }
        if (dirty.isEmpty()) {
            return List.of();
        }
        Set<NamespaceRef> touched = new HashSet<>();
        dirty.forEach(d -> touched.add(d.netns()));
        List<Op> out = new ArrayList<>();
        for (Op op : plan) {
            if (created(op).stream().anyMatch(dirty::contains) || touchesDirty(op, dirty)) {
                out.add(op);
            } else if (op instanceof Op.AddRoute r && touched.contains(r.netns())) {
                out.add(new Op.ReplaceRoute(r.netns(), r.route()));
            }
        }
        return List.copyOf(out);
    }

    /** The links an op of a plan creates. */
    private static List<LinkKey> created(Op op) {
        return switch (op) {
            case Op.AddVeth v -> List.of(new LinkKey(v.netns(), v.name()), new LinkKey(v.peerNetns(), v.peer()));
            case Op.AddBridge b -> List.of(new LinkKey(b.netns(), b.name()));
            case Op.AddNamespace a -> List.of();
            case Op.DeleteNamespace d -> List.of();
            case Op.DeleteLink d -> List.of();
            case Op.SetMaster m -> List.of();
            case Op.SetLinkState s -> List.of();
            case Op.SetMtu m -> List.of();
            case Op.SetMac m -> List.of();
            case Op.RenameLink r -> List.of();
            case Op.MoveLink m -> List.of();
            case Op.AddAddress a -> List.of();
            case Op.DeleteAddress a -> List.of();
            case Op.AddRoute r -> List.of();
            case Op.DeleteRoute r -> List.of();
            case Op.ReplaceRoute r -> List.of();
            case Op.SetSysctl s -> List.of();
            case Op.AddNeighbour n -> List.of();
            case Op.SetTable t -> List.of();
            case Op.DeleteTable t -> List.of();
        };
    }

    /** The deletion of a link the old plan created and the new one does not; none where deleted namespaces take both ends. */
    private static Optional<Op> deletion(Op op, Set<NamespaceRef.Named> removedNs) {
        return switch (op) {
            // A deleted namespace takes both ends of its veths with it, but the kernel removes the end in another
            // namespace only later, asynchronously (tens of ms, seconds on a loaded machine): that end is deleted
            // here first, so the surviving namespace is as the file says the moment up returns.
            case Op.AddVeth v -> {
                boolean here = removedNs.contains(v.netns());
                boolean there = removedNs.contains(v.peerNetns());
                yield here && there ? Optional.empty()
                        : here ? Optional.of(new Op.DeleteLink(v.peerNetns(), v.peer()))
                        : Optional.of(new Op.DeleteLink(v.netns(), v.name()));
            }
            case Op.AddBridge b -> removedNs.contains(b.netns()) ? Optional.empty()
                    : Optional.of(new Op.DeleteLink(b.netns(), b.name()));
            case Op.AddNamespace a -> Optional.empty();
            case Op.DeleteNamespace d -> Optional.empty();
            case Op.DeleteLink d -> Optional.empty();
            case Op.SetMaster m -> Optional.empty();
            case Op.SetLinkState s -> Optional.empty();
            case Op.SetMtu m -> Optional.empty();
            case Op.SetMac m -> Optional.empty();
            case Op.RenameLink r -> Optional.empty();
            case Op.MoveLink m -> Optional.empty();
            case Op.AddAddress a -> Optional.empty();
            case Op.DeleteAddress a -> Optional.empty();
            case Op.AddRoute r -> Optional.empty();
            case Op.DeleteRoute r -> Optional.empty();
            case Op.ReplaceRoute r -> Optional.empty();
            case Op.SetSysctl s -> Optional.empty();
            case Op.AddNeighbour n -> Optional.empty();
            case Op.SetTable t -> Optional.empty();
            case Op.DeleteTable t -> Optional.empty();
        };
    }

    /** Whether an op configures a link that is created, deleted or created again by the edit. */
    private static boolean touchesDirty(Op op, Set<LinkKey> dirty) {
        return switch (op) {
            case Op.AddAddress a -> dirty.contains(new LinkKey(a.netns(), a.dev()));
            case Op.SetLinkState s -> dirty.contains(new LinkKey(s.netns(), s.name()));
            case Op.SetMaster m -> dirty.contains(new LinkKey(m.netns(), m.name()))
                    || m.master().map(b -> dirty.contains(new LinkKey(m.netns(), b))).orElse(false);
            case Op.SetSysctl s -> interfaceOf(s).map(dev -> dirty.contains(new LinkKey(s.netns(), dev))).orElse(false);
            case Op.AddVeth v -> dirty.contains(new LinkKey(v.netns(), v.name()));
            case Op.AddBridge b -> dirty.contains(new LinkKey(b.netns(), b.name()));
            case Op.SetMac m -> dirty.contains(new LinkKey(m.netns(), m.name()));
            case Op.SetMtu m -> dirty.contains(new LinkKey(m.netns(), m.name()));
            case Op.AddNeighbour n -> dirty.contains(new LinkKey(n.netns(), n.dev()));
            // a route is re-applied with ReplaceRoute when its namespace's links changed
            case Op.AddRoute r -> false;
            case Op.AddNamespace a -> false;
            case Op.DeleteNamespace d -> false;
            case Op.DeleteLink d -> false;
            case Op.RenameLink r -> false;
            case Op.MoveLink m -> false;
            case Op.DeleteAddress a -> false;
            case Op.DeleteRoute r -> false;
            case Op.ReplaceRoute r -> false;
            // iif/oif by index hold the index the device had when the table was loaded
            case Op.SetTable t -> t.table().chains().stream().flatMap(c -> c.rules().stream()).flatMap(r -> r.matches().stream())
                    .anyMatch(m -> m instanceof io.nslab.firewall.Match.Interface i && i.byIndex() && IfName.problem(i.name()) == null
                            && dirty.contains(new LinkKey(t.netns(), IfName.of(i.name()))));
            case Op.DeleteTable t -> false;
        };
    }

    /** The interface of a per-interface sysctl ({@code net.ipv4.conf.e0.rp_filter}), if it is one. */
    private static Optional<IfName> interfaceOf(Op.SetSysctl s) {
        String[] parts = s.key().split("\\.");
        return parts.length == 5 && parts[2].equals("conf") && IfName.problem(parts[3]) == null
                ? Optional.of(IfName.of(parts[3])) : Optional.empty();
    }

    private static Set<NamespaceRef.Named> namespaces(List<Op> ops) {
        Set<NamespaceRef.Named> out = new LinkedHashSet<>();
        for (Op op : ops) {
            if (op instanceof Op.AddNamespace a) {
                out.add(a.netns());
            }
        }
        return out;
    }

    private static boolean isLive(NamespaceRef ns, Set<NamespaceRef> live) {
        return ns.isHost() || live.contains(ns);
    }

    private static Set<NamespaceRef> touchedNamespaces(Op op) {
        return op instanceof Op.AddVeth v ? Set.of(v.netns(), v.peerNetns()) : Set.of(op.netns());
    }
}
