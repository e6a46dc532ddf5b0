package io.nslab.deploy;

import io.nslab.op.Op;

import java.util.List;

/**
 * What an {@code up} did.
 *
 * @param applied    the ops applied, in plan order (none when the lab was up to date)
 * @param timings    each phase's time and CPU
 * @param notes      about nodes' other namespaces and limits, and what the ledger was found to hold
 * @param hostNotes  about the host: neighbour-budget warnings, limits raised
 */
public record UpResult(List<Op> applied, List<PhaseTiming> timings, List<String> notes, List<String> hostNotes) {
    public UpResult {
        applied = List.copyOf(applied);
        timings = List.copyOf(timings);
        notes = List.copyOf(notes);
        hostNotes = List.copyOf(hostNotes);
    }

    /** Nothing needed doing. */
    public boolean upToDate() {
        return applied.isEmpty() && notes.stream().noneMatch(n -> n.startsWith("node "));
    }
}
