package io.nslab.probe;

import java.util.List;
import java.util.Optional;

/** A traceroute: its hops in order, or the local error that stopped it before the first probe. */
public record TraceResult(TraceRequest request, Optional<LocalError> connectError, List<TraceHop> hops) {

    public TraceResult {
        hops = List.copyOf(hops);
    }
}
