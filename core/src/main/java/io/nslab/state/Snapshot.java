package io.nslab.state;

import io.nslab.model.NamespaceRef;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The state of a set of namespaces, read back from a world: what status prints and the worlds are compared on. */
public record Snapshot(List<NamespaceState> namespaces, Map<NamespaceRef, NamespaceState> byName) {

    public Snapshot {
        namespaces = List.copyOf(namespaces);
        Map<NamespaceRef, NamespaceState> index = new HashMap<>();
        for (NamespaceState n : namespaces) {
            index.putIfAbsent(n.netns(), n);
        }
        byName = Map.copyOf(index);
    }

    public Snapshot(List<NamespaceState> namespaces) {
        this(namespaces, Map.of());
    }

    /** The namespace's state, found by name in constant time (a 1000-namespace lab asks thousands of times). */
    public Optional<NamespaceState> namespace(NamespaceRef netns) {
        return Optional.ofNullable(byName.get(netns));
    }

    /** The named namespace {@code name}. */
    public Optional<NamespaceState> namespace(String name) {
        return namespace(NamespaceRef.named(name));
    }
}
