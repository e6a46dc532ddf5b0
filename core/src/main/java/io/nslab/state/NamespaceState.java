package io.nslab.state;

import io.nslab.model.NamespaceRef;
import java.util.List;
import java.util.Map;

/**
 * Everything a snapshot holds of one network namespace.
 *
 * @param neighbours permanent neighbour entries (those nslab's static neighbours are); learnt ones are not state
 */
public record NamespaceState(NamespaceRef netns, List<LinkState> links, List<AddressState> addresses, List<RouteState> routes,
                             Map<String, String> sysctls, List<NeighbourState> neighbours) {

    public NamespaceState {
        links = List.copyOf(links);
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        sysctls = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sysctls));
        neighbours = List.copyOf(neighbours);
    }

    public NamespaceState(NamespaceRef netns, List<LinkState> links, List<AddressState> addresses, List<RouteState> routes,
                          Map<String, String> sysctls) {
        this(netns, links, addresses, routes, sysctls, List.of());
    }
}
