package io.nslab.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One end of a veth pair: interface {@code ifname} in node {@code node}.
 *
 * @param up  admin state after {@code up}; false leaves it down (and its peer without carrier)
 */
public record Endpoint(NodeName node, IfName ifname, List<IpPrefix> addresses, OptionalInt mtu,
                       Optional<MacAddress> mac, boolean up) {

    public Endpoint {
        addresses = List.copyOf(addresses);
    }

    /** {@code node:ifname}, as lab files write it. */
    public String label() {
        return node + ":" + ifname;
    }
}
