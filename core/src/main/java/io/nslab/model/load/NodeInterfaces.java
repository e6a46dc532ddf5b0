package io.nslab.model.load;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The interfaces of one node as the resolver learns them: what routes and checks are validated against. */
final class NodeInterfaces {
    record Iface(String name, Position position, boolean up, List<IpPrefix> addresses) {
    }

    private final Map<String, Iface> byName = new LinkedHashMap<>();

    /** Adds an interface; returns the earlier one of the same name, if there is one. */
    Optional<Iface> add(Iface iface) {
        return Optional.ofNullable(byName.putIfAbsent(iface.name(), iface));
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    Optional<Iface> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<Iface> all() {
        return List.copyOf(byName.values());
    }

    /** Interfaces with an address whose subnet holds {@code a}: where the kernel finds a connected route to it. */
    List<Iface> connectedTo(IpAddress a) {
        List<Iface> out = new ArrayList<>();
        for (Iface i : byName.values()) {
            for (IpPrefix p : i.addresses()) {
                if (!p.isHost() && p.contains(a)) {
                    out.add(i);
                    break;
                }
            }
        }
        return out;
    }

    boolean isLocal(IpAddress a) {
        return byName.values().stream().anyMatch(i -> i.addresses().stream().anyMatch(p -> p.address().equals(a)))
                || (a.isV4() && a.isLoopback());
    }

    /** The first address of the node, IPv4 before IPv6, in file order: what a check aimed at the node pings. */
    Optional<IpAddress> firstAddress() {
        for (boolean v4 : new boolean[] {true, false}) {
            for (Iface i : byName.values()) {
                for (IpPrefix p : i.addresses()) {
                    if (p.address().isV4() == v4 && !p.address().isLoopback()) {
                        return Optional.of(p.address());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
