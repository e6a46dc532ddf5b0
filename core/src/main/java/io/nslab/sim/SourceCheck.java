package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.model.IpAddress;
import io.nslab.state.RouteKind;

import java.util.Optional;

/**
 * fib_validate_source: a packet claiming one of the receiver's own addresses is a martian unless
 * accept_local is on; with rp_filter 1 the route back to the source must leave by the arrival
 * device, with 2 any unicast route back will do, except on a device without an IPv4 address, which
 * must be the route back's device in either mode.
 */
final class SourceCheck {
    private SourceCheck() {
    }

    static Optional<Disposition> validate(SimNamespace ns, IpAddress src, SimLink in, SimLink out) {
        boolean acceptLocal = ns.sysctls.either(in, "accept_local");
        if (!src.isV4()) {
            return Optional.empty();
        }
        if (!acceptLocal && ns.isLocalAddress(src)) {
            return Optional.of(new Disposition.MartianSource(ns.label(), src));
        }
        int rp = ns.sysctls.rpFilter(in);
        if (rp == 0) {
            return Optional.empty();
        }
        Optional<SimRoute> back = Fib.lookup(ns, src);
        boolean usable = back.isPresent() && (back.get().kind() == RouteKind.UNICAST
                || (back.get().kind() == RouteKind.LOCAL && acceptLocal));
        String mode = rp == 1 ? "strict" : "loose";
        if (!usable) {
            return Optional.of(new Disposition.RpFilterDrop(ns.label(), in.name, src, mode));
        }
        if (back.get().dev() == in) {
            return Optional.empty();
        }
        // __fib_validate_source: a device without an IPv4 address accepts only what the route back would send
        // out of it, in loose mode too (no_addr -> last_resort -> rpf)
        boolean noAddress = ns.addressesOf(in).stream().noneMatch(SimAddress::isV4);
        if (rp == 1 || noAddress) {
            return Optional.of(new Disposition.RpFilterDrop(ns.label(), in.name, src, mode));
        }
        return Optional.empty();
    }

    /** The sender is directly connected on {@code in} (the condition for a redirect, with shared_media on). */
    static boolean senderOnLink(SimNamespace ns, IpAddress src, SimLink in) {
        Optional<SimRoute> back = Fib.lookup(ns, src);
        return back.isPresent() && back.get().kind() == RouteKind.UNICAST && back.get().dev() == in
                && back.get().gateway().isEmpty();
    }
}
