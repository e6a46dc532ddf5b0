package io.nslab.explain;

import io.nslab.model.IpAddress;

import java.util.List;
import java.util.Optional;

/**
 * Why a ping from {@code node} to {@code destination} does or does not get its answer: the request's
 * path, and (when the request arrived or caused an ICMP error) the way back.
 */
public record Explanation(String node, IpAddress destination, List<Leg> legs) {

    public Explanation {
        legs = List.copyOf(legs);
    }

    /** The first fix any leg suggests. */
    public Optional<String> fix() {
        return legs.stream().flatMap(l -> l.fix().stream()).findFirst();
    }

    /** True when the answer made it back. */
    public boolean answered() {
        return legs.size() == 2 && legs.get(1).disposition().delivered();
    }
}
