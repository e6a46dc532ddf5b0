package io.nslab.sim;

import io.nslab.probe.TraceHop;
import io.nslab.probe.TraceRequest;
import io.nslab.probe.TraceResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code traceroute -I}: probes of TTL 1, 2, ... leave together (ICMP rate limits then apply as they do
 * to the real burst); it stops after the first hop where a probe reached the target or got an
 * unreachable ({@code !H}, {@code !N}, {@code !X}).
 */
final class TraceEngine {
    private final SimNetwork net;

    TraceEngine(SimNetwork net) {
        this.net = net;
    }

    TraceResult trace(TraceRequest req) {
        SimNamespace origin = net.namespace(req.netns())
                .orElseThrow(() -> new IllegalArgumentException("no namespace \"" + req.netns() + "\" in this network"));
        ProbeRunner runner = new ProbeRunner(net, false);
        double wait = req.waitTime().toNanos() / 1e9;
        List<TraceHop> hops = new ArrayList<>();
        for (int ttl = 1; ttl <= req.maxHops(); ttl++) {
            List<TraceHop.Probe> probes = new ArrayList<>();
            boolean done = false;
            for (int q = 0; q < req.probesPerHop(); q++) {
                Probe p = runner.send(origin, req.destination(), Optional.empty(), ttl, 0, ProbeRunner.none());
                if (p.request().localError.isPresent()) {
                    return new TraceResult(req, p.request().localError, List.of());
                }
                if (ttl == 1 && q == 0 && p.request().disposition instanceof io.nslab.explain.Disposition.Filtered f
                        && f.node().equals(origin.label()) && (f.hook().equals("output") || f.hook().equals("postrouting"))) {
                    // the node's own rule stopped the first probe on its way out: send() fails with EPERM and traceroute
                    // stops ("send: Operation not permitted"; seen in a sandbox; fidelity seed 153); a later probe so
                    // stopped is lost, as in the kernel world (KernelTrace)
                    return new TraceResult(req, Optional.of(io.nslab.probe.LocalError.SEND_FILTERED), List.of());
                }
                Optional<Probe.Answer> a = p.seen().filter(x -> x.seconds() <= wait);
                if (a.isEmpty()) {
                    probes.add(new TraceHop.Probe(Optional.empty(), Duration.ZERO, ""));
                    continue;
                }
                Probe.Answer ans = a.get();
                String note = ans.error().map(TraceEngine::annotation).orElse("");
                if (ans.error().isEmpty() || ans.error().get().isUnreachable()) {
                    done = true;
                }
                probes.add(new TraceHop.Probe(Optional.of(ans.from()), Duration.ofNanos(Math.round(ans.seconds() * 1e9)), note));
            }
            hops.add(new TraceHop(ttl, probes));
            if (done) {
                break;
            }
        }
        return new TraceResult(req, Optional.empty(), hops);
    }

    static String annotation(io.nslab.probe.IcmpErrorKind k) {
        return switch (k) {
            case NET_UNREACHABLE, NET_PROHIBITED -> "!N";
            case HOST_UNREACHABLE, HOST_PROHIBITED -> "!H";
            case PROTOCOL_UNREACHABLE -> "!P";
            case PORT_UNREACHABLE, TTL_EXCEEDED, REDIRECT_NET, REDIRECT_HOST -> "";
            case FRAGMENTATION_NEEDED -> "!F";
            case PACKET_FILTERED -> "!X";
        };
    }
}
