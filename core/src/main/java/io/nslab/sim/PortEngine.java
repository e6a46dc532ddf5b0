package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.firewall.L4Proto;
import io.nslab.model.IpAddress;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.PortOutcome;
import io.nslab.probe.PortProtocol;
import io.nslab.probe.PortRequest;
import io.nslab.probe.PortResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A TCP connection attempt or a UDP datagram in the simulator, answered as the kernel world answers it: where the
 * packet arrives at the listener's node (where nslab listens when nothing does) a SYN-ACK or nslab's UDP answer goes
 * back; at any other node a TCP reset, or an ICMP port unreachable for UDP. A rule's {@code reject with tcp reset}
 * sends its reset from the rejecting node with the destination's address, as nf_send_reset does. Each answer is
 * routed back through the netfilter hooks, so a reply dropped on the way back is silence, as on Linux.
 */
final class PortEngine {
    /** A source port from the ephemeral range, fixed so that runs repeat. */
    static final int SOURCE_PORT = 40_000;

    /** Builds one leg of the explanation (null: not explaining). */
    interface Legs {
        void add(String label, IpAddress from, IpAddress to, Outcome o, Disposition d);
    }

    private final SimNetwork net;
    private final Forwarder forwarder;
    private final IcmpRateLimit limit = new IcmpRateLimit();
    private final Legs legs;

    PortEngine(SimNetwork net, Legs legs) {
        this.net = net;
        this.legs = legs;
        this.forwarder = new Forwarder(net, legs != null, new NeighbourClock());
    }

    PortResult probe(PortRequest req) {
        SimNamespace origin = net.namespace(req.from())
                .orElseThrow(() -> new IllegalArgumentException("no namespace \"" + req.from() + "\" in this network"));
        Optional<SimNamespace> listener = req.listener().flatMap(net::namespace);
        boolean listened = listener.isPresent();
        L4Proto proto = req.protocol() == PortProtocol.TCP ? L4Proto.TCP : L4Proto.UDP;
        Payload.Transport first = new Payload.Transport(proto, SOURCE_PORT, req.port(),
                proto == L4Proto.TCP ? Payload.Kind.SYN : Payload.Kind.DATA);
        int ttl = ProbeRunner.defaultTtl(origin, req.destination());
        double timeout = req.timeout().toNanos() / 1e9;
        Outcome out = forwarder.originate(origin, req.destination(), Optional.empty(), ttl, first, 0);
        String label = proto == L4Proto.TCP ? "SYN" : "UDP datagram";
        IpAddress src = out.sent != null ? out.sent.src() : io.nslab.model.IpPrefix.defaultRoute(req.destination().family()).address();
        leg(label + " to port " + req.port(), src, req.destination(), out, out.disposition);
        if (out.localError.isPresent()) {
            return new PortResult(req, PortOutcome.UNREACHABLE, Optional.empty(), out.localError, Optional.empty(), false, listened);
        }
        if (proto == L4Proto.UDP && out.disposition instanceof Disposition.Filtered f && f.node().equals(origin.label())
                && (f.hook().equals("output") || f.hook().equals("postrouting"))) {
            // the sender's own rule dropped or rejected the datagram on its way out: send() fails with EPERM
            // (fidelity seeds 53, 73, 75: the kernel world's write threw "Operation not permitted")
            return new PortResult(req, PortOutcome.FILTERED, Optional.empty(), Optional.of(io.nslab.probe.LocalError.SEND_FILTERED),
                    Optional.empty(), false, listened);
        }
        Optional<IpAddress> source = Optional.of(out.sent.src());
        double transit = (out.hops.size() + 1) * ProbeRunner.HOP_SECONDS;
        if (out.deliveredAt != null) {
            SimNamespace at = out.deliveredAt;
            Packet d = out.delivered;
            Payload.Transport got = (Payload.Transport) d.payload();
            if (listener.isPresent() && at == listener.get() && got.dport() == req.listenPort()) {
                Payload.Kind k = proto == L4Proto.TCP ? Payload.Kind.SYN_ACK : Payload.Kind.DATA;
                Outcome back = forwarder.originate(at, d.src(), Optional.of(d.dst()), ProbeRunner.defaultTtl(at, d.src()), got.answer(k), transit);
                leg(proto == L4Proto.TCP ? "SYN-ACK" : "nslab's answer", d.dst(), d.src(), back, returning(at, back, origin, src));
                boolean home = back.deliveredAt == origin && back.localError.isEmpty();
                return new PortResult(req, home ? PortOutcome.OPEN : PortOutcome.FILTERED, source, Optional.empty(), Optional.empty(),
                        false, listened);
            }
            if (proto == L4Proto.TCP) {
                // tcp_v4_send_reset: nothing listens where the SYN arrived
                return reset(req, origin, at, d, source, listened, transit, "TCP reset (nothing listens on " + at.label() + ")");
            }
            return icmp(req, origin, new Outcome.Icmp(at, IcmpErrorKind.PORT_UNREACHABLE, d, Optional.empty(), 0, false, false, true),
                    transit, timeout, source, listened);
        }
        if (out.reset.isPresent()) {
            Outcome.Reset r = out.reset.get();
            return reset(req, origin, r.at(), r.about(), source, listened, transit, "TCP reset from the rule");
        }
        if (out.icmp.isPresent()) {
            return icmp(req, origin, out.icmp.get(), transit, timeout, source, listened);
        }
        return new PortResult(req, PortOutcome.FILTERED, source, Optional.empty(), Optional.empty(), false, listened);
    }

    /** A reset from {@code at} about {@code about}, from the address {@code about} was sent to. */
    private PortResult reset(PortRequest req, SimNamespace origin, SimNamespace at, Packet about, Optional<IpAddress> source,
                             boolean listened, double t, String label) {
        Payload.Transport got = (Payload.Transport) about.payload();
        Outcome back = forwarder.originate(at, about.src(), Optional.of(about.dst()), ProbeRunner.defaultTtl(at, about.src()),
                got.answer(Payload.Kind.RST), t);
        leg(label, about.dst(), about.src(), back, returning(at, back, origin, about.src()));
        boolean home = back.deliveredAt == origin && back.localError.isEmpty();
        return new PortResult(req, home ? PortOutcome.REFUSED : PortOutcome.FILTERED, source, Optional.empty(), Optional.empty(),
                home, listened);
    }

    /** An ICMP error routed back from the node that raised it, as icmp_send does (rate-limited where the kernel limits). */
    private PortResult icmp(PortRequest req, SimNamespace origin, Outcome.Icmp icmp, double t, double timeout,
                            Optional<IpAddress> source, boolean listened) {
        double at = t + icmp.delay();
        if (!icmp.local() && !limit.allow(icmp.at(), icmp.about().src(), at, icmp.routingError())) {
            return new PortResult(req, PortOutcome.FILTERED, source, Optional.empty(), Optional.empty(), false, listened);
        }
        IpAddress to = icmp.about().src();
        Outcome back = forwarder.originate(icmp.at(), to, icmp.source(), ProbeRunner.defaultTtl(icmp.at(), to),
                new Payload.IcmpError(icmp.kind(), icmp.about()), at);
        IpAddress from = back.sent != null ? back.sent.src() : icmp.about().dst();
        leg("ICMP " + icmp.kind().text(), from, to, back, returning(icmp.at(), back, origin, to));
        boolean home = back.deliveredAt == origin && back.localError.isEmpty();
        if (!home || at > timeout) {
            return new PortResult(req, PortOutcome.FILTERED, source, Optional.empty(), Optional.empty(), false, listened);
        }
        PortOutcome o = PortOutcome.ofIcmp(icmp.kind(), req.protocol());
        return new PortResult(req, o, source, Optional.empty(),
                Optional.of(new PortResult.IcmpError(Optional.of(back.delivered.src()), Optional.of(icmp.kind()), icmp.kind().text())),
                false, listened);
    }

    /** The disposition of an answer, said as a missing way back where it stopped for want of a route. */
    private static Disposition returning(SimNamespace from, Outcome back, SimNamespace origin, IpAddress to) {
        Disposition d = back.disposition;
        if (d instanceof Disposition.NoRoute nr && nr.node().equals(from.label())) {
            return new Disposition.NoReturnRoute(nr.node(), nr.destination());
        }
        if (d instanceof Disposition.Delivered && back.deliveredAt != origin) {
            return new Disposition.NoReturnRoute(from.label(), to);
        }
        return d;
    }

    private void leg(String label, IpAddress from, IpAddress to, Outcome o, Disposition d) {
        if (legs != null && d != null) {
            legs.add(label, from, to, o, d);
        }
    }

}
