package io.nslab.fidelity;

import io.nslab.state.AddressState;

/**
 * What the comparison leaves out, each for a stated reason (docs/fidelity.md lists them). Everything not
 * named here is compared.
 */
final class Masks {
    private Masks() {
    }

    /** IPv6 link-local addresses (fe80::/64 from the MAC's EUI-64) are not modelled by the simulator. */
    static boolean address(AddressState a) {
        return !a.address().address().isV4() && a.address().address().isLinkLocal();
    }

    /** Routes of the link-local addresses: {@code fe80::/64} in main, the local {@code fe80::...} in local. */
    static boolean routeLine(String line) {
        return line.contains("fe80:");
    }

    static boolean sysctl(String key) {
        return false;
    }
}
