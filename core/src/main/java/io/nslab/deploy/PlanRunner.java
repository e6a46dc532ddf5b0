package io.nslab.deploy;

import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.op.PhaseListener;
import io.nslab.op.SysctlKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies a plan phase by phase, keeping the ownership ledger equal to what the lab owns at every moment, by the
 * same code that applies each op: a namespace is claimed before it is made and owned (with its inode) before its
 * name is bound; a deletion is released once done; a host interface is claimed before and owned (with its index)
 * after; a sysctl's value is remembered before it is first set. Each op that takes effect goes on the undo list.
 */
final class PlanRunner {
    private final DeployTarget target;
    private final LabRecord record;
    private final Rollback rollback;
    private final Interruption interruption;
    private final Consumer<Op> progress;

    PlanRunner(DeployTarget target, LabRecord record, Rollback rollback, Interruption interruption, Consumer<Op> progress) {
        this.target = target;
        this.record = record;
        this.rollback = rollback;
        this.interruption = interruption;
        this.progress = progress;
    }

    /** Runs every phase; throws the first failure (or the interruption) once what took effect is registered. */
    List<PhaseTiming> run(Plan plan, Optional<Lab> old) {
        List<PhaseTiming> timings = new ArrayList<>();
        for (Plan.Phase phase : plan.phases()) {
            interruption.check();
            long t0 = System.nanoTime();
            ProcessCpu cpu0 = ProcessCpu.now();
            before(phase.ops());
            List<Op> applied = Collections.synchronizedList(new ArrayList<>());
            Optional<RuntimeException> failure = target.applyPhase(phase.ops(), listener(applied));
            after(phase.ops(), applied);
            failure.ifPresent(e -> {
                throw e;
            });
            interruption.check();
            if (phase.ops().getFirst() instanceof Op.DeleteNamespace && old.isPresent()) {
                VethTeardown.await(target, old.get(), phase.ops().stream().map(Op::netns).toList());
            }
            timings.add(new PhaseTiming(phase.kind(), phase.ops().size(), System.nanoTime() - t0, ProcessCpu.now().minus(cpu0)));
        }
        return timings;
    }

    private PhaseListener listener(List<Op> applied) {
        return new PhaseListener() {
            @Override
            public void namespaceMade(NamespaceRef.Named netns, long inode) {
                record.ownNamespace(netns, inode);
            }

            @Override
            public void applied(Op op) {
                if (op instanceof Op.DeleteNamespace d) {
                    record.releaseNamespaces(List.of(d.netns())); // at once: a kill later must not leave it claimed
                }
                applied.add(op);
                rollback.applied(op);
                synchronized (progress) {
                    progress.accept(op);
                }
            }

            @Override
            public boolean stopRequested() {
                return interruption.isRequested();
            }
        };
    }

    /** What the ledger must say before a phase's ops are tried. */
    private void before(List<Op> ops) {
        List<NamespaceRef.Named> claims = new ArrayList<>();
        // every other op changes what a namespace holds, not what the lab owns
        for (Op op : ops) {
            if (op instanceof Op.AddNamespace a) {
                claims.add(a.netns());
            } else if (op instanceof Op.AddVeth v && v.netns().isHost()) {
                record.claimHostLink(v.name());
            } else if (op instanceof Op.SetSysctl s) {
                SysctlKey key = new SysctlKey(s.netns(), s.key());
                String before = readSysctl(s);
                record.rememberSysctl(key, before);
                rollback.sysctlBefore(key, before);
            }
        }
        record.claimNamespaces(claims);
    }

    /** What the ledger must say once a phase is over: deletions released, failed creations unclaimed, host indexes. */
    private void after(List<Op> ops, List<Op> applied) {
        Set<Op> done = new HashSet<>(applied);
        List<NamespaceRef.Named> released = new ArrayList<>();
        for (Op op : ops) {
            if (op instanceof Op.AddNamespace a && !done.contains(op)) {
                released.add(a.netns()); // never bound: not ours
            } else if (op instanceof Op.AddVeth v && v.netns().isHost()) {
                Integer index = done.contains(op) ? target.links(NamespaceRef.HOST).get(v.name()) : null;
                if (index != null) {
                    record.ownHostLink(v.name(), index);
                } else {
                    record.releaseHostLink(v.name());
                }
            } else if (op instanceof Op.DeleteLink d && d.netns().isHost() && done.contains(op)) {
                record.releaseHostLink(d.name());
            }
        }
        record.releaseNamespaces(released);
    }

    private String readSysctl(Op.SetSysctl s) {
        try {
            return target.readSysctl(s.netns(), s.key());
        } catch (java.io.UncheckedIOException e) {
            throw io.nslab.kernel.KernelNetwork.sysctlFailure(s, e);
        }
    }
}
