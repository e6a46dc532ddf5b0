package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.model.IfName;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a whole plan against the world as it is, before the first op: every name it creates is free (or was
 * freed earlier in the plan), every namespace and interface it refers to exists or is made earlier in the plan.
 * It walks the plan over a model of names only — namespaces, and the interfaces of each, read from the world
 * for the namespaces the plan touches — so it costs a link dump per existing namespace the plan touches.
 * Everything it finds is reported at once; a plan with any refusal is not applied at all.
 */
final class Preflight {
    private final DeployTarget target;
    private final Lab lab;
    private final Optional<Lab> old;
    /**
     * Names that hold the empty file an interrupted up of this lab left where it was making a namespace: the lab's own
     * (its ledger claimed them), removed before the plan runs, so absent to the walk. Seen as namespaces, the next up
     * refused them as "not a namespace" or failed opening one (setns: EINVAL, exit 4).
     */
    private final Set<NamespaceRef.Named> placeholders;
    /** Whether each namespace exists, as the walk goes. */
    private final Map<NamespaceRef, Boolean> present = new HashMap<>();
    /** The interfaces of each namespace, as the walk goes; read from the world on first use. */
    private final Map<NamespaceRef, Set<IfName>> links = new HashMap<>();
    /** Each veth end of the old and new lab to its other end: deleting one takes both. */
    private final Map<End, End> pairs = new HashMap<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<Op> done = new ArrayList<>();

    /**
     * What the walk found.
     *
     * @param refusals  why the plan cannot go ahead; empty when it can
     * @param done      deletions whose object is gone already (an interrupted run deleted it): the plan skips them
     */
    record Result(List<Refusal> refusals, List<Op> done) {
        Result {
            refusals = List.copyOf(refusals);
            done = List.copyOf(done);
        }
    }

    private record End(NamespaceRef netns, IfName name) {
    }

    private Preflight(DeployTarget target, Lab lab, Optional<Lab> old, Set<NamespaceRef.Named> placeholders) {
        this.target = target;
        this.lab = lab;
        this.old = old;
        this.placeholders = placeholders;
    }

    /**
     * Checks {@code plan}, which would bring the lab as last applied ({@code old}) to {@code lab}; {@code placeholders}
     * are the lab's unfinished namespaces ({@link LiveOwnership#unfinished()}), which are removed before it runs.
     */
    static Result check(Plan plan, DeployTarget target, Lab lab, Optional<Lab> old, Set<NamespaceRef.Named> placeholders) {
        Preflight p = new Preflight(target, lab, old, Set.copyOf(placeholders));
        p.pairsOf(lab);
        old.ifPresent(p::pairsOf);
        for (Op op : plan.ops()) {
            p.walk(op);
        }
        return new Result(p.refusals, p.done);
    }

    private void pairsOf(Lab l) {
        for (var link : l.links()) {
            End a = new End(l.netnsOf(link.a().node()), link.a().ifname());
            End b = new End(l.netnsOf(link.b().node()), link.b().ifname());
            pairs.put(a, b);
            pairs.put(b, a);
        }
    }

    private void walk(Op op) {
        switch (op) {
            case Op.AddNamespace o -> {
                if (exists(o.netns())) {
                    refuse(ExitCode.ENVIRONMENT, "namespace \"" + o.netns() + "\"", taken(o.netns()));
                } else {
                    present.put(o.netns(), true);
                    links.put(o.netns(), new HashSet<>(Set.of(IfName.of("lo"))));
                }
            }
            case Op.DeleteNamespace o -> {
                if (!exists(o.netns())) {
                    done.add(op);
                    return;
                }
                for (IfName l : linksOf(o.netns())) {
                    End peer = pairs.get(new End(o.netns(), l));
                    if (peer != null && !peer.netns().equals(o.netns())) {
                        linksOf(peer.netns()).remove(peer.name());
                    }
                }
                present.put(o.netns(), false);
                links.put(o.netns(), new HashSet<>());
            }
            case Op.AddVeth o -> {
                if (need(o.netns(), op) & need(o.peerNetns(), op)) {
                    boolean free = free(o.netns(), o.name(), op) & free(o.peerNetns(), o.peer(), op);
                    if (free && o.netns().equals(o.peerNetns()) && o.name().equals(o.peer())) {
                        refuse(ExitCode.BAD_INPUT, where(o.netns()) + op.command(), "both ends are named " + o.name());
                    }
                    linksOf(o.netns()).add(o.name());
                    linksOf(o.peerNetns()).add(o.peer());
                }
            }
            case Op.AddBridge o -> {
                if (need(o.netns(), op)) {
                    free(o.netns(), o.name(), op);
                    linksOf(o.netns()).add(o.name());
                }
            }
            case Op.DeleteLink o -> {
                if (exists(o.netns()) && !linksOf(o.netns()).contains(o.name())) {
                    done.add(op); // gone already: an interrupted run, or its namespace's teardown, took it
                } else if (needLink(o.netns(), o.name(), op)) {
                    linksOf(o.netns()).remove(o.name());
                    End peer = pairs.get(new End(o.netns(), o.name()));
                    if (peer != null && exists(peer.netns())) {
                        linksOf(peer.netns()).remove(peer.name());
                    }
                }
            }
            case Op.SetMaster o -> {
                needLink(o.netns(), o.name(), op);
                o.master().ifPresent(m -> needLink(o.netns(), m, op));
            }
            case Op.SetLinkState o -> needLink(o.netns(), o.name(), op);
            case Op.SetMtu o -> needLink(o.netns(), o.name(), op);
            case Op.SetMac o -> needLink(o.netns(), o.name(), op);
            case Op.RenameLink o -> {
                if (needLink(o.netns(), o.name(), op) && free(o.netns(), o.newName(), op)) {
                    linksOf(o.netns()).remove(o.name());
                    linksOf(o.netns()).add(o.newName());
                }
            }
            case Op.MoveLink o -> {
                if (needLink(o.netns(), o.name(), op) & need(o.target(), op) && free(o.target(), o.name(), op)) {
                    linksOf(o.netns()).remove(o.name());
                    linksOf(o.target()).add(o.name());
                }
            }
            case Op.AddAddress o -> needLink(o.netns(), o.dev(), op);
            case Op.DeleteAddress o -> needLink(o.netns(), o.dev(), op);
            case Op.AddNeighbour o -> needLink(o.netns(), o.dev(), op);
            case Op.AddRoute o -> needRoute(o.netns(), o.route(), op);
            case Op.ReplaceRoute o -> needRoute(o.netns(), o.route(), op);
            case Op.DeleteRoute o -> needRoute(o.netns(), o.route(), op);
            case Op.SetSysctl o -> {
                if (need(o.netns(), op)) {
                    String[] k = o.key().split("\\.");
                    if (k.length == 5 && k[2].equals("conf") && !k[3].equals("all") && !k[3].equals("default")
                            && IfName.problem(k[3]) == null) {
                        needLink(o.netns(), IfName.of(k[3]), op);
                    }
                }
            }
            case Op.SetTable o -> {
                if (need(o.netns(), op)) {
                    // iif/oif by index: nft resolves the name when it loads the rule, so the device must be there
                    o.table().chains().stream().flatMap(c -> c.rules().stream()).flatMap(r -> r.matches().stream())
                            .filter(m -> m instanceof io.nslab.firewall.Match.Interface i && i.byIndex()
                                    && IfName.problem(i.name()) == null)
                            .map(m -> IfName.of(((io.nslab.firewall.Match.Interface) m).name())).distinct()
                            .forEach(dev -> needLink(o.netns(), dev, op));
                }
            }
            case Op.DeleteTable o -> {
                if (!exists(o.netns())) {
                    done.add(op); // its namespace, and the table with it, is gone
                }
            }
        }
    }

    private void needRoute(NamespaceRef netns, io.nslab.model.Route route, Op op) {
        if (need(netns, op)) {
            route.dev().ifPresent(d -> needLink(netns, d, op));
        }
    }

    private boolean exists(NamespaceRef netns) {
        return present.computeIfAbsent(netns, n -> switch (n) {
            case NamespaceRef.Host h -> true;
            // a claimed name that a namespace holds is a stranger's, and stays in the way
            case NamespaceRef.Named named -> target.nameTaken(named) && !(placeholders.contains(named) && target.identity(named).isEmpty());
        });
    }

    private Set<IfName> linksOf(NamespaceRef netns) {
        return links.computeIfAbsent(netns, n -> exists(n) ? new HashSet<>(target.links(n).keySet()) : new HashSet<>());
    }

    private boolean need(NamespaceRef netns, Op op) {
        if (exists(netns)) {
            return true;
        }
        refuse(ExitCode.ENVIRONMENT, where(netns) + op.command(), "namespace " + netns
                + " does not exist (deleted outside nslab?); `nslab down " + lab.name() + "` then `up` builds the lab anew");
        return false;
    }

    private boolean needLink(NamespaceRef netns, IfName dev, Op op) {
        if (!need(netns, op)) {
            return false;
        }
        if (linksOf(netns).contains(dev)) {
            return true;
        }
        refuse(ExitCode.ENVIRONMENT, where(netns) + op.command(), "there is no interface " + dev
                + (netns.isHost() ? " in the host's namespace" : " in namespace " + netns) + " (deleted outside nslab?)");
        return false;
    }

    private boolean free(NamespaceRef netns, IfName name, Op op) {
        if (!linksOf(netns).contains(name)) {
            return true;
        }
        refuse(ExitCode.ENVIRONMENT, where(netns) + op.command(), "an interface named " + name + " already exists "
                + (netns.isHost() ? "in the host's namespace, and it is not this lab's" : "in namespace " + netns));
        return false;
    }

    /** Who holds a namespace name: a namespace (by inode), or a file that is not one. */
    private String taken(NamespaceRef.Named netns) {
        var inode = target.identity(netns);
        String node = lab.nodeOf(netns).map(n -> " (node " + n + ")").orElse("");
        if (inode.isPresent()) {
            return "already exists" + node + " and is not this lab's (inode " + inode.getAsLong() + "): remove it (ip netns del "
                    + netns + ") or choose another netns-prefix";
        }
        return "is taken" + node + " by a file in " + target.namespaceDirectory() + " that is not a namespace: remove it, or "
                + "choose another netns-prefix";
    }

    private String where(NamespaceRef netns) {
        Optional<io.nslab.model.NodeName> node = lab.nodeOf(netns).or(() -> old.flatMap(o -> o.nodeOf(netns)));
        return node.map(n -> "node \"" + n + "\": ").orElse("");
    }

    private void refuse(ExitCode code, String what, String why) {
        if (seen.add(why)) { // once per cause, with the first op it stops
            refusals.add(new Refusal(code, what + ": " + why));
        }
    }
}
