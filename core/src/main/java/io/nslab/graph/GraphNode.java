package io.nslab.graph;

import java.util.List;

/**
 * A node of the picture.
 *
 * @param name    the lab's node name ({@code host} for the machine's own namespace)
 * @param role    how it is drawn
 * @param details lines shown in its box under the name: its bridges and loopback addresses
 */
public record GraphNode(String name, Role role, List<String> details) {
    public GraphNode {
        details = List.copyOf(details);
    }
}
