package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.probe.IcmpErrorKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends echo requests through a {@link Forwarder} and follows what comes back: the target's echo
 * reply, routed from the target with its own lookup, or an ICMP error routed back from the node that
 * raised it (rate-limited like the kernel). Shared by ping, traceroute and --explain.
 */
final class ProbeRunner {
    /** One-way time per node crossed: small and deterministic; both worlds' times are masked when compared. */
    static final double HOP_SECONDS = 0.00004;

    private final SimNetwork net;
    private final Forwarder forwarder;
    private final IcmpRateLimit limit = new IcmpRateLimit();
    /** The echo identifier of this session's requests: one conntrack flow per ping or traceroute, as on Linux. */
    static final int ECHO_ID = 0x4e53;
    private final int size;

    ProbeRunner(SimNetwork net, boolean explain) {
        this(net, explain, io.nslab.probe.PingRequest.DEFAULT_SIZE);
    }

    ProbeRunner(SimNetwork net, boolean explain, int size) {
        this.net = net;
        this.size = size;
        this.forwarder = new Forwarder(net, explain, new NeighbourClock());
    }

    static int defaultTtl(SimNamespace ns, IpAddress dst) {
        return dst.isV4() ? ns.sysctls.defaultTtl() : 64;
    }

    /** The request's walk; a local error means nothing was sent. Redirects come back through {@code redirects}. */
    Probe send(SimNamespace origin, IpAddress dst, Optional<IpAddress> source, int ttl, double t, List<Probe.Answer> redirects) {
        Outcome out = forwarder.originate(origin, dst, source, ttl, new Payload.Echo(true, ECHO_ID, size), t);
        if (out.localError.isPresent()) {
            return new Probe(out, Optional.empty(), Optional.empty());
        }
        double transit = (out.hops.size() + 1) * HOP_SECONDS;
        for (Outcome.Icmp r : out.redirects) {
            answerIcmp(origin, r, t + transit / 2).flatMap(Probe::seen).ifPresent(redirects::add);
        }
        if (out.deliveredAt != null) {
            SimNamespace target = out.deliveredAt;
            // the reply goes to the request's source as it arrived, from the address it was sent to (both after any NAT)
            // icmpv6_echo_reply routes with the request's interface as oif (fidelity seed 17 with IPv6 pings: of two
            // connected routes to one prefix, the kernel answered through the one the request came in by)
            Outcome back = forwarder.originate(target, out.delivered.src(), Optional.of(out.delivered.dst()), defaultTtl(target, dst),
                    new Payload.Echo(false, ECHO_ID, size), t + transit, out.deliveredIn);
            Optional<Probe.Answer> seen = Optional.empty();
            if (back.deliveredAt == origin && back.localError.isEmpty()) {
                double rtt = 2 * transit + hopsOf(out, back) * HOP_SECONDS;
                seen = Optional.of(new Probe.Answer(t + rtt, back.delivered.src(), Optional.empty(), back.ttlLeft, Optional.empty()));
            }
            return new Probe(out, Optional.of(back), seen);
        }
        if (out.icmp.isPresent()) {
            Optional<Probe> errorWalk = answerIcmp(origin, out.icmp.get(), t + transit);
            if (errorWalk.isPresent()) {
                return new Probe(out, errorWalk.get().answer(), errorWalk.get().seen());
            }
        }
        return new Probe(out, Optional.empty(), Optional.empty());
    }

    private static int hopsOf(Outcome a, Outcome b) {
        return Math.max(0, a.hops.size() + b.hops.size());
    }

    /** Routes an ICMP message from the node that raised it back to the sender, as icmp_send does. */
    private Optional<Probe> answerIcmp(SimNamespace origin, Outcome.Icmp icmp, double t) {
        double at = t + icmp.delay();
        if (!icmp.local() && !limit.allow(icmp.at(), icmp.about().src(), at, icmp.routingError())) {
            return Optional.empty();
        }
        IpAddress to = icmp.about().src();
        Outcome back = forwarder.originate(icmp.at(), to, icmp.source(), defaultTtl(icmp.at(), to),
                new Payload.IcmpError(icmp.kind(), icmp.about()), at);
        Optional<Probe.Answer> seen = Optional.empty();
        if (back.deliveredAt == origin && back.localError.isEmpty()) {
            seen = Optional.of(new Probe.Answer(at + (back.hops.size() + 1) * HOP_SECONDS, back.delivered.src(), Optional.of(icmp.kind()),
                    back.ttlLeft, icmp.gateway()));
        }
        return Optional.of(new Probe(back, Optional.of(back), seen));
    }

    static List<Probe.Answer> none() {
        return new ArrayList<>();
    }

    static boolean isFinal(IcmpErrorKind k) {
        return k.isUnreachable();
    }
}
