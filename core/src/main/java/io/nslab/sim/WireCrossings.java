package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.MacAddress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what {@link NeighbourResolution} decides into the frames a capture on each device would see: the ARP
 * request (flooded over the segment, bridge ports and the bridges themselves included), its reply, and the IP frame,
 * each crossing every device on its way (the sender's, a bridge's ports, the receiver's). Only for a tap that
 * watches; the walk itself is not changed by it.
 */
final class WireCrossings {
    /** Between two crossings of one frame: keeps their order in a capture without claiming a real delay. */
    private static final double STEP = 1e-6;

    private WireCrossings() {
    }

    /** A resolved IP packet from {@code from} to {@code to}, after the ARP exchange when {@code arp} (IPv4 only). */
    static void delivered(WireTap tap, SimLink from, SimLink to, IpAddress arpSource, IpAddress nextHop, Packet p, boolean arp, double t) {
        double at = t;
        if (arp && nextHop.isV4()) {
            WireFrame request = new WireFrame.Arp(from.mac, WireFrame.BROADCAST, true, from.mac, arpSource, new MacAddress(0), nextHop);
            at = emit(tap, flood(from), request, at);
            WireFrame reply = new WireFrame.Arp(to.mac, from.mac, false, to.mac, nextHop, from.mac, arpSource);
            at = emit(tap, unicast(to, from), reply, at);
        }
        emit(tap, unicast(from, to), new WireFrame.Ip(from.mac, to.mac, datagram(p)), at);
    }

    /** An IP packet to a permanent neighbour entry's MAC: no ARP, straight to the device that has it. */
    static void toPermanent(WireTap tap, SimLink from, SimLink to, Packet p, double t) {
        emit(tap, unicast(from, to), new WireFrame.Ip(from.mac, to.mac, datagram(p)), t);
    }

    /** An ARP nobody answers: the kernel's mcast_probes (3) requests, a second apart (retrans_time). */
    static void unanswered(WireTap tap, SimLink from, IpAddress arpSource, IpAddress nextHop, double t) {
        if (!nextHop.isV4() || !from.adminUp) {
            return;
        }
        WireFrame request = new WireFrame.Arp(from.mac, WireFrame.BROADCAST, true, from.mac, arpSource, new MacAddress(0), nextHop);
        for (int i = 0; i < 3; i++) {
            emit(tap, flood(from), request, t + i);
        }
    }

    private record Step(SimLink dev, boolean outgoing) {
    }

    private static double emit(WireTap tap, List<Step> steps, WireFrame frame, double t) {
        double at = t;
        for (Step s : steps) {
            tap.crossed(new WireCrossing(s.dev.ns.name, s.dev.name, s.dev.mac, s.outgoing, at, frame));
            at += STEP;
        }
        return at;
    }

    /** The devices a frame from {@code from} crosses until {@code to} takes it; empty if it cannot get there. */
    private static List<Step> unicast(SimLink from, SimLink to) {
        List<Step> path = new ArrayList<>();
        path.add(new Step(from, true));
        if (from == to) {
            return path;
        }
        Set<SimLink> seen = new HashSet<>();
        seen.add(from);
        boolean found = from.isBridge() ? outOfBridge(from, null, to, path, seen) : from.peer != null && arrive(from.peer, to, path, seen);
        return found ? path : List.of();
    }

    private static boolean arrive(SimLink at, SimLink to, List<Step> path, Set<SimLink> seen) {
        if (!seen.add(at) || !at.adminUp) {
            return false;
        }
        path.add(new Step(at, false));
        if (at == to) {
            return true;
        }
        SimLink br = at.master;
        if (br != null && br.adminUp) {
            if (br == to) {
                path.add(new Step(br, false));
                return true;
            }
            if (outOfBridge(br, at, to, path, seen)) {
                return true;
            }
        }
        path.removeLast();
        return false;
    }

    private static boolean outOfBridge(SimLink br, SimLink ingress, SimLink to, List<Step> path, Set<SimLink> seen) {
        for (SimLink port : br.ports) {
            if (port == ingress || !port.carrier() || port.peer == null || !seen.add(port)) {
                continue;
            }
            path.add(new Step(port, true));
            if (arrive(port.peer, to, path, seen)) {
                return true;
            }
            path.removeLast();
        }
        return false;
    }

    /** A broadcast's way: every device of the segment, the bridges on the way (which pass it up to themselves) included. */
    private static List<Step> flood(SimLink from) {
        List<Step> out = new ArrayList<>();
        Set<SimLink> seen = new HashSet<>();
        out.add(new Step(from, true));
        seen.add(from);
        if (from.isBridge()) {
            floodBridge(from, null, out, seen);
        } else if (from.peer != null && from.carrier()) {
            floodFrom(from.peer, out, seen);
        }
        return out;
    }

    private static void floodFrom(SimLink at, List<Step> out, Set<SimLink> seen) {
        if (!seen.add(at) || !at.adminUp) {
            return;
        }
        out.add(new Step(at, false));
        SimLink br = at.master;
        if (br != null && br.adminUp && seen.add(br)) {
            out.add(new Step(br, false));
            floodBridge(br, at, out, seen);
        }
    }

    private static void floodBridge(SimLink br, SimLink ingress, List<Step> out, Set<SimLink> seen) {
        for (SimLink port : br.ports) {
            if (port == ingress || !port.carrier() || port.peer == null || !seen.add(port)) {
                continue;
            }
            out.add(new Step(port, true));
            floodFrom(port.peer, out, seen);
        }
    }

    static WireFrame.Datagram datagram(Packet p) {
        return new WireFrame.Datagram(p.src(), p.dst(), p.ttl(), switch (p.payload()) {
            case Payload.Echo e -> new WireFrame.Content.Echo(e.request(), e.id(), e.size());
            case Payload.IcmpError e -> new WireFrame.Content.IcmpError(e.kind().type(), e.kind().code(), Optional.empty(), datagram(e.about()));
            case Payload.Ndp n -> new WireFrame.Content.Ndp(n.solicitation());
            case Payload.Transport tr -> new WireFrame.Content.Transport(tr.protocol() == io.nslab.firewall.L4Proto.TCP ? 6 : 17,
                    tr.sport(), tr.dport(), tr.kind().name());
        });
    }
}
