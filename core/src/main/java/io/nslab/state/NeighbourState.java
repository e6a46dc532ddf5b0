package io.nslab.state;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.MacAddress;

/** A permanent neighbour entry ({@code ip neigh add ... nud permanent}), as read back. */
public record NeighbourState(IfName dev, IpAddress address, MacAddress mac) {
}
