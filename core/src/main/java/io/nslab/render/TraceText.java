package io.nslab.render;

import io.nslab.model.IpAddress;
import io.nslab.probe.TraceHop;
import io.nslab.probe.TraceResult;

import java.util.Optional;

/** {@code traceroute -n -I} output (traceroute 2.1): an address once per run of equal answers, then times and marks. */
public final class TraceText {
    private TraceText() {
    }

    public static String render(TraceResult r) {
        if (r.connectError().isPresent()) {
            return header(r.request()) + "send: " + r.connectError().get().text() + "\n";
        }
        StringBuilder sb = new StringBuilder(header(r.request()));
        r.hops().forEach(h -> sb.append(hop(h)));
        return sb.toString();
    }

    /** {@code traceroute to 10.0.2.10 (10.0.2.10), 30 hops max, 60 byte packets}. */
    public static String header(io.nslab.probe.TraceRequest request) {
        IpAddress dst = request.destination();
        return "traceroute to " + dst + " (" + dst + "), " + request.maxHops() + " hops max, " + (dst.isV4() ? 60 : 80)
                + " byte packets\n";
    }

    /** One hop's line: {@code  2  10.0.12.1  0.051 ms  0.030 ms  0.028 ms}. */
    public static String hop(TraceHop hop) {
        StringBuilder sb = new StringBuilder(String.format("%2d ", hop.ttl()));
        Optional<IpAddress> previous = Optional.empty();
        for (TraceHop.Probe p : hop.probes()) {
            if (p.from().isEmpty()) {
                sb.append(" *");
                continue;
            }
            if (previous.isEmpty() || !previous.equals(p.from())) {
                sb.append(' ').append(p.from().get());
            }
            previous = p.from();
            sb.append(String.format("  %.3f ms", p.rtt().toNanos() / 1e6));
            if (!p.annotation().isEmpty()) {
                sb.append(' ').append(p.annotation());
            }
        }
        return sb.append('\n').toString();
    }
}
