package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.isolation.NodeIsolation;
import io.nslab.model.Endpoint;
import io.nslab.model.IfName;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.load.LabLoader;
import io.nslab.op.LabDiff;
import io.nslab.op.NeighbourBudget;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.op.OpInverse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deploys labs on the kernel and takes them away again, owning exactly what it records.
 * {@code up} applies only the difference from the lab as last applied and, if any op fails or
 * the process is asked to stop, undoes what it did before it reports; {@code down} removes the
 * namespaces a lab claimed; {@code cleanup} does that for every lab on record.
 */
public final class Deployer {
    private final StateStore store;
    private final KernelNetwork network;
    private final Interruption interruption;
    private final Consumer<Op> beforeApply;
    private final List<PhaseTiming> timings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> hostNotes = new ArrayList<>();
    private HostNeighbourLimits hostLimits = HostNeighbourLimits.standard();
    private boolean tuneHost;
    private boolean allowHost;

    /** How long one phase of the last {@code up} took (and the process's CPU time in it): ops of one kind, applied together. */
    public record PhaseTiming(String kind, int ops, long nanos, ProcessCpu cpu) {
    }

    /** The phases of the last {@code up}, in order. */
    public List<PhaseTiming> timings() {
        return List.copyOf(timings);
    }

    public Deployer(StateStore store, KernelNetwork network, Interruption interruption) {
        this(store, network, interruption, op -> {
        });
    }

    /** With a hook that runs before each op: tests inject failures through it. */
    Deployer(StateStore store, KernelNetwork network, Interruption interruption, Consumer<Op> beforeApply) {
        this.store = store;
        this.network = network;
        this.interruption = interruption;
        this.beforeApply = beforeApply;
    }

    /** Reads (and, with {@link #tuneHost}, writes) the host's neighbour limits under another /proc/sys: tests use a fake one. */
    public Deployer hostLimits(HostNeighbourLimits limits) {
        this.hostLimits = limits;
        return this;
    }

    /**
     * Lets {@code up} raise the host's neighbour-table limits to what the lab needs (recording the old
     * values for {@code down} and {@code cleanup} to restore). Without it the host's sysctls are never written.
     */
    public Deployer tuneHost(boolean tune) {
        this.tuneHost = tune;
        return this;
    }

    /**
     * Allows labs with {@code host:IFNAME} endpoints, which create interfaces in the host's own network
     * namespace (the one nslab runs in). Without it {@code up} refuses such a lab before touching anything.
     */
    public Deployer allowHost(boolean allow) {
        this.allowHost = allow;
        return this;
    }

    /** What the last {@code up} or {@code down} said or did about the host: budget warnings, limits raised or restored. */
    public List<String> hostNotes() {
        return List.copyOf(hostNotes);
    }

    /**
     * The lab's neighbour budget against the host's limits; throws (exit 3) when the dynamic entries would
     * overflow the host's table and the host may not be tuned, before anything is created.
     */
    public NeighbourBudget.Verdict checkBudget(Lab lab, NeighbourBudget budget) {
        NeighbourBudget.Verdict verdict = hostLimits.verdict(lab.name(), budget);
        if (verdict instanceof NeighbourBudget.Verdict.Over over && !(tuneHost && hostLimits.canRaise())) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab up " + lab.name() + ": " + over.message());
        }
        if (verdict instanceof NeighbourBudget.Verdict.Warning w && !tuneHost) {
            hostNotes.add("warning: " + w.message());
        }
        return verdict;
    }

    /** What {@code up} would apply to the running lab (or to an empty host). */
    public List<Op> plan(Lab lab) {
        LabRecord record = store.lab(lab.name());
        Optional<Lab> old = applied(record);
        Set<String> live = new HashSet<>(Set.of(Lab.HOST_NETNS)); // the host always exists
        for (String ns : record.namespaces()) {
            if (network.exists(ns)) {
                live.add(ns);
            }
        }
        return LabDiff.between(old, lab, live, record.originalSysctls());
    }

    /** Brings the kernel to {@code lab}; returns the ops applied (none when it already was). */
    public List<Op> up(Lab lab, String labText, Consumer<Op> progress) {
        hostNotes.clear();
        refuseHostEndpoints(lab);
        NeighbourBudget budget = NeighbourBudget.of(lab);
        NeighbourBudget.Verdict verdict = checkBudget(lab, budget); // before the lock, which creates the record
        try (StateStore.Lock ignored = store.lock(lab.name())) {
            LabRecord record = store.lab(lab.name());
            if (tuneHost && !(verdict instanceof NeighbourBudget.Verdict.Fits)) {
                hostLimits.raise(budget, record).forEach(c -> hostNotes.add("host: raised " + c + " (down and cleanup restore it)"));
            }
            List<Op> ops = plan(lab);
            Optional<Lab> old = applied(record);
            if (ops.isEmpty() && isolationChanges(lab).isEmpty()) {
                record.saveAppliedLab(labText);
                return ops;
            }
            Set<String> claimed = new HashSet<>(record.namespaces());
            Rollback rollback = new Rollback(network, record);
            try {
                timings.clear();
                for (List<Op> group : phases(ops)) {
                    long t0 = System.nanoTime();
                    ProcessCpu cpu0 = ProcessCpu.now();
                    interruption.check();
                    if (group.getFirst() instanceof Op.AddNamespace) {
                        rollback.claimed(claimAll(group, record, claimed));
                    }
                    List<Op.AddVeth> hostLinks = hostLinks(group);
                    hostLinks.forEach(v -> record.claimHostLink(v.name().value()));
                    if (group.getFirst() instanceof Op.DeleteNamespace) {
                        for (Op op : group) {
                            beforeApply.accept(op);
                            apply(op, record, claimed, rollback);
                            progress.accept(op);
                        }
                        awaitPeersGone(old, group);
                        timings.add(new PhaseTiming("DeleteNamespace", group.size(), System.nanoTime() - t0,
                                ProcessCpu.now().minus(cpu0)));
                        continue;
                    }
                    if (group.getFirst() instanceof Op.AddNamespace && group.size() >= 16 && THREADS > 1) {
                        createInParallel(group, record, claimed, rollback, progress);
                    } else if (group.size() == 1 || !batchable(group.getFirst())) {
                        for (Op op : group) {
                            interruption.check();
                            beforeApply.accept(op);
                            apply(op, record, claimed, rollback);
                            progress.accept(op);
                        }
                    } else {
                        applyBatch(group, rollback, progress);
                    }
                    for (Op.AddVeth v : hostLinks) {
                        network.linkIndex(v.netns(), v.name().value())
                                .ifPresent(index -> record.hostLinkCreated(v.name().value(), index));
                    }
                    timings.add(new PhaseTiming(group.getFirst().getClass().getSimpleName(), group.size(),
                            System.nanoTime() - t0, ProcessCpu.now().minus(cpu0)));
                }
                interruption.check();
                isolate(lab, old, ops, record, rollback);
                interruption.check();
            } catch (RuntimeException e) {
                List<String> failures = rollback.run();
                if (record.namespaces().isEmpty() && record.appliedLab().isEmpty()) {
                    stopIsolations(record);
                    hostLimits.restore(record);
                    record.delete();
                }
                throw failure(lab, e, rollback.size(), failures);
            }
            record.saveAppliedLab(labText);
            return ops;
        }
    }

    /**
     * The nodes whose other namespaces must be made (again): isolation new or changed since the lab
     * as last applied, or the node's network namespace made (again) by this run.
     */
    public List<Node> isolationChanges(Lab lab) {
        LabRecord record = store.lab(lab.name());
        Optional<Lab> old = applied(record);
        List<Node> out = new ArrayList<>();
        for (Node n : lab.nodes().values()) {
            Optional<Node> before = old.flatMap(o -> o.node(n.name()));
            boolean changed = before.map(b -> !b.isolation().equals(n.isolation())).orElse(n.isolation().isIsolated());
            boolean lost = n.isolation().isIsolated()
                    && n.isolation().kinds().stream().anyMatch(k -> isolation(record, n).file(k).isEmpty());
            if (changed || lost) {
                out.add(n);
            }
        }
        return out;
    }

    private NodeIsolation isolation(LabRecord record, Node n) {
        return new NodeIsolation(record.directory(), record.name(), n.name().value());
    }

    private void isolate(Lab lab, Optional<Lab> old, List<Op> ops, LabRecord record, Rollback rollback) {
        Set<String> recreated = new HashSet<>();
        ops.stream().filter(op -> op instanceof Op.AddNamespace).forEach(op -> recreated.add(op.netns()));
        Set<Node> todo = new java.util.LinkedHashSet<>(isolationChanges(lab));
        lab.nodes().values().stream().filter(n -> n.isolation().isIsolated() && recreated.contains(lab.netnsOf(n.name()))).forEach(todo::add);
        notes.clear();
        for (Node n : todo) {
            interruption.check();
            NodeIsolation iso = isolation(record, n);
            iso.stop();
            if (n.isolation().isIsolated()) {
                rollback.isolated(iso);
                List<String> limits = iso.start(network.registry().directory().resolve(lab.netnsOf(n.name())), n.isolation(),
                        hostsFile(lab));
                notes.add("node " + n.name() + ": own " + n.isolation().kinds().stream().map(k -> k.word()).toList()
                        + (limits.isEmpty() ? "" : "; limits in force: " + String.join(", ", limits)));
            }
        }
    }

    /**
     * Waits (at most {@code max}) until every veth whose ends are both up has carrier on both ends:
     * the kernel raises carrier asynchronously, and a packet sent before that is dropped, which would
     * make the first probes after {@code up} see loss that is not there.
     */
    public boolean awaitCarrier(Lab lab, java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            boolean ready = true;
            for (var l : lab.links()) {
                if (!l.a().up() || !l.b().up()) {
                    continue;
                }
                for (var e : l.endpoints()) {
                    if (!network.hasCarrier(lab.netnsOf(e.node()), e.ifname().value())) {
                        ready = false;
                        break;
                    }
                }
                if (!ready) {
                    break;
                }
            }
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

    /** /etc/hosts for nodes that ask for one: localhost, then every node of the lab at its first address. */
    static String hostsFile(Lab lab) {
        StringBuilder sb = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        for (var name : lab.nodes().keySet()) {
            lab.addressOf(name.value()).ifPresent(a -> sb.append(a).append('\t').append(name).append('\n'));
        }
        return sb.toString();
    }

    /**
     * Waits (at most 2 s) until the veth ends that the deleted namespaces' links had in surviving namespaces are
     * gone: the kernel destroys a namespace's devices asynchronously, 9-42 ms after its last reference goes, and
     * creating a link of the same name before that fails with File exists.
     */
    private void awaitPeersGone(Optional<Lab> old, List<Op> deleted) {
        if (old.isEmpty()) {
            return;
        }
        Set<String> gone = new HashSet<>();
        deleted.forEach(op -> gone.add(op.netns()));
        List<String[]> peers = new ArrayList<>();
        for (var l : old.get().links()) {
            String a = old.get().netnsOf(l.a().node());
            String b = old.get().netnsOf(l.b().node());
            if (gone.contains(a) && !gone.contains(b)) {
                peers.add(new String[] {b, l.b().ifname().value()});
            } else if (gone.contains(b) && !gone.contains(a)) {
                peers.add(new String[] {a, l.a().ifname().value()});
            }
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (String[] p : peers) {
            while (network.exists(p[0]) && network.hasLink(p[0], p[1]) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** What the last {@code up} said about nodes' other namespaces and limits. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Claims a phase's namespaces with one durable write before any is created, after checking that none
     * exists already: a name taken by someone else is refused, never claimed.
     */
    private List<String> claimAll(List<Op> group, LabRecord record, Set<String> claimed) {
        List<String> names = new ArrayList<>();
        for (Op op : group) {
            String ns = op.netns();
            if (network.exists(ns)) {
                throw new NslabException(ExitCode.BAD_INPUT, "namespace \"" + ns
                        + "\" already exists and is not this lab's; remove it or choose another netns-prefix");
            }
            if (!claimed.contains(ns)) {
                names.add(ns);
            }
        }
        record.claimNamespaces(names);
        return names;
    }

    /** Runs of consecutive ops of one kind: a phase of the plan, whose ops do not depend on one another. */
    static List<List<Op>> phases(List<Op> ops) {
        List<List<Op>> out = new ArrayList<>();
        for (Op op : ops) {
            if (out.isEmpty() || out.getLast().getFirst().getClass() != op.getClass()) {
                out.add(new ArrayList<>());
            }
            out.getLast().add(op);
        }
        return out;
    }

    private static boolean batchable(Op op) {
        return !(op instanceof Op.AddNamespace || op instanceof Op.SetSysctl);
    }

    /** A phase sent as one batch per namespace; what succeeded is registered for rollback before a failure is thrown. */
    private void applyBatch(List<Op> group, Rollback rollback, Consumer<Op> progress) {
        RuntimeException injected = null;
        List<Op> toSend = new ArrayList<>();
        for (Op op : group) {
            try {
                beforeApply.accept(op);
                toSend.add(op);
            } catch (RuntimeException e) {
                injected = e;
                break;
            }
        }
        List<Optional<OpException>> results = network.applyBatch(toSend);
        OpException first = null;
        for (int i = 0; i < toSend.size(); i++) {
            Op op = toSend.get(i);
            if (results.get(i).isEmpty()) {
                rollback.applied(op, OpInverse.of(op));
                progress.accept(op);
            } else if (first == null) {
                first = results.get(i).get();
            }
        }
        if (first != null) {
            throw first;
        }
        if (injected != null) {
            throw injected;
        }
    }

    /**
     * Threads that create namespaces; see {@link #createInParallel}. Four on two cores: each thread waits for
     * its namespace thread and for the kernel's locks, and the others fill those waits (1001 namespaces: 380-400
     * ms on two threads, 305-340 on four, no better on six or eight).
     */
    static final int THREADS = Integer.getInteger("nslab.threads", 4);

    /**
     * Creates a phase's namespaces on {@link #THREADS} threads. Most of the kernel's work for a new
     * namespace is serialised, but the unshare, the bind mount and the socket setup around it are not.
     * The first failure stops the others; what was created is registered for rollback either way.
     */
    private void createInParallel(List<Op> group, LabRecord record, Set<String> claimed, Rollback rollback, Consumer<Op> progress) {
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            threads.add(Thread.ofPlatform().name("nslab-create-" + t).start(() -> {
                for (int i = next.getAndIncrement(); i < group.size() && failure.get() == null; i = next.getAndIncrement()) {
                    Op op = group.get(i);
                    try {
                        interruption.check();
                        beforeApply.accept(op);
                        apply(op, record, claimed, rollback);
                        synchronized (progress) {
                            progress.accept(op);
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new NslabException(ExitCode.ENVIRONMENT, "interrupted"));
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void apply(Op op, LabRecord record, Set<String> claimed, Rollback rollback) {
        switch (op) {
            case Op.AddNamespace a -> {
                try {
                    network.apply(op);
                } catch (RuntimeException e) {
                    if (!claimed.contains(a.netns())) {
                        synchronized (record) {
                            record.releaseNamespace(a.netns());
                        }
                    }
                    throw e;
                }
                rollback.created(a.netns());
            }
            case Op.SetSysctl s -> {
                String before;
                try {
                    before = network.readSysctl(s.netns(), s.key());
                } catch (java.io.UncheckedIOException e) {
                    throw KernelNetwork.sysctlFailure(op, e); // was an internal error naming no node
                }
                record.rememberSysctl(s.netns(), s.key(), before);
                network.apply(op);
                rollback.applied(op, Optional.of(new Op.SetSysctl(s.netns(), s.key(), before)));
            }
            default -> {
                network.apply(op);
                rollback.applied(op, OpInverse.of(op));
            }
        }
    }

    private static NslabException failure(Lab lab, RuntimeException e, int undone, List<String> rollbackFailures) {
        String where = "";
        String what = e.getMessage();
        ExitCode code = e instanceof NslabException n ? n.exitCode() : ExitCode.INTERNAL;
        if (e instanceof OpException o) {
            String ns = o.op().netns();
            String node = ns.equals(Lab.HOST_NETNS) ? Lab.HOST.value()
                    : ns.startsWith(lab.netnsPrefix()) ? ns.substring(lab.netnsPrefix().length()) : ns;
            where = "node \"" + node + "\": ";
            what = o.op().command() + ": " + o.kernelMessage();
        }
        StringBuilder msg = new StringBuilder("nslab up " + lab.name() + ": " + where + what);
        msg.append("\nrolled back ").append(undone).append(undone == 1 ? " change" : " changes").append("; nothing of this run is left");
        if (!rollbackFailures.isEmpty()) {
            msg.setLength(msg.length() - "; nothing of this run is left".length());
            msg.append("; could not undo:");
            rollbackFailures.forEach(f -> msg.append("\n  ").append(f));
        }
        return new NslabException(code, msg.toString(), e);
    }

    /** Removes a lab: its namespaces (and with them every link, address and route in them), then its record. */
    public int down(String labName) {
        LabRecord record = store.lab(labName);
        if (!record.exists()) {
            throw new NslabException(ExitCode.BAD_INPUT, "no lab \"" + labName + "\" is running"
                    + (store.labs().isEmpty() ? "" : " (running: " + String.join(", ", store.labs()) + ")"));
        }
        try (StateStore.Lock ignored = store.lock(labName)) {
            stopIsolations(record);
            hostNotes.clear();
            deleteHostLinks(record);
            int removed = network.deleteNamespaces(record.namespaces().reversed()).size();
            hostLimits.restore(record).forEach(r -> hostNotes.add("host: restored " + r));
            record.delete();
            return removed;
        }
    }

    private void refuseHostEndpoints(Lab lab) {
        List<Endpoint> host = lab.hostEndpoints();
        if (!host.isEmpty() && !allowHost) {
            throw new NslabException(ExitCode.BAD_INPUT, "lab " + lab.name() + " has "
                    + (host.size() == 1 ? "a host endpoint (" : host.size() + " host endpoints (")
                    + String.join(", ", host.stream().map(Endpoint::label).toList())
                    + "): interfaces in this machine's own network namespace, which nslab changes only when asked. "
                    + "Run nslab up --allow-host to create them (down removes them), or give the link a node of the lab instead of host.");
        }
    }

    /** The veth pairs of a phase that are made from the host's side. */
    private static List<Op.AddVeth> hostLinks(List<Op> group) {
        List<Op.AddVeth> out = new ArrayList<>();
        for (Op op : group) {
            if (op instanceof Op.AddVeth v && v.netns().equals(Lab.HOST_NETNS)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Deletes the host interfaces this lab made, each only if it still has the index it was made with (the
     * kernel would remove them with the lab's namespaces too, but a moment later).
     */
    private void deleteHostLinks(LabRecord record) {
        record.hostLinks().forEach((name, index) -> {
            if (index > 0 && network.linkIndex(Lab.HOST_NETNS, name).equals(java.util.OptionalInt.of(index))) {
                network.apply(new Op.DeleteLink(Lab.HOST_NETNS, IfName.of(name)));
            }
        });
    }

    private static void stopIsolations(LabRecord record) {
        java.nio.file.Path nodes = record.directory().resolve("nodes");
        if (java.nio.file.Files.isDirectory(nodes)) {
            try (var dirs = java.nio.file.Files.list(nodes)) {
                for (java.nio.file.Path d : dirs.toList()) {
                    new NodeIsolation(record.directory(), record.name(), d.getFileName().toString()).stop();
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        NodeIsolation.releaseDirectory(record.directory());
    }

    /** Removes every lab on record; returns the namespaces removed. */
    public int cleanup() {
        int removed = 0;
        for (String lab : store.labs()) {
            removed += down(lab);
        }
        store.removeAbandoned();
        return removed;
    }

    /** The lab as last applied, read from its record. */
    public Optional<Lab> applied(LabRecord record) {
        return record.appliedLab().map(text -> LabLoader.parse(record.directory().resolve("lab.yaml").toString(), text));
    }

    public StateStore store() {
        return store;
    }

    /** Undo list of one {@code up}. */
    static final class Rollback {
        private final KernelNetwork network;
        private final LabRecord record;
        private final Set<String> createdNamespaces = new HashSet<>();
        private final List<String> claims = new ArrayList<>();
        private final List<NodeIsolation> isolations = new ArrayList<>();
        private final List<Op> undo = new ArrayList<>();
        private int size;

        Rollback(KernelNetwork network, LabRecord record) {
            this.network = network;
            this.record = record;
        }

        synchronized void isolated(NodeIsolation iso) {
            isolations.add(iso);
            size++;
        }

        synchronized void claimed(List<String> netns) {
            claims.addAll(netns);
        }

        synchronized void created(String netns) {
            createdNamespaces.add(netns);
            undo.add(new Op.DeleteNamespace(netns));
            size++;
        }

        synchronized void applied(Op op, Optional<Op> inverse) {
            size++;
            if (inverse.isPresent() && !createdNamespaces.contains(op.netns())) {
                undo.add(inverse.get());
            }
        }

        int size() {
            return size;
        }

        /** Undoes in reverse order; returns what could not be undone. */
        List<String> run() {
            List<String> failures = new ArrayList<>();
            for (NodeIsolation iso : isolations.reversed()) {
                try {
                    iso.stop();
                } catch (RuntimeException e) {
                    failures.add("stop " + iso.directory() + ": " + e.getMessage());
                }
            }
            for (Op op : undo.reversed()) {
                try {
                    network.apply(op);
                    if (op instanceof Op.DeleteNamespace d) {
                        record.releaseNamespace(d.netns());
                    }
                } catch (RuntimeException e) {
                    failures.add(op.command() + ": " + e.getMessage());
                }
            }
            for (String ns : claims) {
                if (!network.exists(ns)) {
                    record.releaseNamespace(ns); // claimed by this run, never created
                }
            }
            return failures;
        }
    }
}
