package io.nslab.sim;

import io.nslab.model.NamespaceRef;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.MacAddress;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** One simulated network namespace: its devices, addresses, tables local and main, and sysctls. */
final class SimNamespace {
    final NamespaceRef name;
    /** Its identity, as the namespace's inode is on Linux. */
    final long inode;
    private final TreeMap<Integer, SimLink> links = new TreeMap<>();
    /** Address order as {@code ip addr} lists it: per device, primaries before secondaries. */
    final List<SimAddress> addresses = new ArrayList<>();
    final RoutingTable local = new RoutingTable(RouteState.TABLE_LOCAL);
    final RoutingTable main = new RoutingTable(RouteState.TABLE_MAIN);
    final Sysctls sysctls = new Sysctls();
    /** The kernel allocates ifindexes per namespace; lo is always 1. */
    private int nextIndex = 1;

    SimNamespace(NamespaceRef name, long inode) {
        this.name = name;
        this.inode = inode;
        SimLink lo = new SimLink(this, nextIndex++, IfName.of("lo"), LinkKind.LOOPBACK, SimLink.LOOPBACK_MTU, new MacAddress(0));
        attach(lo);
    }

    /** The namespace's name as explanations print it before nodes are named. */
    String label() {
        return name.toString();
    }

    Collection<SimLink> links() {
        return links.values();
    }

    SimLink loopback() {
        return links.get(1);
    }

    Optional<SimLink> link(IfName name) {
        for (SimLink l : links.values()) {
            if (l.name.equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    int allocateIndex() {
        while (links.containsKey(nextIndex)) {
            nextIndex++;
        }
        return nextIndex++;
    }

    void attach(SimLink l) {
        l.ns = this;
        links.put(l.index, l);
        sysctls.addDevice(l.name.value());
        if (l.isLoopback()) {
            sysctls.loopbackAdded(l.name.value());
        }
    }

    void detach(SimLink l) {
        links.remove(l.index);
        sysctls.removeDevice(l.name.value());
    }

    List<SimAddress> addressesOf(SimLink dev) {
        return addresses.stream().filter(a -> a.dev() == dev).toList();
    }

    /** inet_lookup_ifaddr: is {@code a} one of this namespace's own addresses (any device)? */
    boolean isLocalAddress(IpAddress a) {
        for (SimAddress s : addresses) {
            if (s.address().equals(a)) {
                return true;
            }
        }
        return false;
    }

    Optional<SimAddress> ownerOf(IpAddress a) {
        return addresses.stream().filter(s -> s.address().equals(a)).findFirst();
    }

    List<RoutingTable> tables() {
        return List.of(local, main);
    }

    NamespaceState toState() {
        List<LinkState> ls = links.values().stream().map(SimLink::toState).toList();
        List<AddressState> as = new ArrayList<>();
        // ip addr lists each device's IPv4 addresses, then its IPv6 ones
        for (SimLink l : links.values()) {
            for (boolean v4 : new boolean[] {true, false}) {
                for (SimAddress a : addresses) {
                    if (a.dev() == l && a.isV4() == v4) {
                        as.add(a.toState());
                    }
                }
            }
        }
        List<RouteState> rs = new ArrayList<>();
        for (SimRoute r : main.routes()) {
            rs.add(r.toState());
        }
        for (SimRoute r : local.routes()) {
            rs.add(r.toState());
        }
        List<io.nslab.state.NeighbourState> ns = new ArrayList<>();
        for (SimLink l : links.values()) {
            l.permanentNeighbours.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
                    .forEach(e -> ns.add(new io.nslab.state.NeighbourState(l.name, e.getKey(), e.getValue())));
        }
        return new NamespaceState(name, ls, as, rs, sysctls.all(), ns);
    }
}
