package io.nslab.model;

import java.util.Optional;
import java.util.Set;

/**
 * The namespace kinds a node gets of its own besides the network namespace.
 *
 * @param hostname        the UTS hostname (defaults to the node name when {@code uts} is on)
 * @param monotonicOffset time namespace offset of CLOCK_MONOTONIC, in seconds
 * @param boottimeOffset  time namespace offset of CLOCK_BOOTTIME, in seconds
 * @param limits          resource limits, enforced by the node's own cgroup
 */
public record Isolation(Set<NamespaceKind> kinds, Optional<String> hostname, long monotonicOffset, long boottimeOffset,
                        Limits limits) {

    public static final Isolation NONE = new Isolation(Set.of(), Optional.empty(), 0, 0, Limits.NONE);

    public Isolation {
        kinds = kinds.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(kinds));
    }

    public boolean has(NamespaceKind kind) {
        return kinds.contains(kind);
    }

    /** True when the node is more than a network namespace: other kinds, or limits that need a cgroup. */
    public boolean isIsolated() {
        return !kinds.isEmpty() || !limits.isEmpty();
    }
}
