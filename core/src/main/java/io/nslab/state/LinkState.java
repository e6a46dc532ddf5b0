package io.nslab.state;

import io.nslab.model.NamespaceRef;
import io.nslab.model.IfName;
import io.nslab.model.MacAddress;

import java.util.Optional;

/**
 * A link as read back from a namespace.
 *
 * @param adminUp  IFF_UP: {@code ip link set X up}
 * @param carrier  IFF_LOWER_UP: for a veth, the peer is up too
 * @param master   the bridge this link is a port of
 * @param peer     for a veth, the other end and the namespace it is in
 */
public record LinkState(int index, IfName name, LinkKind kind, boolean adminUp, boolean carrier, OperState operState,
                        int mtu, MacAddress mac, Optional<IfName> master, Optional<Peer> peer) {

    /** The other end of a veth pair. */
    public record Peer(NamespaceRef netns, IfName name) {
    }
}
