package io.nslab.deploy;

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

/**
 * What the deploy engine needs of a world, and all it may do there: apply a phase of a plan, tell which namespaces
 * exist and what they hold, delete namespaces it can prove are its own, read state back. The kernel
 * ({@link KernelTarget}) and the simulator ({@link SimTarget}) implement it, so deploying, editing, rolling back
 * and tearing down are tested without root and again, the same tests, on the kernel.
 */
public interface DeployTarget extends AutoCloseable {

    /**
     * Applies ops that do not depend on one another, telling {@code listener} of each new namespace's identity
     * before its name is bound and of each op that took effect. Every op is tried unless the listener asks to stop.
     * Returns the first failure.
     */
    Optional<RuntimeException> applyPhase(List<Op> ops, PhaseListener listener);

    /** The identity (inode) of the namespace bound under {@code netns}, if there is one. */
    OptionalLong identity(NamespaceRef.Named netns);

    /** Whether anything holds the name: a namespace, or a file that is not one (a placeholder left by a crash). */
    boolean nameTaken(NamespaceRef.Named netns);

    /**
     * Removes a placeholder left at {@code netns} by a creation that died before binding the namespace: an empty
     * file that is not a namespace. Anything else is left alone. Returns whether one was removed.
     */
    boolean removePlaceholder(NamespaceRef.Named netns);

    /** The links of a namespace, by name, with their indexes; empty if the namespace does not exist. */
    Map<IfName, Integer> links(NamespaceRef netns);

    /** A sysctl of a namespace, as {@code sysctl -n KEY} prints it there. */
    String readSysctl(NamespaceRef netns, String key);

    /**
     * Deletes those of {@code netns} that exist and that {@code mayDelete} accepts by name and inode (read from the
     * namespace once held, so it cannot change before the deletion); returns those deleted.
     */
    List<NamespaceRef.Named> deleteNamespaces(List<NamespaceRef.Named> netns, BiPredicate<NamespaceRef.Named, Long> mayDelete);

    /** Waits (at most {@code maxMillis}) until a deleted namespace's veth ends in {@code netns} are gone. */
    void awaitLinkGone(NamespaceRef netns, IfName link, long maxMillis);

    /** Whether link {@code dev} of {@code netns} has carrier and is operationally up. */
    boolean hasCarrier(NamespaceRef netns, IfName dev);

    /** The state of these namespaces, read back. */
    Snapshot snapshot(List<? extends NamespaceRef> netns);

    /** Their links, addresses, routes and permanent neighbours (sysctls need not be read): what a repair compares. */
    default Snapshot configuration(List<? extends NamespaceRef> netns) {
        return snapshot(netns);
    }

    /** Where nodes' other namespaces (UTS, PID, mount, ...) are made and held, for the lab recorded in {@code recordDir}. */
    NodeIsolator isolator(Path recordDir, String lab);

    /**
     * The labs of the state directory at {@code stateRoot} whose nodes left something outside their records (cgroups,
     * processes, a nodes/ directory), with a record or without one. None where nodes leave nothing outside.
     */
    default List<String> isolationLeftovers(Path stateRoot) {
        return List.of();
    }

    /** The directory the world's namespace names live in, as messages name it. */
    String namespaceDirectory();

    @Override
    void close();
}
