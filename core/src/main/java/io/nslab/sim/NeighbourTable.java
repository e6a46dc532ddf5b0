package io.nslab.sim;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.MacAddress;
import io.nslab.model.NamespaceRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A namespace's neighbour cache as {@code arp -n} reads it: the permanent entries, then what ARP learned on
 * each device (devices in index order, entries in the order they were learned). Forgetting an entry is
 * {@code arp -d}: the kernel's neigh_delete, which takes a permanent entry and a learned one alike.
 */
public final class NeighbourTable {
    /**
     * One entry.
     *
     * @param mac       empty while the neighbour never answered (the kernel's INCOMPLETE and FAILED)
     * @param permanent added by {@code arp -s} or {@code ip neigh add ... nud permanent}
     */
    public record Entry(IfName dev, IpAddress address, Optional<MacAddress> mac, boolean permanent) {
    }

    private NeighbourTable() {
    }

    public static List<Entry> entries(SimNetwork net, NamespaceRef netns) {
        List<Entry> out = new ArrayList<>();
        SimNamespace ns = net.namespace(netns).orElse(null);
        if (ns == null) {
            return out;
        }
        List<SimLink> links = new ArrayList<>(ns.links());
        links.sort(java.util.Comparator.comparingInt(l -> l.index));
        for (SimLink l : links) {
            for (Map.Entry<IpAddress, MacAddress> e : l.permanentNeighbours.entrySet()) {
                out.add(new Entry(l.name, e.getKey(), Optional.of(e.getValue()), true));
            }
            for (Map.Entry<IpAddress, Optional<MacAddress>> e : l.learnedNeighbours.entrySet()) {
                if (!l.permanentNeighbours.containsKey(e.getKey())) {
                    out.add(new Entry(l.name, e.getKey(), e.getValue(), false));
                }
            }
        }
        return out;
    }

    /** Removes the entry for {@code address} (on {@code dev}, or on any device); whether there was one. */
    public static boolean forget(SimNetwork net, NamespaceRef netns, IpAddress address, Optional<IfName> dev) {
        SimNamespace ns = net.namespace(netns).orElse(null);
        if (ns == null) {
            return false;
        }
        boolean found = false;
        for (SimLink l : ns.links()) {
            if (dev.isEmpty() || dev.get().equals(l.name)) {
                found |= l.permanentNeighbours.remove(address) != null;
                found |= l.learnedNeighbours.remove(address) != null;
            }
        }
        return found;
    }
}
