package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.state.AddressScope;
import io.nslab.state.AddressState;

import java.util.Optional;

/** An address on a simulated device; {@code secondary} as the kernel marks a second address of the same subnet. */
record SimAddress(SimLink dev, IpPrefix prefix, AddressScope scope, boolean secondary) {

    IpAddress address() {
        return prefix.address();
    }

    boolean isV4() {
        return prefix.address().isV4();
    }

    /** Scope the kernel gives an address it is not told about: host for 127/8 and ::1, link for fe80::/10. */
    static AddressScope defaultScope(IpPrefix p) {
        IpAddress a = p.address();
        if (a.isLoopback()) {
            return AddressScope.HOST;
        }
        if (!a.isV4() && a.isLinkLocal()) {
            return AddressScope.LINK;
        }
        return AddressScope.UNIVERSE;
    }

    AddressState toState() {
        return new AddressState(dev.name, prefix, scope, secondary, Optional.empty());
    }
}
