package io.nslab.deploy;

import io.nslab.kernel.KernelNetwork;
import io.nslab.model.IfName;
import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.op.PhaseListener;
import io.nslab.state.Snapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiPredicate;

/** The kernel as a {@link DeployTarget}: real namespaces through rtnetlink ({@link KernelNetwork}). */
public final class KernelTarget implements DeployTarget {
    private final KernelNetwork network;

    public KernelTarget(KernelNetwork network) {
        this.network = network;
    }

    public KernelNetwork network() {
        return network;
    }

    @Override
    public Optional<RuntimeException> applyPhase(List<Op> ops, PhaseListener listener) {
        return network.applyPhase(ops, listener);
    }

    @Override
    public OptionalLong identity(NamespaceRef.Named netns) {
        return network.identity(netns);
    }

    @Override
    public boolean nameTaken(NamespaceRef.Named netns) {
        return network.registry().exists(netns.name());
    }

    @Override
    public boolean removePlaceholder(NamespaceRef.Named netns) {
        return network.registry().removePlaceholder(netns.name());
    }

    @Override
    public Map<IfName, Integer> links(NamespaceRef netns) {
        return network.links(netns);
    }

    @Override
    public String readSysctl(NamespaceRef netns, String key) {
        return network.readSysctl(netns, key);
    }

    @Override
    public List<NamespaceRef.Named> deleteNamespaces(List<NamespaceRef.Named> netns, BiPredicate<NamespaceRef.Named, Long> mayDelete) {
        return network.deleteNamespaces(netns, mayDelete);
    }

    /**
     * The kernel destroys a namespace's devices asynchronously, 9-42 ms after its last reference goes, and creating
     * a link of the same name before that fails with File exists.
     */
    @Override
    public void awaitLinkGone(NamespaceRef netns, IfName link, long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (network.exists(netns) && network.hasLink(netns, link.value()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean hasCarrier(NamespaceRef netns, IfName dev) {
        return network.hasCarrier(netns, dev.value());
    }

    @Override
    public Snapshot snapshot(List<? extends NamespaceRef> netns) {
        return network.snapshot(netns);
    }

    @Override
    public Snapshot configuration(List<? extends NamespaceRef> netns) {
        return network.configuration(netns);
    }

    @Override
    public NodeIsolator isolator(Path recordDir, String lab) {
        return new KernelIsolator(recordDir, lab, network.registry().directory());
    }

    @Override
    public List<String> isolationLeftovers(Path stateRoot) {
        return io.nslab.kernel.isolation.LabIsolation.withLeftovers(stateRoot);
    }

    @Override
    public String namespaceDirectory() {
        return network.registry().directory().toString();
    }

    @Override
    public void close() {
        network.close();
    }
}
