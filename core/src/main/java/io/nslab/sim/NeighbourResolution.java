package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.firewall.Hook;
import io.nslab.model.IpAddress;
import io.nslab.probe.IcmpErrorKind;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The last step of sending a routed packet out of a device: the carrier, permanent neighbour entries, ARP (or IPv6
 * neighbour discovery, whose solicitation and advertisement pass netfilter like any packet), what each side learns,
 * and, when nobody answers, the host unreachable the sender's kernel raises after three unanswered solicitations.
 * A resolved packet is handed to the receiving device through {@link Receiver}.
 */
final class NeighbourResolution {
    /** neigh mcast_probes (3) × retrans_time (1 s): when an unanswered ARP gives up. */
    static final double ARP_GIVE_UP_SECONDS = 3.0;

    /** The device at the other end of the wire, which takes the packet from here (prerouting and routing). */
    interface Receiver {
        void ingress(SimNamespace ns, SimLink in, Packet p, Outcome o, double t);
    }

    private record Resolved(SimLink dev, IpAddress neighbour) {
    }

    private final SimNetwork net;
    private final HookPath path;
    private final NeighbourClock clock;
    private final Receiver receiver;
    /** IPv6 neighbours this session has resolved: the solicitation and advertisement pass netfilter once. */
    private final Set<Resolved> resolved = new HashSet<>();

    NeighbourResolution(SimNetwork net, HookPath path, NeighbourClock clock, Receiver receiver) {
        this.net = net;
        this.path = path;
        this.clock = clock;
        this.receiver = receiver;
    }

    void transmit(SimNamespace ns, SimRoute r, Packet p, Outcome o, double t, boolean local) {
        p = p.withCt(null); // the conntrack entry stays in the namespace it belongs to
        SimLink dev = r.dev();
        IpAddress nh = r.nextHop(p.dst());
        if (!dev.carrier()) {
            failure(ns, dev, nh, p, o, t, local);
            o.disposition = new Disposition.LinkDown(ns.label(), dev.name);
            return;
        }
        Optional<Optional<SimLink>> permanent = net.permanentNeighbour(dev, nh);
        if (permanent.isPresent()) {
            if (permanent.get().isEmpty()) { // sent to a MAC nobody has: lost, without an error
                path.hop(o, ns, null, dev.name, r, "permanent neighbour entry for " + nh + ", but no device on the wire has its MAC");
                o.disposition = new Disposition.NeighbourUnreachable(ns.label(), nh, dev.name);
                return;
            }
            if (net.tap() != WireTap.NONE) {
                WireCrossings.toPermanent(net.tap(), dev, permanent.get().get(), p, t);
            }
            receiver.ingress(permanent.get().get().ns, permanent.get().get(), p, o, t);
            return;
        }
        // arp_solicit: with arp_announce 0 the packet's own source if it is local, else the device's best address
        int announce = ns.sysctls.linkConf(dev).arpAnnounce();
        IpAddress arpSource = announce == 0 && ns.isLocalAddress(p.src()) ? p.src()
                : Fib.source(ns, new SimRoute(r.table(), r.kind(), r.destination(), Optional.empty(), dev, r.protocol(),
                        io.nslab.state.AddressScope.LINK, Optional.empty(), r.metric(), false, 0), nh).orElse(p.src());
        Optional<SimLink> target = net.neighbour(dev, nh, arpSource);
        if (target.isEmpty()) {
            dev.learnedNeighbours.putIfAbsent(nh, Optional.empty());
            if (failure(ns, dev, nh, p, o, t, local) && net.tap() != WireTap.NONE) {
                WireCrossings.unanswered(net.tap(), dev, arpSource, nh, t);
            }
            o.disposition = new Disposition.NeighbourUnreachable(ns.label(), nh, dev.name);
            return;
        }
        if (!nh.isV4() && !discoveryPasses(ns, dev, nh, arpSource, target.get(), o)) {
            failure(ns, dev, nh, p, o, t, local);
            return;
        }
        if (net.tap() != WireTap.NONE) {
            boolean known = dev.learnedNeighbours.getOrDefault(nh, Optional.empty()).isPresent();
            WireCrossings.delivered(net.tap(), dev, target.get(), arpSource, nh, p, !known, t);
        }
        // the asker learns the answer; the answerer learns the asker from the request (arp_process, neigh_event_ns)
        dev.learnedNeighbours.put(nh, Optional.of(target.get().mac));
        target.get().learnedNeighbours.merge(arpSource, Optional.of(dev.mac), (known, asked) -> known.isPresent() ? known : asked);
        receiver.ingress(target.get().ns, target.get(), p, o, t);
    }

    /**
     * Whether the neighbour solicitation and its advertisement get through both nodes' rules (output and postrouting
     * of the sender, prerouting and input of the receiver, each way): a node whose input policy drops untracked
     * ICMPv6 cannot be reached over IPv6, as on Linux. Nodes without rules are not asked.
     */
    private boolean discoveryPasses(SimNamespace ns, SimLink dev, IpAddress nh, IpAddress source, SimLink target, Outcome o) {
        if (ns.firewall.isEmpty() && target.ns.firewall.isEmpty() || !resolved.add(new Resolved(dev, nh))) {
            return true;
        }
        IpAddress solicitedNode = new IpAddress(io.nslab.model.Family.INET6, 0xff02000000000000L, 0x00000001ff000000L | (nh.lo() & 0xffffffL));
        Packet ns1 = new Packet(source, solicitedNode, 255, new Payload.Ndp(true));
        Packet na = new Packet(nh, source, 255, new Payload.Ndp(false));
        boolean ok = crosses(ns, dev, target, ns1, o) && crosses(target.ns, target, dev, na, o);
        if (!ok) {
            resolved.remove(new Resolved(dev, nh));
        }
        return ok;
    }

    private boolean crosses(SimNamespace from, SimLink out, SimLink in, Packet p, Outcome o) {
        Packet q = path.pass(from, Hook.OUTPUT, p, null, out, null, o, true);
        q = q == null ? null : path.pass(from, Hook.POSTROUTING, q, null, out, null, o, true);
        q = q == null ? null : path.pass(in.ns, Hook.PREROUTING, q.withCt(null), in, null, null, o, false);
        q = q == null ? null : path.pass(in.ns, Hook.INPUT, q, in, null, null, o, false);
        return q != null;
    }

    /**
     * After three unanswered solicitations the queued packets bounce as host unreachable, from the node that tried.
     * True when this packet started a new round of solicitations (it did not join one under way).
     */
    private boolean failure(SimNamespace ns, SimLink dev, IpAddress nh, Packet p, Outcome o, double t, boolean local) {
        double failAt = clock.failureTime(dev, nh, t);
        o.delay = failAt - t;
        if (!p.icmpError()) {
            o.icmp = Optional.of(new Outcome.Icmp(ns, IcmpErrorKind.HOST_UNREACHABLE, p, Optional.empty(), failAt - t, local, false));
        }
        return Math.abs(failAt - t - ARP_GIVE_UP_SECONDS) < 1e-9;
    }
}
