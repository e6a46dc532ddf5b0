package io.nslab.deploy;

import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.sim.SimNetwork;
import io.nslab.state.NamespaceState;
import io.nslab.state.Snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A world for deploy tests: the simulator, which every machine has, or the kernel (namespaces in a private
 * directory), where the machine lets this process make namespaces — the same tests run in both. Foreign
 * namespaces ("strangers") stand for other programs that take names. Closing takes every lab still on record
 * down, then removes what is left.
 */
abstract class DeployWorld implements AutoCloseable {
    final StateStore store;
    /** A /proc/sys of the world's own for the host's neighbour limits: tests never read or write the real one. */
    final Path procSys;
    private UnaryOperator<Deployer> configure = UnaryOperator.identity();

    DeployWorld(Path state) {
        this.store = new StateStore(state.resolve("nslab"));
        try {
            this.procSys = HostNeighbourLimitsTest.fakeProcSys(state.resolve("world"), 512, 1024);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** "sim" or "kernel"; the kernel skips the calling test, saying why, where namespaces cannot be made. */
    static DeployWorld of(String kind, Path state) throws IOException {
        return switch (kind) {
            case "sim" -> new Sim(state);
            case "kernel" -> new Kernel(state, KernelTestSupport.create());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Adjusts every deployer this world makes (a fake /proc/sys, say). */
    DeployWorld configure(UnaryOperator<Deployer> c) {
        this.configure = c;
        return this;
    }

    abstract String kind();

    /** The world's target, shared by the deployers it makes. */
    abstract DeployTarget target();

    /** A target as a later nslab process sees the world: knowing nothing this one cached. */
    abstract DeployTarget laterTarget();

    Deployer deployer() {
        return deployer(target());
    }

    Deployer deployer(DeployTarget t) {
        return configure.apply(new Deployer(store, t, new Interruption()).hostLimits(new HostNeighbourLimits(procSys))
                .lockWait(java.time.Duration.ofSeconds(5), s -> {
                }));
    }

    /** Another program makes namespace {@code name} ({@code ip netns add NAME}). */
    abstract void stranger(String name);

    /** Another program deletes namespace {@code name} ({@code ip netns del NAME}). */
    abstract void deleteNamespace(String name);

    /** The named namespaces of the world, sorted. */
    abstract List<String> namespaces();

    OptionalLong inode(String name) {
        return target().identity(NamespaceRef.named(name));
    }

    /** The state of these namespaces, read as a new process would: through the names as they are now. */
    abstract Snapshot snapshot(List<? extends NamespaceRef> netns);

    /** Takes every lab down and removes the world; a pending interrupt waits until that is done (see KernelTestSupport). */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            for (String lab : store.labs()) {
                deployer().down(lab);
            }
        } finally {
            try {
                closeWorld();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    abstract void closeWorld();

    /** The simulator. */
    static final class Sim extends DeployWorld {
        private final SimTarget target = new SimTarget(new SimNetwork());

        Sim(Path state) {
            super(state);
        }

        @Override
        String kind() {
            return "sim";
        }

        @Override
        DeployTarget target() {
            return target;
        }

        @Override
        DeployTarget laterTarget() {
            return target; // the simulator's state lives in the target itself
        }

        @Override
        Snapshot snapshot(List<? extends NamespaceRef> netns) {
            return target.snapshot(netns);
        }

        @Override
        void stranger(String name) {
            target.network().apply(new Op.AddNamespace(NamespaceRef.named(name)));
        }

        @Override
        void deleteNamespace(String name) {
            target.network().apply(new Op.DeleteNamespace(NamespaceRef.named(name)));
        }

        @Override
        List<String> namespaces() {
            List<String> out = new ArrayList<>();
            for (NamespaceState ns : target.network().snapshot().namespaces()) {
                if (ns.netns() instanceof NamespaceRef.Named n) {
                    out.add(n.name());
                }
            }
            return List.copyOf(new TreeSet<>(out));
        }

        @Override
        void closeWorld() {
            target.close();
        }
    }

    /** The kernel, with namespaces in a private directory (not seen by {@code ip netns}). */
    static final class Kernel extends DeployWorld {
        final KernelTestSupport support;
        final KernelNetwork network;
        private final KernelTarget target;
        private final List<KernelNetwork> later = new ArrayList<>();

        Kernel(Path state, KernelTestSupport support) {
            super(state);
            this.support = support;
            this.network = new KernelNetwork(support.registry());
            this.target = new KernelTarget(network);
        }

        @Override
        String kind() {
            return "kernel";
        }

        @Override
        DeployTarget target() {
            return target;
        }

        @Override
        DeployTarget laterTarget() {
            KernelNetwork n = new KernelNetwork(support.registry());
            later.add(n);
            return new KernelTarget(n);
        }

        @Override
        Snapshot snapshot(List<? extends NamespaceRef> netns) {
            try (KernelNetwork fresh = new KernelNetwork(support.registry())) {
                return fresh.snapshot(netns);
            }
        }

        @Override
        OptionalLong inode(String name) {
            return support.registry().inode(name);
        }

        @Override
        void stranger(String name) {
            support.registry().create(name).close();
        }

        @Override
        void deleteNamespace(String name) {
            support.registry().delete(name);
        }

        @Override
        List<String> namespaces() {
            return support.registry().list();
        }

        @Override
        void closeWorld() {
            later.forEach(KernelNetwork::close);
            network.close();
            support.close();
        }
    }
}
