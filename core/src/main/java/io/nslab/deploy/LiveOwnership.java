package io.nslab.deploy;

import io.nslab.model.NamespaceRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A lab's namespaces as the world has them now, checked against its ledger by name and inode: those still the
 * lab's, those gone, those whose name another namespace now holds, and claims whose creation never finished.
 *
 * @param ours        recorded and bound with the recorded inode
 * @param gone        recorded, and nothing of that name is there
 * @param replaced    recorded, but the name holds another namespace (inode now)
 * @param unfinished  claimed and never owned, or owned and never bound (the name holds the empty file a creation
 *                    makes first): a run died before it finished making them
 */
record LiveOwnership(Map<NamespaceRef.Named, Long> ours, List<NamespaceRef.Named> gone, Map<NamespaceRef.Named, Long> replaced,
                     List<NamespaceRef.Named> unfinished) {

    static LiveOwnership check(LabRecord record, DeployTarget target) {
        Map<NamespaceRef.Named, Long> ours = new LinkedHashMap<>();
        List<NamespaceRef.Named> gone = new ArrayList<>();
        Map<NamespaceRef.Named, Long> replaced = new LinkedHashMap<>();
        List<NamespaceRef.Named> unfinished = new ArrayList<>();
        record.namespaces().forEach((n, recorded) -> {
            if (recorded.isEmpty()) {
                unfinished.add(n);
                return;
            }
            OptionalLong now = target.identity(n);
            if (now.isPresent() && now.getAsLong() == recorded.getAsLong()) {
                ours.put(n, now.getAsLong());
            } else if (now.isPresent()) {
                replaced.put(n, now.getAsLong());
            } else if (target.nameTaken(n)) {
                unfinished.add(n);
            } else {
                gone.add(n);
            }
        });
        return new LiveOwnership(ours, gone, replaced, unfinished);
    }

    /** Whether the ledger says more than is true. */
    boolean stale() {
        return !gone.isEmpty() || !replaced.isEmpty() || !unfinished.isEmpty();
    }

    /**
     * Makes the ledger true: releases what is gone or replaced and claims that never finished (removing the empty
     * placeholder such a creation may have left, which is the lab's own). Returns what it found, in words.
     */
    List<String> settle(LabRecord record, DeployTarget target) {
        List<String> notes = new ArrayList<>();
        if (!stale()) {
            return notes;
        }
        for (NamespaceRef.Named n : unfinished) {
            if (target.removePlaceholder(n)) {
                notes.add("namespace " + n + ": removed the empty file an interrupted up left in " + target.namespaceDirectory());
            }
        }
        replaced.forEach((n, inode) -> notes.add("namespace " + n + " is no longer the one this lab made: another namespace "
                + "(inode " + inode + ") has its name; nslab leaves it alone"));
        gone.forEach(n -> notes.add("namespace " + n + " of this lab was deleted outside nslab"));
        List<NamespaceRef.Named> release = new ArrayList<>(gone);
        release.addAll(replaced.keySet());
        release.addAll(unfinished);
        record.releaseNamespaces(release);
        return notes;
    }
}
