package io.nslab.probe;

import io.nslab.model.IpAddress;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One TTL of a traceroute: {@code  2  10.0.12.1  0.051 ms  0.030 ms  0.028 ms}, or {@code *} for silence. */
public record TraceHop(int ttl, List<Probe> probes) {

    public TraceHop {
        probes = List.copyOf(probes);
    }

    /** One probe's answer; empty {@code from} is a {@code *}. {@code annotation} is {@code !H}, {@code !N}, {@code !X} or empty. */
    public record Probe(Optional<IpAddress> from, Duration rtt, String annotation) {
    }
}
