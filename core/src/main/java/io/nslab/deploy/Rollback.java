package io.nslab.deploy;

import io.nslab.model.NamespaceRef;
import io.nslab.model.NodeName;
import io.nslab.op.Op;
import io.nslab.op.OpInverse;
import io.nslab.op.SysctlKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The undo list of one {@code up}, filled as each op takes effect (from several threads) and run in reverse when
 * the run fails: namespaces it made are deleted (and released from the ledger), everything else it changed is
 * changed back; a link the run deleted is made again as the lab before the run had it. What cannot be undone — a
 * namespace the run deleted — is listed, never hidden.
 */
final class Rollback {
    private final Set<NamespaceRef> created = new HashSet<>();
    /** Steps of undo, each a short sequence of ops, run last to first. */
    private final List<List<Op>> undo = new ArrayList<>();
    /** The lab as it was before this run, from which a deleted link is made again. */
    private final Optional<io.nslab.model.Lab> old;
    private final List<Op> irreversible = new ArrayList<>();
    private final List<NodeName> isolated = new ArrayList<>();
    /** A sysctl's value before this run set it, read just before. */
    private final Map<SysctlKey, String> sysctlsBefore = new HashMap<>();
    private int size;

    Rollback(Optional<io.nslab.model.Lab> old) {
        this.old = old;
    }

    synchronized void sysctlBefore(SysctlKey key, String value) {
        sysctlsBefore.putIfAbsent(key, value);
    }

    synchronized void isolated(NodeName node) {
        isolated.add(node);
        size++;
    }

    synchronized void applied(Op op) {
        size++;
        if (op instanceof Op.AddNamespace a) {
            created.add(a.netns());
            undo.add(List.of(new Op.DeleteNamespace(a.netns())));
            return;
        }
        if (op instanceof Op.DeleteNamespace) {
            irreversible.add(op);
            return;
        }
        if (op instanceof Op.DeleteLink d) {
            List<Op> restore = old.map(o -> io.nslab.op.LabDiff.restoreLink(o, d.netns(), d.name())).orElse(List.of());
            if (restore.isEmpty()) {
                irreversible.add(op);
            } else {
                undo.add(restore);
            }
            return;
        }
        if (created.contains(op.netns())) {
            return; // goes with its namespace
        }
        Optional<Op> inverse;
        if (op instanceof Op.SetSysctl s) {
            inverse = Optional.ofNullable(sysctlsBefore.get(new SysctlKey(s.netns(), s.key())))
                    .map(v -> new Op.SetSysctl(s.netns(), s.key(), v));
        } else if (op instanceof Op.SetTable t) {
            inverse = Optional.of(tableBefore(t.netns(), t.table().family(), t.table().name()));
        } else if (op instanceof Op.DeleteTable t) {
            inverse = Optional.of(tableBefore(t.netns(), t.family(), t.name()));
        } else if (op instanceof Op.DeleteRoute r) {
            // replace, not add: a link made again on the way back has brought its routes back already
            inverse = Optional.of(new Op.ReplaceRoute(r.netns(), r.route()));
        } else {
            inverse = OpInverse.of(op);
        }
        inverse.ifPresent(i -> undo.add(List.of(i)));
    }

    /** The table as the lab before this run had it in that namespace, or its deletion where it had none. */
    private Op tableBefore(io.nslab.model.NamespaceRef netns, io.nslab.firewall.TableFamily family, String name) {
        Optional<io.nslab.firewall.Table> before = old.flatMap(o -> o.nodeOf(netns).flatMap(o::node))
                .flatMap(n -> n.firewall().table(family, name));
        return before.<Op>map(t -> new Op.SetTable(netns, t)).orElseGet(() -> new Op.DeleteTable(netns, family, name));
    }

    /** Changes this run made, undoable or not. */
    synchronized int size() {
        return size;
    }

    /** What this run deleted: deletions cannot be undone. */
    synchronized List<Op> irreversible() {
        return List.copyOf(irreversible);
    }

    /**
     * Undoes in reverse order on {@code target}, releasing deleted namespaces and host interfaces from {@code record};
     * returns what could not be undone, in words.
     */
    List<String> run(DeployTarget target, LabRecord record, NodeIsolator isolator) {
        List<String> failures = new ArrayList<>();
        for (NodeName n : isolated.reversed()) {
            try {
                isolator.stop(n);
            } catch (RuntimeException e) {
                failures.add("stop node " + n + "'s namespaces: " + e.getMessage());
            }
        }
        for (List<Op> step : undo.reversed()) {
            for (Op op : step) {
                Optional<RuntimeException> failure = target.applyPhase(List.of(op), io.nslab.op.PhaseListener.NONE);
                if (failure.isPresent()) {
                    failures.add(op.command() + ": " + failure.get().getMessage());
                    continue;
                }
                try {
                    if (op instanceof Op.DeleteNamespace d) {
                        record.releaseNamespaces(List.of(d.netns()));
                    } else if (op instanceof Op.DeleteLink d && d.netns().isHost()) {
                        record.releaseHostLink(d.name());
                    }
                } catch (RuntimeException e) {
                    // the record keeps naming something that is gone: harmless, down checks every name by inode or index
                    failures.add("record: " + e.getMessage());
                }
            }
        }
        return failures;
    }
}
