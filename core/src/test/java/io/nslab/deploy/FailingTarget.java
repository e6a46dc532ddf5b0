package io.nslab.deploy;

import io.nslab.model.IfName;
import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.op.PhaseListener;
import io.nslab.state.Snapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * A target that fails at a chosen op: the ops of a phase before it are applied by the world, the op itself is
 * refused (an {@link OpException} saying "injected failure"), or, with {@link #killAt}, the run dies there as under
 * {@code kill -9} (an {@link Error}, which no rollback catches). Every other call goes to the world.
 */
final class FailingTarget implements DeployTarget {
    /** Stands for kill -9: not a RuntimeException, so up does not roll back. */
    static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    private final DeployTarget world;
    private final Predicate<Op> failHere;
    private final boolean kill;
    private int tried;

    private FailingTarget(DeployTarget world, Predicate<Op> failHere, boolean kill) {
        this.world = world;
        this.failHere = failHere;
        this.kill = kill;
    }

    /** Refuses the {@code n}-th op tried (from 0). */
    static FailingTarget failAt(DeployTarget world, int n) {
        int[] seen = {0};
        return new FailingTarget(world, op -> seen[0]++ == n, false);
    }

    /** Refuses every op that matches. */
    static FailingTarget failWhen(DeployTarget world, Predicate<Op> p) {
        return new FailingTarget(world, p, false);
    }

    /** Dies, as under kill -9, at the first op that matches. */
    static FailingTarget killAt(DeployTarget world, Predicate<Op> p) {
        return new FailingTarget(world, p, true);
    }

    /** Ops tried so far, the failing one included. */
    int tried() {
        return tried;
    }

    @Override
    public Optional<RuntimeException> applyPhase(List<Op> ops, PhaseListener listener) {
        for (int i = 0; i < ops.size(); i++) {
            tried++;
            if (failHere.test(ops.get(i))) {
                Optional<RuntimeException> before = i == 0 ? Optional.empty() : world.applyPhase(ops.subList(0, i), listener);
                if (kill) {
                    throw new Killed();
                }
                Op failing = ops.get(i);
                return Optional.of(before.orElseGet(() -> new OpException(failing, io.nslab.netlink.Errno.EIO, "injected failure")));
            }
        }
        return world.applyPhase(ops, listener);
    }

    @Override
    public OptionalLong identity(NamespaceRef.Named netns) {
        return world.identity(netns);
    }

    @Override
    public boolean nameTaken(NamespaceRef.Named netns) {
        return world.nameTaken(netns);
    }

    @Override
    public boolean removePlaceholder(NamespaceRef.Named netns) {
        return world.removePlaceholder(netns);
    }

    @Override
    public Map<IfName, Integer> links(NamespaceRef netns) {
        return world.links(netns);
    }

    @Override
    public String readSysctl(NamespaceRef netns, String key) {
        return world.readSysctl(netns, key);
    }

    @Override
    public List<NamespaceRef.Named> deleteNamespaces(List<NamespaceRef.Named> netns, BiPredicate<NamespaceRef.Named, Long> mayDelete) {
        return world.deleteNamespaces(netns, mayDelete);
    }

    @Override
    public void awaitLinkGone(NamespaceRef netns, IfName link, long maxMillis) {
        world.awaitLinkGone(netns, link, maxMillis);
    }

    @Override
    public boolean hasCarrier(NamespaceRef netns, IfName dev) {
        return world.hasCarrier(netns, dev);
    }

    @Override
    public Snapshot snapshot(List<? extends NamespaceRef> netns) {
        return world.snapshot(netns);
    }

    @Override
    public NodeIsolator isolator(Path recordDir, String lab) {
        return world.isolator(recordDir, lab);
    }

    @Override
    public String namespaceDirectory() {
        return world.namespaceDirectory();
    }

    @Override
    public void close() {
        // the world's target is closed by the world
    }
}
