package io.nslab.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One end of a veth pair: interface {@code ifname} in node {@code node}.
 *
 * @param up          admin state after {@code up}; false leaves it down (and its peer without carrier)
 * @param neighbours  how this interface learns its peers' MACs (link setting, else node, else lab default)
 */
public record Endpoint(NodeName node, IfName ifname, List<IpPrefix> addresses, OptionalInt mtu,
                       Optional<MacAddress> mac, boolean up, NeighbourMode neighbours) {

    public Endpoint {
        addresses = List.copyOf(addresses);
        java.util.Objects.requireNonNull(neighbours);
    }

    /** With dynamic neighbours (ARP and NDP), the kernel's default. */
    public Endpoint(NodeName node, IfName ifname, List<IpPrefix> addresses, OptionalInt mtu, Optional<MacAddress> mac, boolean up) {
        this(node, ifname, addresses, mtu, mac, up, NeighbourMode.DYNAMIC);
    }

    /** {@code node:ifname}, as lab files write it. */
    public String label() {
        return node + ":" + ifname;
    }
}
