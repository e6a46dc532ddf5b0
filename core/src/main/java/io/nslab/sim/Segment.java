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
        // br_flood walks br->port_list, where br_add_if puts each new port at the head: the last port enslaved is
        // flooded first, so its far end answers an ARP request first, and the asker keeps the first answer (arp
        // locktime). Seen on the kernel: ports p1, p2, p3 added in that order, their peers q1..q3 all answering for
        // 10.0.0.4, the asker's entry holds q3's MAC. Fidelity seed 1000140: an iifname rule met the other interface.
        for (SimLink port : br.ports().reversed()) {
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
