package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.state.RouteKind;

import java.util.Optional;

/** arp_process / ndisc_recv_ns: whether a device answers a solicitation for {@code target}. */
final class Neighbours {
    private Neighbours() {
    }

    static boolean answers(SimLink y, IpAddress target, IpAddress sender) {
        SimNamespace ns = y.ns;
        if (!target.isV4()) {
            return ns.addressesOf(y).stream().anyMatch(a -> a.address().equals(target));
        }
        boolean proxy = ns.sysctls.either(y, "proxy_arp");
        if (!proxy && !ns.isLocalAddress(target)) {
            return false;
        }
        Optional<SimRoute> r = Fib.lookup(ns, target);
        if (r.isEmpty()) {
            return false;
        }
        if (r.get().kind() == RouteKind.LOCAL) {
            int ignore = Math.max(ns.sysctls.conf("ipv4", "all", "arp_ignore"), ns.sysctls.conf("ipv4", y.name.value(), "arp_ignore"));
            if (ignore == 8) {
                return false;
            }
            if (ignore == 1 || ignore == 2) {
                boolean onDevice = ns.addressesOf(y).stream().anyMatch(a -> a.address().equals(target)
                        && (ignore == 1 || a.prefix().contains(sender)));
                if (!onDevice) {
                    return false;
                }
            }
            // the request itself passes ip_route_input: a sender using our own address is a martian
            return SourceCheck.validate(ns, sender, y, null).isEmpty();
        }
        // proxy ARP (arp_fwd_proxy): a forwarding device answers for what it routes out of another device
        return r.get().kind() == RouteKind.UNICAST && r.get().dev() != y && ns.sysctls.either(y, "proxy_arp")
                && ns.sysctls.forwarding(y);
    }
}
