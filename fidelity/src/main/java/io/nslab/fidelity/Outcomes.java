package io.nslab.fidelity;

import io.nslab.probe.PingEvent;
import io.nslab.probe.PingResult;
import io.nslab.probe.TraceHop;
import io.nslab.probe.TraceResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A probe's result as the text the worlds are compared on: what came back and from whom, never how fast.
 * A ping is its local error, or its replies with their TTL and its ICMP errors with their kind and source,
 * or loss; a traceroute is its local error or every hop's answers.
 */
public final class Outcomes {
    private Outcomes() {
    }

    public static String of(PingResult r) {
        String head = "ping " + r.request().netns() + " -> " + r.request().destination() + ": ";
        if (r.connectError().isPresent()) {
            return head + "connect: " + r.connectError().get().text();
        }
        List<String> parts = new ArrayList<>();
        for (PingEvent e : r.events()) {
            if (Masks.event(e)) {
                continue;
            }
            parts.add(switch (e) {
                case PingEvent.Reply rep -> "reply ttl=" + rep.ttl() + " from " + rep.from();
                case PingEvent.Error err -> err.kind().text() + " from " + err.from() + err.gateway().map(g -> " gw " + g).orElse("");
            });
        }
        return head + (parts.isEmpty() ? "no answer" : String.join(", ", parts));
    }

    public static String of(TraceResult r) {
        String head = "trace " + r.request().netns() + " -> " + r.request().destination() + ": ";
        if (r.connectError().isPresent()) {
            return head + r.connectError().get().call() + ": " + r.connectError().get().text();
        }
        List<String> hops = new ArrayList<>();
        for (TraceHop h : r.hops()) {
            List<String> probes = new ArrayList<>();
            for (TraceHop.Probe p : h.probes()) {
                probes.add(p.from().map(Object::toString).orElse("*") + (p.annotation().isEmpty() ? "" : " " + p.annotation()));
            }
            hops.add(h.ttl() + " " + String.join(" ", probes));
        }
        return head + String.join(" | ", hops);
    }
}
