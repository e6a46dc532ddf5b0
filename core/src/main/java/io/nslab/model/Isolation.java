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
 * @param hostsFile       give the node an /etc/hosts naming every node of the lab (needs mount)
 * @param nameservers     give the node an /etc/resolv.conf with these (needs mount)
 */
public record Isolation(Set<NamespaceKind> kinds, Optional<Hostname> hostname, long monotonicOffset, long boottimeOffset,
                        Limits limits, boolean hostsFile, java.util.List<IpAddress> nameservers) {

    public static final Isolation NONE = new Isolation(Set.of(), Optional.empty(), 0, 0, Limits.NONE, false,
            java.util.List.of());

    public Isolation {
        kinds = kinds.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(kinds));
        nameservers = java.util.List.copyOf(nameservers);
    }

    public boolean has(NamespaceKind kind) {
        return kinds.contains(kind);
    }

    /** True when the node is more than a network namespace: other kinds, or limits that need a cgroup. */
    public boolean isIsolated() {
        return !kinds.isEmpty() || !limits.isEmpty();
    }

    /** The /etc files the node gets its own copy of. */
    public boolean writesEtc() {
        return hostsFile || !nameservers.isEmpty();
    }
}
