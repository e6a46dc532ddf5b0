package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.state.AddressScope;
import io.nslab.state.AddressState;

import java.util.Optional;

/** An address on a simulated device; {@code secondary} as the kernel marks a second address of the same subnet. */
record SimAddress(SimLink dev, IpPrefix prefix, AddressScope scope, boolean secondary) {

    // Written out, with the values of the record's generated pair (field by field, h * 31 + the field's hash): the
    // generated one runs through method handles, which a script's first hundreds of tool calls run interpreted, at
    // several times the cost of these (see IpPrefix's). An address list asks for one at every address added.
    @Override
    public boolean equals(Object o) {
        return o instanceof SimAddress a && a.secondary == secondary && a.scope == scope
                && java.util.Objects.equals(a.dev, dev) && java.util.Objects.equals(a.prefix, prefix);
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hashCode(dev);
        h = h * 31 + java.util.Objects.hashCode(prefix);
        h = h * 31 + java.util.Objects.hashCode(scope);
        return h * 31 + Boolean.hashCode(secondary);
    }

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
