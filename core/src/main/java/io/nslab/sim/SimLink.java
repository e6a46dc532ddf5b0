package io.nslab.sim;

import io.nslab.model.IfName;
import io.nslab.model.MacAddress;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.OperState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One network device of a simulated namespace: lo, a veth end or a bridge. Mutable; owned by its namespace. */
final class SimLink {
    static final int LOOPBACK_MTU = 65536;
    static final int ETHERNET_MTU = 1500;

    SimNamespace ns;
    int index;
    IfName name;
    final LinkKind kind;
    boolean adminUp;
    int mtu;
    MacAddress mac;
    /** Permanent neighbour entries ({@code ip neigh add ... nud permanent}); the kernel flushes them on admin down. */
    final java.util.Map<io.nslab.model.IpAddress, MacAddress> permanentNeighbours = new java.util.HashMap<>();
    /**
     * What ARP/NDP learned on this device, in the order it learned it: a MAC, or none while the neighbour did not
     * answer (INCOMPLETE, then FAILED). Kept for what {@code arp -n} shows; forwarding asks the segment, not this.
     * The kernel flushes it when the device goes down or loses its carrier.
     */
    final java.util.Map<io.nslab.model.IpAddress, Optional<MacAddress>> learnedNeighbours = new java.util.LinkedHashMap<>();
    /** A bridge without an explicit MAC takes the lowest MAC of its ports, as the kernel does. */
    boolean macExplicit;
    SimLink master;
    SimLink peer;
    /**
     * addrconf's IF_READY: set the first time the device is up with carrier, cleared by admin down. Until then
     * IPv6 leaves the device alone (addrconf_link_ready); from then on it has its {@code ff00::/8} route.
     */
    boolean ipv6Ready;
    /** Its addresses in the namespace's order, kept by {@link AddressList}; {@code addressView} is the read-only face. */
    final List<SimAddress> addresses = new ArrayList<>(2);
    final List<SimAddress> addressView = java.util.Collections.unmodifiableList(addresses);
    /** Cached by {@link SimNetwork#segment}: the devices its frames reach, as of the network's version {@code segmentVersion}. */
    List<SimLink> segment;
    long segmentVersion;
    /** Cached by {@link Sysctls#linkConf}; {@code confStamp} says which sysctl state it reflects. */
    Sysctls.LinkConf conf;
    long confStamp;

    SimLink(SimNamespace ns, int index, IfName name, LinkKind kind, int mtu, MacAddress mac) {
        this.ns = ns;
        this.index = index;
        this.name = name;
        this.kind = kind;
        this.mtu = mtu;
        this.mac = mac;
    }

    boolean isLoopback() {
        return kind == LinkKind.LOOPBACK;
    }

    boolean isBridge() {
        return kind == LinkKind.BRIDGE;
    }

    /** A bridge port hands its frames to the bridge; it takes no part in IP itself. */
    boolean isPort() {
        return master != null;
    }

    /** A bridge's ports, in the order they were enslaved; kept here so carrier checks stay cheap. */
    final List<SimLink> ports = new ArrayList<>();

    List<SimLink> ports() {
        return List.copyOf(ports);
    }

    void setMaster(SimLink bridge) {
        if (master != null) {
            master.ports.remove(this);
        }
        master = bridge;
        if (bridge != null) {
            bridge.ports.add(this);
        }
    }

    /**
     * IFF_LOWER_UP: a veth has carrier while both ends are up; a bridge while one of its ports forwards, or
     * while it has no port at all.
     */
    boolean carrier() {
        if (!adminUp) {
            return false;
        }
        return switch (kind) {
            case LOOPBACK, OTHER -> true;
            case VETH -> peer != null && peer.adminUp;
            case BRIDGE -> {
                if (ports.isEmpty()) {
                    yield true; // seen: a bridge without ports is UP,LOWER_UP, state UNKNOWN
                }
                for (SimLink p : ports) {
                    if (p.carrier()) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    OperState operState() {
        if (kind == LinkKind.LOOPBACK) {
            return adminUp ? OperState.UNKNOWN : OperState.DOWN;
        }
        if (kind == LinkKind.BRIDGE && adminUp && ports.isEmpty()) {
            return OperState.UNKNOWN;
        }
        if (carrier() || !adminUp || peer == null || peer.index == index) {
            return carrier() ? OperState.UP : OperState.DOWN;
        }
        // The kernel's default_operstate looks the peer's ifindex up in this device's own namespace (a quirk:
        // across namespaces it may find an unrelated device): none, or one that is up, gives DOWN.
        SimLink other = ns.linkAt(peer.index);
        if (other != null) {
            boolean otherUp = other.kind == LinkKind.LOOPBACK ? other.adminUp : other.adminUp && other.carrier();
            return otherUp ? OperState.DOWN : OperState.LOWERLAYERDOWN;
        }
        return OperState.DOWN;
    }

    /** Can this device send and receive IP right now? Admin up is what matters: no carrier only drops on the wire. */
    boolean up() {
        return adminUp;
    }

    LinkState toState() {
        return new LinkState(index, name, kind, adminUp, carrier(), operState(), mtu, mac,
                Optional.ofNullable(master).map(m -> m.name),
                Optional.ofNullable(peer).map(p -> new LinkState.Peer(p.ns.name, p.name)));
    }

    @Override
    public String toString() {
        return ns.name + ":" + name;
    }
}
