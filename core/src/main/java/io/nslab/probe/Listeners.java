package io.nslab.probe;

import io.nslab.model.Bridge;
import io.nslab.model.Endpoint;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.NodeName;

import java.util.List;
import java.util.Optional;

/** Where a port probe's listener goes: the node of the lab that holds the destination address. */
public final class Listeners {
    private Listeners() {
    }

    /** The node with {@code address} on its loopback, a link end or a bridge; empty when no node holds it. */
    public static Optional<NodeName> nodeHolding(Lab lab, IpAddress address) {
        for (Node n : lab.nodes().values()) {
            if (holds(n.loopback().addresses(), address)) {
                return Optional.of(n.name());
            }
            for (Endpoint e : lab.endpointsOf(n.name())) {
                if (holds(e.addresses(), address)) {
                    return Optional.of(n.name());
                }
            }
            for (Bridge b : n.bridges()) {
                if (holds(b.addresses(), address)) {
                    return Optional.of(n.name());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean holds(List<IpPrefix> addresses, IpAddress a) {
        return addresses.stream().anyMatch(p -> p.address().equals(a));
    }
}
