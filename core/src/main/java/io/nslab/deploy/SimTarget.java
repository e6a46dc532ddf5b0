package io.nslab.deploy;

import io.nslab.model.IfName;
import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.op.PhaseListener;
import io.nslab.sim.SimNetwork;
import io.nslab.state.Snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiPredicate;

/**
 * The simulator as a {@link DeployTarget}: the deploy engine runs on it exactly as on the kernel, without root.
 * Namespaces get identities as inodes do, new for every namespace made, so a namespace that someone else made
 * under a name the lab once used is told apart from the lab's own. One target per thread.
 */
public final class SimTarget implements DeployTarget {
    private final SimNetwork network;
    private final Map<Path, RecordedIsolator> isolators = new HashMap<>();

    /** On {@code network}, whose host namespace is added if it has none (the simulated host: lo up, nothing else). */
    public SimTarget(SimNetwork network) {
        this.network = network;
        network.addHost();
    }

    public SimTarget() {
        this(new SimNetwork());
    }

    public SimNetwork network() {
        return network;
    }

    @Override
    public Optional<RuntimeException> applyPhase(List<Op> ops, PhaseListener listener) {
        for (Op op : ops) {
            if (listener.stopRequested()) {
                break;
            }
            try {
                network.apply(op);
                if (op instanceof Op.AddNamespace a) {
                    listener.namespaceMade(a.netns(), network.inode(a.netns()).orElseThrow());
                }
                listener.applied(op);
            } catch (RuntimeException e) {
                if (op instanceof Op.AddNamespace a && network.exists(a.netns()) && !(e instanceof io.nslab.op.OpException)) {
                    network.apply(new Op.DeleteNamespace(a.netns())); // the record refused it: never bound
                }
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public OptionalLong identity(NamespaceRef.Named netns) {
        return network.inode(netns);
    }

    @Override
    public boolean nameTaken(NamespaceRef.Named netns) {
        return network.exists(netns);
    }

    @Override
    public boolean removePlaceholder(NamespaceRef.Named netns) {
        return false; // the simulator binds a namespace in the same step it makes it: nothing is ever left half-made
    }

    @Override
    public Map<IfName, Integer> links(NamespaceRef netns) {
        return network.links(netns);
    }

    @Override
    public String readSysctl(NamespaceRef netns, String key) {
        return network.sysctl(netns, key).orElseThrow(() -> new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException("/proc/sys/" + key.replace('.', '/'))));
    }

    @Override
    public List<NamespaceRef.Named> deleteNamespaces(List<NamespaceRef.Named> netns, BiPredicate<NamespaceRef.Named, Long> mayDelete) {
        List<NamespaceRef.Named> deleted = new ArrayList<>();
        for (NamespaceRef.Named n : netns) {
            OptionalLong inode = network.inode(n);
            if (inode.isPresent() && mayDelete.test(n, inode.getAsLong())) {
                network.apply(new Op.DeleteNamespace(n));
                deleted.add(n);
            }
        }
        return deleted;
    }

    @Override
    public void awaitLinkGone(NamespaceRef netns, IfName link, long maxMillis) {
        // the simulator removes a deleted namespace's veth peers at once
    }

    @Override
    public boolean hasCarrier(NamespaceRef netns, IfName dev) {
        return network.hasCarrier(netns, dev);
    }

    @Override
    public Snapshot snapshot(List<? extends NamespaceRef> netns) {
        return network.snapshot(netns);
    }

    @Override
    public NodeIsolator isolator(Path recordDir, String lab) {
        return isolators.computeIfAbsent(recordDir, d -> new RecordedIsolator(network));
    }

    @Override
    public String namespaceDirectory() {
        return "the simulator";
    }

    @Override
    public void close() {
        network.close();
    }
}
