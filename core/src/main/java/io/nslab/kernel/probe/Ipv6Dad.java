package io.nslab.kernel.probe;

import io.nslab.model.NamespaceRef;
import io.nslab.netlink.AddressInfo;
import io.nslab.netlink.IpPrefix;
import io.nslab.netlink.LinkInfo;
import io.nslab.netlink.NamedNamespaces;
import io.nslab.netlink.NetNs;
import io.nslab.netlink.Netlink;
import io.nslab.netlink.msg.Ifa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Waits until the kernel's IPv6 duplicate address detection has finished on a lab's links. A router forwards an
 * IPv6 packet only once it has asked for its next hop's link address, and it sends that neighbour solicitation from
 * the outgoing link's link-local address, which the kernel keeps tentative for a second or two after the link gets
 * its carrier (nslab's own addresses skip DAD; the kernel's link-local ones do not). Until then forwarded packets
 * wait in the neighbour queue: right after {@code up}, a ping across two routers was answered after 2 s, and a check
 * with its 1 s timeout saw nothing (iproute2 6.1, kernel 6.1). Checks are about the lab, not its first seconds.
 */
public final class Ipv6Dad {
    private static final long POLL_MILLIS = 20;

    private Ipv6Dad() {
    }

    /**
     * Returns true once no IPv6 address is tentative on a link that is up with carrier (where DAD runs) in any of
     * {@code netns}, false if some still is after {@code max} (a duplicate address stays tentative for ever).
     */
    public static boolean await(NamedNamespaces registry, Collection<? extends NamespaceRef> netns, Duration max)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        List<Netlink> handles = new ArrayList<>();
        try {
            for (NamespaceRef ref : netns) {
                if (!(ref instanceof NamespaceRef.Named named)) {
                    handles.add(Netlink.open()); // the host's own, where this process runs
                    continue;
                }
                NetNs ns = registry.open(named.name());
                try {
                    handles.add(Netlink.open(ns));
                } catch (RuntimeException e) {
                    ns.close();
                    throw e;
                }
            }
            while (true) {
                if (handles.stream().noneMatch(Ipv6Dad::detecting)) {
                    return true;
                }
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } finally {
            for (Netlink h : handles) {
                h.close();
                h.namespace().ifPresent(NetNs::close);
            }
        }
    }

    /** Whether an address of this namespace is still being checked for duplicates. */
    private static boolean detecting(Netlink h) {
        Set<Integer> running = h.links().list().stream().filter(l -> l.isUp() && l.isLowerUp())
                .map(LinkInfo::index).collect(Collectors.toSet());
        return h.addresses().list(IpPrefix.AF_INET6).stream()
                .anyMatch(a -> a.isTentative() && running.contains(a.index()) && !dadFailed(a));
    }

    /** A duplicate was found: the address stays tentative, and DAD is over. */
    private static boolean dadFailed(AddressInfo a) {
        return (a.flags() & Ifa.F_DADFAILED) != 0;
    }
}
