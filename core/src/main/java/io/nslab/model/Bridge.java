package io.nslab.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Linux bridge inside a node, with member ports that are interfaces of the same node.
 *
 * @param neighbours how the bridge's own addresses learn peers' MACs (node setting, else lab default)
 */
public record Bridge(IfName name, List<IfName> ports, List<IpPrefix> addresses, OptionalInt mtu,
                     Optional<MacAddress> mac, boolean up, NeighbourMode neighbours) {

    public Bridge {
        ports = List.copyOf(ports);
        addresses = List.copyOf(addresses);
        java.util.Objects.requireNonNull(neighbours);
    }

    /** With dynamic neighbours (ARP and NDP), the kernel's default. */
    public Bridge(IfName name, List<IfName> ports, List<IpPrefix> addresses, OptionalInt mtu, Optional<MacAddress> mac, boolean up) {
        this(name, ports, addresses, mtu, mac, up, NeighbourMode.DYNAMIC);
    }
}
