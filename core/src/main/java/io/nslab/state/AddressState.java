package io.nslab.state;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.Optional;

/** An address as read back: {@code inet 10.10.10.2/24 brd 10.10.10.255 scope global v1}. */
public record AddressState(IfName dev, IpPrefix address, AddressScope scope, boolean secondary,
                           Optional<IpAddress> broadcast) {
}
