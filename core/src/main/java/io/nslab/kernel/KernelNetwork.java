package io.nslab.kernel;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
import io.nslab.kernel.probe.KernelPing;
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
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
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
    public void watch(List<String> netns) {
        watched.addAll(netns);
    }

    /**
     * Deletes those of {@code netns} that exist, as {@link Op.DeleteNamespace} would one by one, but
     * without waiting on the kernel's teardown of each (see {@link NamedNamespaces#deleteAll}); returns them.
     */
    public List<String> deleteNamespaces(List<String> netns) {
        List<String> deleted = namespaces.deleteAll(netns);
        deleted.forEach(watched::remove);
        return deleted;
    }

    public boolean exists(String netns) {
        return namespaces.exists(netns);
    }

    @Override
    public void apply(Op op) throws OpException {
        applier.apply(op);
        switch (op) {
            case Op.AddNamespace a -> watched.add(a.netns());
            case Op.DeleteNamespace d -> watched.remove(d.netns());
            default -> {
            }
        }
    }

    /** The index of link {@code dev} in {@code netns}, asked of the kernel (no cache), if there is such a link. */
    public java.util.OptionalInt linkIndex(String netns, String dev) {
        return namespaces.netlink(netns).links().find(dev).map(l -> java.util.OptionalInt.of(l.index()))
                .orElse(java.util.OptionalInt.empty());
    }

    /** Whether {@code netns} still has a link {@code dev} (a veth whose peer's namespace went vanishes a little later). */
    public boolean hasLink(String netns, String dev) {
        return namespaces.netlink(netns).links().find(dev).isPresent();
    }

    /**
     * Whether link {@code dev} in {@code netns} has carrier and is operationally up: the kernel sets
     * LOWER_UP first and RUNNING with the operational state a moment later, from its link watcher.
     */
    public boolean hasCarrier(String netns, String dev) {
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
    public String readSysctl(String netns, String key) {
        return io.nslab.netlink.Sysctls.read(namespaces.netns(netns), key);
    }

    /** A namespace's queued batch, and for each op its index, first request and request count. */
    private record Queued(io.nslab.netlink.Batch batch, List<int[]> spans) {
    }

    /** Threads that send a phase's batches: one per core of the machines nslab is measured on. */
    private static final int SEND_THREADS = 2;
    /** Fewer namespaces than this are not worth a second thread. */
    private static final int PARALLEL_FROM = 16;

    /**
     * Applies ops that do not depend on one another (one phase of a plan) with one batch per
     * namespace: one {@code sendmsg} each instead of a round trip per op. Ops that cannot be batched
     * are applied one by one. Every op is tried; the result says, per op and in order, whether it failed.
     */
    public List<java.util.Optional<OpException>> applyBatch(List<Op> ops) {
        List<java.util.Optional<OpException>> results = new ArrayList<>(java.util.Collections.nCopies(ops.size(), java.util.Optional.empty()));
        java.util.Map<String, List<Integer>> byNamespace = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (OpApplier.batchable(op)) {
                byNamespace.computeIfAbsent(op.netns(), k -> new ArrayList<>()).add(i);
            } else {
                try {
                    apply(op);
                } catch (OpException e) {
                    results.set(i, java.util.Optional.of(e));
                }
            }
        }
        // Queued in order, so that indexes are reserved the same way on every run; sent on two threads, so that
        // while one thread's requests hold the kernel's RTNL lock the other encodes its next datagram or reads
        // its acknowledgements.
        List<Queued> queued = new ArrayList<>();
        for (var e : byNamespace.entrySet()) {
            io.nslab.netlink.Batch batch;
            try {
                batch = namespaces.netlink(e.getKey()).batch();
            } catch (io.nslab.netlink.NativeException ex) {
                for (int i : e.getValue()) {
                    results.set(i, java.util.Optional.of(OpApplier.failure(ops.get(i), ex)));
                }
                continue;
            }
            List<int[]> spans = new ArrayList<>(); // op index, first request, request count
            for (int i : e.getValue()) {
                int first = batch.size();
                try {
                    spans.add(new int[] {i, first, applier.queue(batch, ops.get(i))});
                    // Now, not once sent: a later op must not reserve an index the kernel may give this one.
                    namespaces.linksChanged(ops.get(i));
                } catch (io.nslab.netlink.NativeException ex) {
                    results.set(i, java.util.Optional.of(OpApplier.failure(ops.get(i), ex)));
                    namespaces.failed(ops.get(i));
                }
            }
            queued.add(new Queued(batch, spans));
        }
        List<List<io.nslab.netlink.BatchResult>> sent = new ArrayList<>(java.util.Collections.nCopies(queued.size(), null));
        io.nslab.netlink.NativeException[] lost = new io.nslab.netlink.NativeException[queued.size()];
        RuntimeException failure = io.nslab.netlink.Parallel.forEach(queued.size(),
                queued.size() >= PARALLEL_FROM ? SEND_THREADS : 1, q -> {
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
                    results.set(span[0], java.util.Optional.of(OpApplier.failure(op, lost[q])));
                    namespaces.failed(op);
                    continue;
                }
                for (int r = span[1]; r < span[1] + span[2]; r++) {
                    if (sent.get(q).get(r).error().isPresent()) {
                        results.set(span[0], java.util.Optional.of(OpApplier.failure(op, sent.get(q).get(r).error().get())));
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
        List<String> names = new ArrayList<>(watched);
        names.sort(null);
        return new SnapshotReader(namespaces).read(names);
    }

    /** A snapshot of the given namespaces only, in this order. */
    public Snapshot snapshot(List<String> netns) {
        return new SnapshotReader(namespaces).read(netns);
    }

    /** Pings from inside the namespace with a raw ICMP socket, no {@code ping} process; safe to call from many threads. */
    @Override
    public PingResult ping(PingRequest request) {
        return new KernelPing(probeSockets, this::probedDevice).run(request);
    }

    /** {@code traceroute -n -I} from inside the namespace, no process; safe to call from many threads. */
    @Override
    public TraceResult trace(TraceRequest request) {
        return new KernelTrace(probeSockets).run(request);
    }

    /** A descriptor of its own (no rtnetlink handle needed), closed with the probe socket. */
    private io.nslab.netlink.NetNs probedNamespace(String netns) {
        if (!namespaces.exists(netns)) {
            throw new NslabException(ExitCode.BAD_INPUT, "no namespace " + netns + " in " + namespaces.registry().directory());
        }
        return Namespaces.isHost(netns) ? io.nslab.netlink.NetNs.ofThisProcess() : namespaces.registry().open(netns);
    }

    private int probedDevice(String netns, String dev) {
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
}
