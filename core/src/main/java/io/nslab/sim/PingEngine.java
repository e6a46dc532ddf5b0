package io.nslab.sim;

import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * ping in simulated time: request {@code n} leaves at {@code (n-1) × interval}; an answer counts when it
 * arrives before ping gives up ({@code -W} after the last request), so an unanswered ARP's host
 * unreachable (3 s) shows only with a long enough {@code -W}, as on Linux.
 */
final class PingEngine {
    private final SimNetwork net;

    PingEngine(SimNetwork net) {
        this.net = net;
    }

    /**
     * Whether bind() takes the address: one of the node's own, or for IPv4 any address whose type in table local is
     * broadcast or multicast (inet_bind: RTN_LOCAL, RTN_MULTICAST, RTN_BROADCAST; fidelity seed 845, ping -I with
     * another node's address that is the broadcast address of one of the sender's subnets: bound, sent, unanswered).
     */
    static boolean bindable(SimNamespace ns, io.nslab.model.IpAddress a) {
        if (ns.isLocalAddress(a)) {
            return true;
        }
        if (!a.isV4()) {
            return false;
        }
        if (a.isMulticast() || a.equals(io.nslab.model.IpAddress.v4(255, 255, 255, 255))) {
            return true;
        }
        SimRoute r = ns.local.first(a);
        return r != null && (r.kind() == io.nslab.state.RouteKind.BROADCAST || r.kind() == io.nslab.state.RouteKind.MULTICAST
                || r.kind() == io.nslab.state.RouteKind.LOCAL);
    }

    PingResult ping(PingRequest req) {
        SimNamespace origin = net.namespace(req.netns())
                .orElseThrow(() -> new IllegalArgumentException("no namespace \"" + req.netns() + "\" in this network"));
        if (req.source().filter(s -> !s.isUnspecified() && !bindable(origin, s)).isPresent()) {
            // ping binds its socket to -I's address before anything else: the kernel refuses one that is not local
            return PingResult.refused(req, io.nslab.probe.LocalError.ADDRESS_NOT_AVAILABLE);
        }
        ProbeRunner runner = new ProbeRunner(net, false, req.size());
        int ttl = req.ttl().orElse(ProbeRunner.defaultTtl(origin, req.destination()));
        double interval = req.interval().toNanos() / 1e9;
        record Timed(double at, int order, PingEvent event) {
        }
        List<Timed> events = new ArrayList<>();
        Optional<io.nslab.model.IpAddress> source = Optional.empty();
        int transmitted = 0;
        for (int seq = 1; seq <= req.count(); seq++) {
            double t = (seq - 1) * interval;
            List<Probe.Answer> redirects = ProbeRunner.none();
            net.tap().echoSequence(seq);
            Probe p = runner.send(origin, req.destination(), req.source(), ttl, t, redirects);
            if (p.request().localError.isPresent()) {
                if (seq == 1) {
                    return PingResult.refused(req, p.request().localError.get());
                }
                continue;
            }
            transmitted++;
            if (source.isEmpty()) {
                source = Optional.of(p.request().sent.src());
            }
            for (Probe.Answer r : redirects) {
                events.add(new Timed(r.seconds(), events.size(), new PingEvent.Error(seq, r.from(), r.error().orElseThrow(), r.gateway())));
            }
            final int s = seq;
            p.seen().ifPresent(a -> events.add(new Timed(a.seconds(), events.size(), a.error()
                    .<PingEvent>map(k -> new PingEvent.Error(s, a.from(), k, a.gateway()))
                    .orElseGet(() -> new PingEvent.Reply(s, a.from(), a.ttl(), req.size() + 8,
                            Duration.ofNanos(Math.round((a.seconds() - t) * 1e9)))))));
        }
        double deadline = (req.count() - 1) * interval + req.timeout().toNanos() / 1e9;
        List<Timed> seen = events.size() <= 1
                // one answer or none, as nearly every ping of all-pairs: nothing to order
                ? (events.isEmpty() || events.getFirst().at() > deadline ? List.of() : List.of(events.getFirst()))
                : events.stream().filter(e -> e.at() <= deadline)
                // the same instant to a microsecond is one: the packets an unanswered ARP held bounce in their order
                .sorted(Comparator.comparingLong((Timed e) -> Math.round(e.at() * 1e6)).thenComparingInt(e -> e.event().seq())
                        .thenComparingInt(Timed::order)).toList();
        List<PingEvent> visible = seen.size() == 1 ? List.of(seen.getFirst().event()) : seen.stream().map(Timed::event).toList();
        // iputils' pipesize: at each answer, the requests sent by then (one leaving at that instant too) from its own on
        int pipe = 1;
        for (Timed e : seen) {
            boolean redirect = e.event() instanceof PingEvent.Error err && err.kind().isRedirect();
            if (!redirect) {
                long sent = interval == 0 ? req.count() : Math.min(req.count(), (long) Math.floor(e.at() / interval + 1e-9) + 1);
                pipe = (int) Math.max(pipe, sent - e.event().seq() + 1);
            }
        }
        Duration elapsed = Duration.ofMillis(Math.round((req.count() - 1) * interval * 1000));
        return new PingResult(req, Optional.empty(), source, transmitted, visible, elapsed, pipe);
    }
}
