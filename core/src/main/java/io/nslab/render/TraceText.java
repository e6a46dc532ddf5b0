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
        IpAddress dst = r.request().destination();
        StringBuilder sb = new StringBuilder();
        sb.append("traceroute to ").append(dst).append(" (").append(dst).append("), ").append(r.request().maxHops())
                .append(" hops max, ").append(dst.isV4() ? 60 : 80).append(" byte packets\n");
        if (r.connectError().isPresent()) {
            sb.append("send: ").append(r.connectError().get().text()).append('\n');
            return sb.toString();
        }
        for (TraceHop hop : r.hops()) {
            sb.append(String.format("%2d ", hop.ttl()));
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
            sb.append('\n');
        }
        return sb.toString();
    }
}
