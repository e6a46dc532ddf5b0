package io.nslab.state;

import java.util.List;
import java.util.Optional;

/** The state of a set of namespaces, read back from a world: what status prints and the worlds are compared on. */
public record Snapshot(List<NamespaceState> namespaces) {

    public Snapshot {
        namespaces = List.copyOf(namespaces);
    }

    public Optional<NamespaceState> namespace(String netns) {
        return namespaces.stream().filter(n -> n.netns().equals(netns)).findFirst();
    }
}
