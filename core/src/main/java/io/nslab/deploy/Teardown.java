package io.nslab.deploy;

import io.nslab.model.IfName;
import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Takes labs away: {@code down} removes what one lab's ledger proves is its own — a namespace only while it has
 * the inode recorded when the lab made it, a host interface only while it has the recorded index — and leaves
 * everything else, saying so; {@code cleanup} does that for every lab on record, one failing lab never stopping
 * the others.
 */
final class Teardown {
    private final StateStore store;
    private final DeployTarget target;
    private final HostNeighbourLimits hostLimits;
    private final Duration lockWait;
    private final Consumer<String> notices;

    Teardown(StateStore store, DeployTarget target, HostNeighbourLimits hostLimits, Duration lockWait, Consumer<String> notices) {
        this.store = store;
        this.target = target;
        this.hostLimits = hostLimits;
        this.lockWait = lockWait;
        this.notices = notices;
    }

    DownResult down(String labName) {
        if (!store.lab(labName).exists()) {
            throw Deployer.notRunning(labName, store.labs());
        }
        try (StateStore.Lock ignored = store.lock(labName, lockWait, notices); LabRecord record = store.lab(labName)) {
            List<String> notes = new ArrayList<>(target.isolator(record.directory(), labName).stopAll());
            notes.addAll(deleteHostLinks(record));
            Map<NamespaceRef.Named, Long> owned = record.ownedNamespaces();
            java.util.Set<NamespaceRef.Named> removed = new java.util.LinkedHashSet<>(target.deleteNamespaces(
                    new ArrayList<>(owned.keySet()).reversed(), (n, inode) -> owned.get(n) == inode.longValue()));
            for (var e : owned.entrySet()) {
                if (!removed.contains(e.getKey())) {
                    target.identity(e.getKey()).ifPresent(now -> notes.add("namespace " + e.getKey() + " is no longer the one "
                            + "this lab made (inode " + e.getValue() + ", now " + now + "): left alone"));
                }
            }
            Map<NamespaceRef.Named, java.util.OptionalLong> recorded = record.namespaces();
            recorded.forEach((n, inode) -> {
                if (!removed.contains(n) && target.removePlaceholder(n)) {
                    notes.add("namespace " + n + ": removed the empty file an interrupted up left");
                }
            });
            try {
                record.releaseNamespaces(recorded.keySet());
            } catch (RuntimeException e) {
                notes.add("record: " + e.getMessage() + " (the record is removed next)"); // a full state directory, say
            }
            notes.addAll(releaseTuning(labName));
            notes.addAll(record.problems().stream().map(p -> "record: " + p + " (ignored)").toList());
            record.delete();
            return new DownResult(labName, List.copyOf(removed), notes);
        }
    }

    /**
     * Deletes the host interfaces this lab made, each only while it still has the index it was made with and is a veth
     * whose other end is in one of the lab's namespaces (the kernel would remove them with the lab's namespaces too,
     * but a moment later); returns notes on those left alone.
     */
    private List<String> deleteHostLinks(LabRecord record) {
        List<String> notes = new ArrayList<>();
        Map<IfName, OptionalInt> links = record.hostLinks();
        if (links.isEmpty()) {
            return notes;
        }
        List<NamespaceRef> seen = new ArrayList<>(List.of(NamespaceRef.HOST));
        seen.addAll(record.ownedNamespaces().keySet());
        var host = target.snapshot(seen).namespace(NamespaceRef.HOST).orElseThrow();
        java.util.Set<NamespaceRef> labs = new java.util.HashSet<>(record.ownedNamespaces().keySet());
        links.forEach((name, index) -> {
            var link = host.links().stream().filter(l -> l.name().equals(name)).findFirst();
            boolean same = link.isPresent() && index.isPresent() && link.get().index() == index.getAsInt();
            boolean ours = same && link.get().peer().map(p -> labs.contains(p.netns())).orElse(false);
            if (ours) {
                target.applyPhase(List.of(new Op.DeleteLink(NamespaceRef.HOST, name)), io.nslab.op.PhaseListener.NONE)
                        .ifPresent(e -> notes.add("host interface " + name + ": " + e.getMessage()));
            } else if (link.isPresent()) {
                notes.add("host interface " + name + " is not the one this lab made (index " + link.get().index()
                        + (index.isPresent() ? ", made with " + index.getAsInt() : ", never finished")
                        + (same ? ", and its other end is in none of the lab's namespaces" : "") + "): left alone");
            }
            record.releaseHostLink(name);
        });
        return notes;
    }

    /** Lab {@code lab} no longer needs the host's tuning; a tuning record nslab cannot trust is reported, never acted on. */
    private List<String> releaseTuning(String lab) {
        try {
            return hostLimits.release(lab, store.hostTuning()).stream().map(r -> "host: " + r).toList();
        } catch (io.nslab.NslabException e) {
            return List.of("host tuning left alone: " + e.getMessage());
        }
    }

    List<DownResult> cleanup() {
        List<DownResult> out = new ArrayList<>();
        for (String lab : store.labs()) {
            try {
                out.add(down(lab));
            } catch (RuntimeException e) {
                out.add(new DownResult(lab, List.of(), List.of("error: " + e.getMessage() + " (this lab is left; the others go on)")));
            }
        }
        // labs that relied on a host tuning and have no record (an up killed before it made one, or a record removed)
        for (String lab : store.hostTuning().exists() ? List.copyOf(store.hostTuning().labs()) : List.<String>of()) {
            if (!store.lab(lab).exists()) {
                List<String> notes = releaseTuning(lab);
                if (!notes.isEmpty()) {
                    out.add(new DownResult(lab, List.of(), notes));
                }
            }
        }
        out.addAll(isolationLeftovers());
        store.removeAbandoned();
        return out;
    }

    /**
     * What nodes of labs without a record left: cgroups, processes (an up killed before its record had them, a record
     * removed, a down that could not finish). Each such lab is taken under its lock, and only while its record holds
     * nothing (an up that made one meanwhile keeps its nodes).
     */
    private List<DownResult> isolationLeftovers() {
        List<DownResult> out = new ArrayList<>();
        List<String> labs;
        try {
            labs = target.isolationLeftovers(store.root());
        } catch (io.nslab.NslabException e) {
            return List.of(new DownResult("(state directory)", List.of(), List.of("nodes' leftovers left alone: " + e.getMessage())));
        }
        for (String lab : labs) {
            if (store.labs().contains(lab)) {
                continue; // on record: its down ran above, and what it reported stays reported
            }
            try (StateStore.Lock ignored = store.lock(lab, lockWait, notices); LabRecord record = store.lab(lab)) {
                if (record.appliedLab().isPresent() || record.holdsAnything()) {
                    continue;
                }
                List<String> notes = new ArrayList<>(target.isolator(record.directory(), lab).stopAll());
                record.delete();
                out.add(new DownResult(lab, List.of(), notes.isEmpty() ? List.of("removed what its nodes left without a record") : notes));
            } catch (RuntimeException e) {
                out.add(new DownResult(lab, List.of(), List.of("error: " + e.getMessage() + " (its nodes' leftovers are left)")));
            }
        }
        return out;
    }
}
