package io.nslab.deploy;

import io.nslab.op.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code up} will do, as a value to print ({@code nslab plan}), check ({@link Preflight}) and then apply:
 * phases of ops of one kind that do not depend on one another (all namespaces, then all veth pairs, ...), in the
 * order the kernel needs them.
 */
public record Plan(List<Phase> phases) {

    public Plan {
        phases = List.copyOf(phases);
    }

    /** Ops of one kind, applied together: one batch per namespace on the kernel. */
    public record Phase(String kind, List<Op> ops) {
        public Phase {
            ops = List.copyOf(ops);
        }
    }

    /** Runs of consecutive ops of one kind become the phases. */
    public static Plan of(List<Op> ops) {
        List<Phase> phases = new ArrayList<>();
        List<Op> run = new ArrayList<>();
        for (Op op : ops) {
            if (!run.isEmpty() && run.getFirst().getClass() != op.getClass()) {
                phases.add(new Phase(run.getFirst().getClass().getSimpleName(), run));
                run = new ArrayList<>();
            }
            run.add(op);
        }
        if (!run.isEmpty()) {
            phases.add(new Phase(run.getFirst().getClass().getSimpleName(), run));
        }
        return new Plan(phases);
    }

    public List<Op> ops() {
        return phases.stream().flatMap(p -> p.ops().stream()).toList();
    }

    /** The plan without these ops (found done already). */
    public Plan without(List<Op> skip) {
        if (skip.isEmpty()) {
            return this;
        }
        java.util.Set<Op> s = new java.util.HashSet<>(skip);
        return of(ops().stream().filter(op -> !s.contains(op)).toList());
    }

    public boolean isEmpty() {
        return phases.isEmpty();
    }
}
