package io.nslab.kernel;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
import io.nslab.kernel.probe.KernelPing;
import io.nslab.model.NamespaceRef;
import io.nslab.kernel.probe.KernelTrace;
import io.nslab.kernel.probe.ProbeSockets;
import io.nslab.netlink.Errno;
import io.nslab.netlink.NamedNamespaces;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import io.nslab.probe.TraceRequest;
import io.nslab.probe.TraceResult;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel world: ops carried out on real namespaces through rtnetlink, no {@code ip} processes.
 * Namespaces live in iproute2's directory ({@code /run/netns}) or another one given for tests and
 * sandboxes. {@link #snapshot()} covers the namespaces this network created or was told to {@link #watch}.
 */
public final class KernelNetwork implements Network {
    private final Namespaces namespaces;
    private final OpApplier applier;
    private final Set<NamespaceRef> watched = ConcurrentHashMap.newKeySet();
    private final ProbeSockets probeSockets;

    public KernelNetwork(NamedNamespaces registry) {
        this.namespaces = new Namespaces(registry);
        this.applier = new OpApplier(namespaces);
        this.probeSockets = new ProbeSockets(this::probedNamespace);
    }

    /** The namespaces of {@code ip netns}. */
    public static KernelNetwork standard() {
        return new KernelNetwork(NamedNamespaces.standard());
    }

    public NamedNamespaces registry() {
        return namespaces.registry();
    }

    /** Includes existing namespaces in {@link #snapshot()}. */
    public void watch(List<? extends NamespaceRef> netns) {
        watched.addAll(netns);
    }

    /**
     * Deletes those of {@code netns} that exist and that {@code mayDelete} accepts by name and inode (read from the
     * namespace once it is held), as {@link Op.DeleteNamespace} would one by one but without waiting on the kernel's
     * teardown of each (see {@link NamedNamespaces#deleteAll}); returns those deleted.
     */
    public List<NamespaceRef.Named> deleteNamespaces(List<NamespaceRef.Named> netns,
                                                     java.util.function.BiPredicate<NamespaceRef.Named, Long> mayDelete) {
        List<NamespaceRef.Named> deleted = namespaces.deleteAll(netns, mayDelete);
        deleted.forEach(watched::remove);
        return deleted;
    }

    public boolean exists(NamespaceRef netns) {
        return namespaces.exists(netns);
    }

    /**
     * The inode of a named namespace, if a namespace is bound under that name (not a leftover placeholder). A
     * namespace whose name is gone, or held by another namespace now, is forgotten here: a handle kept on it would
     * keep it, and its veths, alive, and reach it instead of the one that has the name.
     */
    public java.util.OptionalLong identity(NamespaceRef.Named netns) {
        java.util.OptionalLong inode = namespaces.identity(netns);
        if (inode.isEmpty() || namespaces.holdsOther(netns, inode.getAsLong())) {
            namespaces.forget(netns); // a handle on a namespace that lost the name would reach the wrong one
            if (inode.isEmpty()) {
                watched.remove(netns);
            }
        }
        return inode;
    }

    @Override
    public void apply(Op op) throws OpException {
        applier.apply(op);
        watchChange(op);
    }

    private void watchChange(Op op) {
        if (op instanceof Op.AddNamespace a) {
            watched.add(a.netns());
        } else if (op instanceof Op.DeleteNamespace d) {
            watched.remove(d.netns());
        }
    }

    /** The links of {@code netns} by name, with their indexes, asked of the kernel (no cache); empty if it does not exist. */
    public java.util.Map<io.nslab.model.IfName, Integer> links(NamespaceRef netns) {
        if (!namespaces.exists(netns)) {
            return java.util.Map.of();
        }
        java.util.Map<io.nslab.model.IfName, Integer> out = new java.util.LinkedHashMap<>();
        namespaces.netlink(netns).links().list().forEach(l -> out.put(io.nslab.model.IfName.of(l.name()), l.index()));
        return out;
    }

    /** The index of link {@code dev} in {@code netns}, asked of the kernel (no cache), if there is such a link. */
    public java.util.OptionalInt linkIndex(NamespaceRef netns, String dev) {
        return namespaces.netlink(netns).links().find(dev).map(l -> java.util.OptionalInt.of(l.index()))
                .orElse(java.util.OptionalInt.empty());
    }

    /** Whether {@code netns} still has a link {@code dev} (a veth whose peer's namespace went vanishes a little later). */
    public boolean hasLink(NamespaceRef netns, String dev) {
        return namespaces.netlink(netns).links().find(dev).isPresent();
    }

    /**
     * Whether link {@code dev} in {@code netns} has carrier and is operationally up: the kernel sets
     * LOWER_UP first and RUNNING with the operational state a moment later, from its link watcher.
     */
    public boolean hasCarrier(NamespaceRef netns, String dev) {
        return namespaces.netlink(netns).links().find(dev)
                .map(l -> l.isLowerUp() && l.state() == io.nslab.netlink.OperState.UP).orElse(false);
    }

    /**
     * A sysctl that cannot be read or written, in sysctl(8)'s words: a device without IPv6 (its MTU is below
     * 1280) has no {@code /proc/sys/net/ipv6/conf/DEV}, and {@code sysctl -w} says "cannot stat ...".
     */
    public static OpException sysctlFailure(Op op, java.io.UncheckedIOException e) {
        if (e.getCause() instanceof java.nio.file.NoSuchFileException missing) {
            return new OpException(op, Errno.ENOENT, "sysctl: cannot stat " + missing.getFile() + ": No such file or directory", e);
        }
        return new OpException(op, Errno.EIO, "sysctl: " + e.getCause().getMessage(), e);
    }

    /** Reads a sysctl of a namespace: {@code ip netns exec NETNS sysctl -n KEY}. */
    public String readSysctl(NamespaceRef netns, String key) {
        return io.nslab.netlink.Sysctls.read(namespaces.netns(netns), key);
    }

    /** A namespace's queued batch, and for each op its index, first request and request count. */
    private record Queued(io.nslab.netlink.Batch batch, List<int[]> spans) {
    }

    /** Fewer namespaces than this are not worth a second thread. */
    private static final int PARALLEL_FROM = 16;

    /**
     * Applies a phase of a plan: ops that do not depend on one another. Namespaces are created on
     * {@link Concurrency#namespaceThreads()} threads when there are many; rtnetlink ops go out as one batch per
     * namespace (one {@code sendmsg} each instead of a round trip per op), batches sent on
     * {@link Concurrency#sendThreads()} threads; sysctls are written one by one. Every op is tried unless the
     * listener asks to stop; each success is reported to the listener as it happens. Returns the first failure.
     */
    public java.util.Optional<RuntimeException> applyPhase(List<Op> ops, io.nslab.op.PhaseListener listener) {
        List<Op> created = new ArrayList<>();
        List<Op> direct = new ArrayList<>();
        List<Op> batched = new ArrayList<>();
        for (Op op : ops) {
            switch (OpRequests.carrier(op)) {
                case NAMESPACE -> created.add(op);
                case SYSCTL, NFTABLES -> direct.add(op);
                case NETLINK -> batched.add(op);
            }
        }
        java.util.concurrent.atomic.AtomicReference<RuntimeException> first = new java.util.concurrent.atomic.AtomicReference<>();
        int threads = created.size() >= PARALLEL_FROM ? Concurrency.namespaceThreads() : 1;
        RuntimeException f = io.nslab.netlink.Parallel.forEach(created.size(), threads, i -> {
            Op op = created.get(i);
            if (first.get() != null || listener.stopRequested()) {
                return;
            }
            try {
                applier.apply(op, inode -> listener.namespaceMade(((Op.AddNamespace) op).netns(), inode));
                watchChange(op);
                listener.applied(op);
            } catch (RuntimeException e) {
                first.compareAndSet(null, e);
            }
        });
        if (f != null) {
            first.compareAndSet(null, f);
        }
        for (Op op : direct) {
            if (first.get() != null || listener.stopRequested()) {
                break;
            }
            try {
                apply(op);
                listener.applied(op);
            } catch (RuntimeException e) {
                first.compareAndSet(null, e);
            }
        }
        if (!batched.isEmpty() && first.get() == null && !listener.stopRequested()) {
            List<java.util.Optional<OpException>> results = applyBatch(batched);
            for (int i = 0; i < batched.size(); i++) {
                if (results.get(i).isEmpty()) {
                    listener.applied(batched.get(i));
                } else {
                    first.compareAndSet(null, results.get(i).get());
                }
            }
        }
        return java.util.Optional.ofNullable(first.get());
    }

    /**
     * Sends rtnetlink ops that do not depend on one another with one batch per namespace. Every op is tried; the
     * result says, per op and in order, whether it failed.
     */
    private List<java.util.Optional<OpException>> applyBatch(List<Op> ops) {
        List<java.util.Optional<OpException>> results = new ArrayList<>(java.util.Collections.nCopies(ops.size(), java.util.Optional.empty()));
        java.util.Map<NamespaceRef, List<Integer>> byNamespace = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            byNamespace.computeIfAbsent(ops.get(i).netns(), k -> new ArrayList<>()).add(i);
        }
        // Queued in order, so that indexes are reserved the same way on every run; sent on several threads, so that
        // while one thread's requests hold the kernel's RTNL lock another encodes its next datagram or reads
        // its acknowledgements.
        List<Queued> queued = new ArrayList<>();
        for (var e : byNamespace.entrySet()) {
            io.nslab.netlink.Batch batch;
            try {
                batch = namespaces.netlink(e.getKey()).batch();
            } catch (io.nslab.netlink.NativeException ex) {
                for (int i : e.getValue()) {
                    results.set(i, java.util.Optional.of(OpRequests.failure(ops.get(i), ex)));
                }
                continue;
            }
            List<int[]> spans = new ArrayList<>(); // op index, first request, request count
            for (int i : e.getValue()) {
                int first = batch.size();
                try {
                    spans.add(new int[] {i, first, OpRequests.queue(namespaces, batch, ops.get(i))});
                    // Now, not once sent: a later op must not reserve an index the kernel may give this one.
                    namespaces.linksChanged(ops.get(i));
                } catch (io.nslab.netlink.NativeException ex) {
                    results.set(i, java.util.Optional.of(OpRequests.failure(ops.get(i), ex)));
                    namespaces.failed(ops.get(i));
                }
            }
            queued.add(new Queued(batch, spans));
        }
        List<List<io.nslab.netlink.BatchResult>> sent = new ArrayList<>(java.util.Collections.nCopies(queued.size(), null));
        io.nslab.netlink.NativeException[] lost = new io.nslab.netlink.NativeException[queued.size()];
        RuntimeException failure = io.nslab.netlink.Parallel.forEach(queued.size(),
                queued.size() >= PARALLEL_FROM ? Concurrency.sendThreads() : 1, q -> {
                    try {
                        sent.set(q, queued.get(q).batch().trySend());
                    } catch (io.nslab.netlink.NativeException ex) { // the socket failed, not a request
                        lost[q] = ex;
                    }
                });
        if (failure != null) {
            throw failure;
        }
        for (int q = 0; q < queued.size(); q++) {
            for (int[] span : queued.get(q).spans()) {
                Op op = ops.get(span[0]);
                if (lost[q] != null) {
                    results.set(span[0], java.util.Optional.of(OpRequests.failure(op, lost[q])));
                    namespaces.failed(op);
                    continue;
                }
                for (int r = span[1]; r < span[1] + span[2]; r++) {
                    if (sent.get(q).get(r).error().isPresent()) {
                        results.set(span[0], java.util.Optional.of(OpRequests.failure(op, sent.get(q).get(r).error().get())));
                        namespaces.failed(op);
                        break;
                    }
                }
            }
        }
        return results;
    }

    @Override
    public Snapshot snapshot() {
        List<NamespaceRef> names = new ArrayList<>(watched);
        names.sort(null);
        return new SnapshotReader(namespaces).read(names);
    }

    /**
     * A snapshot of the given namespaces with every sysctl the simulator models and the permanent neighbour entries:
     * what {@code io.nslab.sim.SnapshotLoader} loads to reason over the kernel's state instead of the lab file's.
     */
    public Snapshot detailedSnapshot(List<? extends NamespaceRef> netns) {
        return new SnapshotReader(namespaces).read(netns, SnapshotReader.Sysctls.ALL);
    }

    /** The namespaces' links, addresses, routes and permanent neighbours, no sysctls: what a repair compares. */
    public Snapshot configuration(List<? extends NamespaceRef> netns) {
        return new SnapshotReader(namespaces).read(netns, SnapshotReader.Sysctls.NONE);
    }

    /** A snapshot of the given namespaces only, in this order. */
    public Snapshot snapshot(List<? extends NamespaceRef> netns) {
        return new SnapshotReader(namespaces).read(netns);
    }

    /** Pings from inside the namespace with a raw ICMP socket, no {@code ping} process; safe to call from many threads. */
    @Override
    public PingResult ping(PingRequest request) {
        return new KernelPing(probeSockets, this::probedDevice).run(request, io.nslab.probe.PingListener.NONE);
    }

    /** As {@link #ping(PingRequest)}, each line heard as it arrives. */
    @Override
    public PingResult ping(PingRequest request, io.nslab.probe.PingListener listener) {
        return new KernelPing(probeSockets, this::probedDevice).run(request, listener);
    }

    /** {@code traceroute -n -I} from inside the namespace, no process; safe to call from many threads. */
    @Override
    public TraceResult trace(TraceRequest request) {
        return new KernelTrace(probeSockets).run(request, io.nslab.probe.TraceListener.NONE);
    }

    /** As {@link #trace(TraceRequest)}, each hop heard once complete. */
    @Override
    public TraceResult trace(TraceRequest request, io.nslab.probe.TraceListener listener) {
        return new KernelTrace(probeSockets).run(request, listener);
    }

    /** A TCP connection attempt or UDP datagram from inside the namespace, in process; see {@link KernelPortProbe}. */
    @Override
    public io.nslab.probe.PortResult probe(io.nslab.probe.PortRequest request) {
        return new io.nslab.kernel.probe.KernelPortProbe(this::probedNamespace).run(request);
    }

    /** A descriptor of its own (no rtnetlink handle needed), closed with the probe socket. */
    private io.nslab.netlink.NetNs probedNamespace(NamespaceRef netns) {
        if (!namespaces.exists(netns)) {
            throw new NslabException(ExitCode.BAD_INPUT, "no namespace " + netns + " in " + namespaces.registry().directory());
        }
        return namespaces.open(netns);
    }

    private int probedDevice(NamespaceRef netns, String dev) {
        try {
            return namespaces.index(netns, dev);
        } catch (io.nslab.netlink.NativeException e) {
            throw new NslabException(ExitCode.BAD_INPUT, "ping: unknown iface: " + dev, e);
        }
    }

    @Override
    public void close() {
        namespaces.close();
    }

    /** The nf_tables ruleset of {@code netns} as the kernel holds it now. Equivalent to: {@code nft list ruleset}. */
    public io.nslab.netlink.nft.NftRuleset nftRuleset(NamespaceRef netns) {
        try (io.nslab.netlink.NfTables nft = io.nslab.netlink.NfTables.open(namespaces.netns(netns))) {
            return nft.ruleset();
        }
    }

    /** The names of {@code netns}'s devices by index, for {@code iif}/{@code oif} rules read back. */
    public java.util.function.IntFunction<java.util.Optional<String>> deviceNames(NamespaceRef netns) {
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        namespaces.netlink(netns).links().list().forEach(l -> names.put(l.index(), l.name()));
        return index -> java.util.Optional.ofNullable(names.get(index));
    }

    /** The ruleset of {@code netns} read back into the firewall model, with what could not be read. */
    public FirewallReader.Read firewall(NamespaceRef netns) {
        return FirewallReader.read(nftRuleset(netns), deviceNames(netns));
    }
}
