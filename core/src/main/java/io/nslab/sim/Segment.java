package io.nslab.sim;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The layer-2 world seen from one device: every IP-speaking device a frame sent out of it can reach
 * through veth pairs and bridges (ports that are up, bridges that are up). Ports themselves take no
 * part in IP; the bridge device does.
 */
final class Segment {
    private Segment() {
    }

    /** The devices that receive what {@code dev} sends, in the order a flood reaches them. */
    static List<SimLink> reachableFrom(SimLink dev) {
        List<SimLink> out = new ArrayList<>();
        if (!dev.adminUp) {
            return out;
        }
        Set<SimLink> seen = new HashSet<>();
        Deque<SimLink> wire = new ArrayDeque<>();
        seen.add(dev);
        if (dev.isBridge()) {
            floodBridge(dev, null, wire, seen, out);
        } else if (dev.peer != null && dev.carrier()) {
            wire.add(dev.peer);
        }
        while (!wire.isEmpty()) {
            SimLink arrived = wire.poll();
            if (!seen.add(arrived) || !arrived.adminUp) {
                continue;
            }
            if (arrived.master == null) {
                out.add(arrived);
                continue;
            }
            SimLink br = arrived.master;
            if (!br.adminUp) {
                continue;
            }
            if (seen.add(br)) {
                out.add(br);
            }
            floodBridge(br, arrived, wire, seen, out);
        }
        return out;
    }

    private static void floodBridge(SimLink br, SimLink ingress, Deque<SimLink> wire, Set<SimLink> seen, List<SimLink> out) {
        for (SimLink port : br.ports()) {
            if (port == ingress || !port.carrier()) {
                continue;
            }
            seen.add(port);
            if (port.peer != null && !seen.contains(port.peer)) {
                wire.add(port.peer);
            }
        }
    }
}
