package io.nslab.fidelity;

import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.NodeName;
import io.nslab.probe.Listeners;
import io.nslab.probe.PortProtocol;
import io.nslab.probe.PortRequest;
import io.nslab.probe.PortResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The TCP and UDP probes of a generated lab: from every node, one TCP connection and one UDP datagram to addresses of
 * the lab (IPv4 and IPv6 alike, but see {@link #oddV6Source}), each to a port of its own so that the kernel world can run them all at once, with
 * nslab listening in the node that holds the address. A wait of one second, as for pings: an unanswered neighbour's
 * host unreachable (3 s) is silence in both worlds.
 */
final class PortProbes {
    static final int FIRST_PORT = 7000;

    private PortProbes() {
    }

    static List<PortRequest> of(Lab lab, List<IpAddress> all) {
        List<PortRequest> out = new ArrayList<>();
        if (all.isEmpty()) {
            return out;
        }
        List<IpAddress> v4 = all.stream().filter(IpAddress::isV4).toList();
        int i = 0;
        for (NodeName from : lab.nodes().keySet()) {
            List<IpAddress> targets = oddV6Source(lab, from) && !v4.isEmpty() ? v4 : all;
            for (PortProtocol p : PortProtocol.values()) {
                IpAddress to = targets.get((i * 3 + p.ordinal() * 5) % targets.size());
                out.add(new PortRequest(lab.netnsOf(from), to, p, FIRST_PORT + out.size(), Probes.WAIT,
                        (to.isLoopback() ? java.util.Optional.of(from) : Listeners.nodeHolding(lab, to)).map(lab::netnsOf)));
            }
            i++;
        }
        return out;
    }

    /**
     * A node without an IPv6 address of its own in the lab that may still have a candidate source for IPv6: ::1 of an
     * up lo, or the link-local address of an up interface. The kernel then sends from ::1 or fe80::..., addresses the
     * simulator does not choose (it has no link-local addresses, and says Network is unreachable); such a node's port
     * probes go to IPv4 addresses. A node with no candidate at all (connect: Cannot assign requested address) is kept.
     */
    static boolean oddV6Source(Lab lab, NodeName node) {
        io.nslab.model.Node n = lab.node(node).orElseThrow();
        boolean own = n.loopback().addresses().stream().anyMatch(a -> !a.address().isV4())
                || lab.endpointsOf(node).stream().flatMap(e -> e.addresses().stream()).anyMatch(a -> !a.address().isV4() && !a.address().isLinkLocal())
                || n.bridges().stream().flatMap(b -> b.addresses().stream()).anyMatch(a -> !a.address().isV4() && !a.address().isLinkLocal());
        boolean candidate = n.loopback().up() || lab.endpointsOf(node).stream().anyMatch(io.nslab.model.Endpoint::up)
                || n.bridges().stream().anyMatch(io.nslab.model.Bridge::up);
        return !own && candidate;
    }

    /** A port probe's outcome as comparable text: {@code n0 tcp 10.0.0.2:7000: refused (TCP reset) from 10.0.0.1}. */
    static String outcome(PortResult r) {
        return r.request().from() + " " + r.request().target() + ": " + r.outcome().word() + " (" + r.seen() + ")"
                + r.source().map(s -> " from " + s).orElse("");
    }
}
