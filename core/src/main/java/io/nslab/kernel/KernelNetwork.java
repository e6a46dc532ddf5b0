package io.nslab.kernel;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
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

    public KernelNetwork(NamedNamespaces registry) {
        this.namespaces = new Namespaces(registry);
        this.applier = new OpApplier(namespaces);
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

    /** Reads a sysctl of a namespace: {@code ip netns exec NETNS sysctl -n KEY}. */
    public String readSysctl(String netns, String key) {
        return io.nslab.netlink.Sysctls.read(namespaces.netns(netns), key);
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

    @Override
    public PingResult ping(PingRequest request) {
        throw new NslabException(ExitCode.ENVIRONMENT, "native ping in the kernel world is not built yet; use --sim");
    }

    @Override
    public TraceResult trace(TraceRequest request) {
        throw new NslabException(ExitCode.ENVIRONMENT, "native traceroute in the kernel world is not built yet; use --sim");
    }

    @Override
    public void close() {
        namespaces.close();
    }
}
