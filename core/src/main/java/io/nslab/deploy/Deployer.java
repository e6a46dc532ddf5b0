package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Endpoint;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Node;
import io.nslab.model.load.LabLoader;
import io.nslab.op.LabDiff;
import io.nslab.op.NeighbourBudget;
import io.nslab.op.Op;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deploys labs on a {@link DeployTarget} — the kernel or the simulator — and takes them away again, owning exactly
 * what its ledger ({@link LabRecord}) records. {@code up} plans the difference from the lab as last applied,
 * checks the whole plan against the world before the first change ({@link Preflight}), applies it phase by phase
 * keeping the ledger true ({@link PlanRunner}), and on any failure or signal undoes what it did and says exactly
 * what is left ({@link UpFailure}). {@code down} and {@code cleanup} are {@link Teardown}'s.
 */
public final class Deployer {
    private final StateStore store;
    private final DeployTarget target;
    private final Interruption interruption;
    private HostNeighbourLimits hostLimits = HostNeighbourLimits.standard();
    private boolean tuneHost;
    private boolean allowHost;
    private boolean keepDrift;
    private Duration lockWait = Duration.ofSeconds(60);
    private Consumer<String> notices = System.err::println;

    public Deployer(StateStore store, DeployTarget target, Interruption interruption) {
        this.store = store;
        this.target = target;
        this.interruption = interruption;
    }

    /** Reads (and, with {@link #tuneHost}, writes) the host's neighbour limits under another /proc/sys: tests use a fake one. */
    public Deployer hostLimits(HostNeighbourLimits limits) {
        this.hostLimits = limits;
        return this;
    }

    /**
     * Lets {@code up} raise the host's neighbour-table limits to what the lab needs (recording the old values for
     * {@code down} and {@code cleanup} to restore). Without it the host's sysctls are never written.
     */
    public Deployer tuneHost(boolean tune) {
        this.tuneHost = tune;
        return this;
    }

    /**
     * Allows labs with {@code host:IFNAME} endpoints, which create interfaces in the host's own network namespace
     * (the one nslab runs in). Without it {@code up} refuses such a lab before touching anything.
     */
    public Deployer allowHost(boolean allow) {
        this.allowHost = allow;
        return this;
    }

    /**
     * Leaves what was changed by hand in the lab's namespaces since the last {@code up} (a route deleted, a link set
     * down, forwarding turned off, an address added) as it is; by default {@code up} puts back the lab as last applied
     * before it applies the file.
     */
    public Deployer keepDrift(boolean keep) {
        this.keepDrift = keep;
        return this;
    }

    /** How long to wait for another command that holds a lab's lock, and where to say that it is waited for. */
    public Deployer lockWait(Duration wait, Consumer<String> noticeSink) {
        this.lockWait = wait;
        this.notices = noticeSink;
        return this;
    }

    public StateStore store() {
        return store;
    }

    public DeployTarget target() {
        return target;
    }

    /** What {@code up} would apply to the running lab (or to an empty host). Reads the world, changes nothing. */
    public Plan plan(Lab lab) {
        LabRecord record = store.lab(lab.name());
        return planFrom(record, LiveOwnership.check(record, target), lab);
    }

    private Optional<String> sysctl(NamespaceRef netns, String key) {
        try {
            return Optional.of(target.readSysctl(netns, key));
        } catch (RuntimeException e) {
            return Optional.empty(); // a device without IPv6 has no such key: nothing to compare
        }
    }

    /** Why {@code up} would refuse {@code plan} for {@code lab}, before any change; empty when it would go ahead. */
    public List<Refusal> preflight(Lab lab, Plan plan) {
        List<Refusal> refusals = new ArrayList<>(labRefusals(lab, new ArrayList<>()));
        LabRecord record = store.lab(lab.name());
        refusals.addAll(Preflight.check(plan, target, lab, applied(record),
                Set.copyOf(LiveOwnership.check(record, target).unfinished())).refusals());
        return refusals;
    }

    /**
     * The ops from the world as the ledger proves it to the file: first the namespaces an interrupted {@code up} made
     * that the lab as last applied does not have (they are the lab's, by inode, and in nobody's plan), then the
     * difference from the lab as last applied.
     */
    private Plan planFrom(LabRecord record, LiveOwnership live, Lab lab) {
        Optional<Lab> old = applied(record);
        Set<NamespaceRef> inOld = new java.util.HashSet<>();
        old.ifPresent(o -> o.nodes().keySet().forEach(n -> inOld.add(o.namespaceOf(n))));
        List<Op> ops = new ArrayList<>();
        // an interrupted run left the namespaces it was changing half-changed: they are made again from the file
        List<NamespaceRef.Named> halfChanged = record.interrupted().orElse(List.of());
        // the namespaces kept as they are; the others are deleted first, so nothing after may repair or diff them:
        // one an interrupted edit made and configured was repaired as drift (its addresses deleted) after its deletion
        Set<NamespaceRef> alive = new LinkedHashSet<>();
        for (NamespaceRef.Named n : live.ours().keySet()) {
            if (!inOld.contains(n) || halfChanged.contains(n)) {
                ops.add(new Op.DeleteNamespace(n));
            } else {
                alive.add(n);
            }
        }
        if (!keepDrift && old.isPresent() && !alive.isEmpty()) {
            // what changed by hand since: put back first, so the edit starts from the lab it recorded
            ops.addAll(Repair.ops(old.get(), target.configuration(List.copyOf(alive)), alive, this::sysctl));
        }
        ops.addAll(LabDiff.between(old, lab, alive, record.originalSysctls()));
        return Plan.of(ops);
    }

    /** Brings the world to {@code lab}; throws {@link UpFailure} when refused or rolled back. */
    public UpResult up(Lab lab, String labText, Consumer<Op> progress) {
        List<String> hostNotes = new ArrayList<>();
        List<Refusal> early = labRefusals(lab, hostNotes); // before the lock, which makes the record
        if (!early.isEmpty()) {
            throw UpFailure.refused(lab, early, hostNotes);
        }
        try (StateStore.Lock ignored = store.lock(lab.name(), lockWait, notices); LabRecord record = store.lab(lab.name())) {
            Optional<Lab> old = applied(record);
            LiveOwnership live = LiveOwnership.check(record, target);
            old.ifPresent(o -> VethTeardown.await(target, o, live.gone())); // deleted outside nslab: their peers go too
            Plan plan = planFrom(record, live, lab);
            NodeIsolator isolator = target.isolator(record.directory(), lab.name());
            List<Node> isolate = isolationChanges(lab, old, isolator, plan);
            List<String> notes = new ArrayList<>(record.problems());
            plan.ops().stream().filter(op -> op instanceof Op.DeleteNamespace d && old.flatMap(o -> o.nodeOf(d.netns())).isEmpty())
                    .forEach(op -> notes.add("namespace " + op.netns() + ": made by an up that was interrupted; removed"));
            if (plan.isEmpty() && isolate.isEmpty() && !live.stale()) {
                record.saveAppliedLab(labText);
                record.endApply();
                return new UpResult(List.of(), List.of(), notes, hostNotes);
            }
            Preflight.Result checked = Preflight.check(plan, target, lab, old, Set.copyOf(live.unfinished()));
            List<Refusal> refusals = checked.refusals();
            plan = plan.without(checked.done());
            if (!refusals.isEmpty()) {
                if (!record.holdsAnything() && old.isEmpty()) {
                    record.delete();
                }
                throw UpFailure.refused(lab, refusals, hostNotes);
            }
            notes.addAll(live.settle(record, target));
            if (tuneHost) {
                hostLimits.raise(NeighbourBudget.of(lab), lab.name(), store.hostTuning())
                        .forEach(c -> hostNotes.add("host: raised " + c + " (the last lab to need it restores it on down)"));
            }
            // one note per namespace, which the command line counts: the names of a 150-node lab make no line to read
            record.interrupted().orElse(List.of()).forEach(n -> notes.add("namespace " + n.name()
                    + ": changed by an up that was interrupted; made again from the file"));
            record.beginApply(changing(plan, live));
            Rollback rollback = new Rollback(old);
            try {
                stopOrphanIsolation(lab, old, plan, isolator);
                List<PhaseTiming> timings = new PlanRunner(target, record, rollback, interruption, progress).run(plan, old);
                notes.addAll(isolate(lab, isolate, isolator, rollback));
                interruption.check();
                record.saveAppliedLab(labText);
                record.endApply();
                return new UpResult(plan.ops(), timings, notes, hostNotes);
            } catch (RuntimeException e) {
                List<String> failures = rollback.run(target, record, isolator);
                record.endApply(); // what the run did is undone or released: the world is the old lab's again
                if (!record.holdsAnything() && record.appliedLab().isEmpty()) {
                    isolator.stopAll();
                    try {
                        hostNotes.addAll(hostLimits.release(lab.name(), store.hostTuning()).stream().map(r -> "host: " + r).toList());
                    } catch (NslabException tuning) {
                        hostNotes.add("host tuning left alone: " + tuning.getMessage());
                    }
                    record.delete();
                }
                throw UpFailure.rolledBack(lab, e, rollback, failures, hostNotes);
            }
        }
    }

    /** The lab's existing namespaces that {@code plan} changes: what an interrupted run would leave half-changed. */
    private static List<NamespaceRef.Named> changing(Plan plan, LiveOwnership live) {
        Set<NamespaceRef.Named> out = new LinkedHashSet<>();
        for (Op op : plan.ops()) {
            List<NamespaceRef> touched = op instanceof Op.AddVeth v ? List.of(v.netns(), v.peerNetns())
                    : op instanceof Op.MoveLink m ? List.of(m.netns(), m.target()) : List.of(op.netns());
            for (NamespaceRef n : touched) {
                if (n instanceof NamespaceRef.Named named && live.ours().containsKey(named)) {
                    out.add(named);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Ends the other namespaces of nodes whose network namespace an interrupted run made and this plan removes. */
    private static void stopOrphanIsolation(Lab lab, Optional<Lab> old, Plan plan, NodeIsolator isolator) {
        for (Op op : plan.ops()) {
            if (op instanceof Op.DeleteNamespace d && old.flatMap(o -> o.nodeOf(d.netns())).isEmpty()
                    && d.netns().name().startsWith(lab.netnsPrefix())) {
                String node = d.netns().name().substring(lab.netnsPrefix().length());
                if (io.nslab.model.NodeName.problem(node) == null) {
                    isolator.stop(io.nslab.model.NodeName.of(node));
                }
            }
        }
    }

    /** What refuses a lab whatever the plan: host endpoints without permission, a neighbour budget over the host's limits. */
    private List<Refusal> labRefusals(Lab lab, List<String> hostNotes) {
        List<Refusal> out = new ArrayList<>();
        // the deploy engine installs no firewall rules yet: a lab with rules would be a different network
        io.nslab.firewall.KernelFirewall.refusal(lab).ifPresent(why -> out.add(new Refusal(ExitCode.ENVIRONMENT, why)));
        boolean rootless = io.nslab.rootless.RootlessLaunch.inside().isPresent();
        if (rootless) {
            out.addAll(RootlessRefusals.of(lab, tuneHost));
        }
        List<Endpoint> host = lab.hostEndpoints();
        if (!host.isEmpty() && !allowHost && !rootless) {
            out.add(new Refusal(ExitCode.BAD_INPUT, "lab " + lab.name() + " has "
                    + (host.size() == 1 ? "a host endpoint (" : host.size() + " host endpoints (")
                    + String.join(", ", host.stream().map(Endpoint::label).toList())
                    + "): interfaces in this machine's own network namespace, which nslab changes only when asked. "
                    + "Run nslab up --allow-host to create them (down removes them), or give the link a node of the lab instead of host."));
        }
        NeighbourBudget.Verdict verdict = hostLimits.untunedVerdict(lab.name(), NeighbourBudget.of(lab), store.hostTuning());
        if (verdict instanceof NeighbourBudget.Verdict.Over over && !(tuneHost && hostLimits.canRaise())) {
            out.add(new Refusal(ExitCode.ENVIRONMENT, over.message()));
        }
        if (verdict instanceof NeighbourBudget.Verdict.Warning w && !tuneHost) {
            hostNotes.add("warning: " + w.message());
        }
        return out;
    }

    /**
     * The nodes whose other namespaces must be made (again): isolation new or changed since the lab as last
     * applied, lost since (a holder killed, a file unmounted), or its network namespace made again by this plan.
     */
    private List<Node> isolationChanges(Lab lab, Optional<Lab> old, NodeIsolator isolator, Plan plan) {
        Set<NamespaceRef> recreated = new java.util.HashSet<>();
        plan.ops().stream().filter(op -> op instanceof Op.AddNamespace).forEach(op -> recreated.add(op.netns()));
        List<Node> out = new ArrayList<>();
        for (Node n : lab.nodes().values()) {
            Optional<Node> before = old.flatMap(o -> o.node(n.name()));
            boolean changed = before.map(b -> !b.isolation().equals(n.isolation())).orElse(n.isolation().isIsolated());
            boolean lost = n.isolation().isIsolated() && (isolator.lost(n) || recreated.contains(lab.netnsOf(n.name())));
            if (changed || lost) {
                out.add(n);
            }
        }
        return out;
    }

    private List<String> isolate(Lab lab, List<Node> nodes, NodeIsolator isolator, Rollback rollback) {
        List<String> notes = new ArrayList<>();
        for (Node n : nodes) {
            interruption.check();
            isolator.stop(n.name());
            if (n.isolation().isIsolated()) {
                rollback.isolated(n.name());
                List<String> limits = isolator.start(n, lab.namespaceOf(n.name()), hostsFile(lab));
                notes.add("node " + n.name() + ": own " + n.isolation().kinds().stream().map(k -> k.word()).toList()
                        + (limits.isEmpty() ? "" : "; limits in force: " + String.join(", ", limits)));
            }
        }
        return notes;
    }

    /** /etc/hosts for nodes that ask for one: localhost, then every node of the lab at its first address. */
    static String hostsFile(Lab lab) {
        StringBuilder sb = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        for (var name : lab.nodes().keySet()) {
            lab.addressOf(name.value()).ifPresent(a -> sb.append(a).append('\t').append(name).append('\n'));
        }
        return sb.toString();
    }

    /**
     * Waits (at most {@code max}) until every veth whose ends are both up has carrier on both ends: the kernel
     * raises carrier asynchronously, and a packet sent before that is dropped, which would make the first probes
     * after {@code up} see loss that is not there.
     */
    public boolean awaitCarrier(Lab lab, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            boolean ready = lab.links().stream().filter(l -> l.a().up() && l.b().up())
                    .allMatch(l -> l.endpoints().stream().allMatch(e -> target.hasCarrier(lab.netnsOf(e.node()), e.ifname())));
            if (ready) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Removes a lab: everything its ledger proves is its own; see {@link Teardown#down}. */
    public DownResult down(String labName) {
        return new Teardown(store, target, hostLimits, lockWait, notices).down(labName);
    }

    /** Removes every lab on record; one lab that cannot be removed never stops the others. See {@link Teardown#cleanup}. */
    public List<DownResult> cleanup() {
        return new Teardown(store, target, hostLimits, lockWait, notices).cleanup();
    }

    /** The lab as last applied, read from its record. */
    public Optional<Lab> applied(LabRecord record) {
        return record.appliedLab().map(text -> LabLoader.parse(record.directory().resolve("lab.yaml").toString(), text));
    }

    /** Refuses (exit 2) a lab that is not running. */
    static NslabException notRunning(String labName, List<String> running) {
        return new NslabException(ExitCode.BAD_INPUT, "no lab \"" + labName + "\" is running"
                + (running.isEmpty() ? "" : " (running: " + String.join(", ", running) + ")"));
    }
}
