package io.nslab.state;

import io.nslab.model.NamespaceRef;
import java.util.List;
import java.util.Optional;

/** The state of a set of namespaces, read back from a world: what status prints and the worlds are compared on. */
public record Snapshot(List<NamespaceState> namespaces) {

    public Snapshot {
        namespaces = List.copyOf(namespaces);
    }

    public Optional<NamespaceState> namespace(NamespaceRef netns) {
        return namespaces.stream().filter(n -> n.netns().equals(netns)).findFirst();
    }

    /** The named namespace {@code name}. */
    public Optional<NamespaceState> namespace(String name) {
        return namespace(NamespaceRef.named(name));
    }
}
