package io.nslab.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A Linux bridge inside a node, with member ports that are interfaces of the same node. */
public record Bridge(IfName name, List<IfName> ports, List<IpPrefix> addresses, OptionalInt mtu,
                     Optional<MacAddress> mac, boolean up) {

    public Bridge {
        ports = List.copyOf(ports);
        addresses = List.copyOf(addresses);
    }
}
