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

    /**
     * An up veth without carrier is DOWN or LOWERLAYERDOWN depending on whether the device that has its peer's
     * ifindex in its own namespace had carrier when the link watcher last ran for it (default_operstate). The
     * watcher runs asynchronously, interleaved with the ops that bring the other devices up, so which of the two
     * the kernel shows is timing; both say "no carrier", and that is compared.
     */
    static String operState(io.nslab.state.LinkState l) {
        boolean lowerDown = l.operState() == io.nslab.state.OperState.DOWN || l.operState() == io.nslab.state.OperState.LOWERLAYERDOWN;
        return l.kind() == io.nslab.state.LinkKind.VETH && l.adminUp() && !l.carrier() && lowerDown
                ? "DOWN|LOWERLAYERDOWN" : l.operState().name();
    }

    /**
     * ICMP redirects. A router sends the first redirect to a sender at once and the next ones only after
     * exponentially growing pauses (ip_rt_send_redirect: 20 ms doubled per redirect, nine at most, forgotten
     * after 20 s of quiet), kept per sender across probes; the simulator starts every probe afresh. With all
     * pings of a lab in flight together, which probe gets the one redirect is timing.
     */
    static boolean event(io.nslab.probe.PingEvent e) {
        return e instanceof io.nslab.probe.PingEvent.Error err && err.kind().isRedirect();
    }

    /**
     * Routes of the link-local addresses ({@code fe80::/64} in main, {@code local fe80::...} and
     * {@code anycast fe80::} in local), and the subnet-router anycast routes a forwarding IPv6 device gets
     * ({@code anycast fd00:1:: dev v1}): the simulator does not model IPv6 anycast.
     */
    static boolean routeLine(String line) {
        return line.contains("fe80:") || line.startsWith("anycast ") || multicastWithoutCarrier(line);
    }

    /**
     * The {@code ff00::/8} route of a device without carrier. addrconf takes a device as ready when it comes up with
     * its operational state UP or UNKNOWN; a bridge whose ports have no carrier has lost carrier by then, but its
     * operational state says so only once the link watcher ran (up to a second later, and rate limited), so whether
     * the kernel gave it the route is timing. With carrier, the route is compared.
     */
    private static boolean multicastWithoutCarrier(String line) {
        return line.startsWith("multicast ff00::/8 ") && line.contains(" linkdown");
    }
}
