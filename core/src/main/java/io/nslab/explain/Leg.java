package io.nslab.explain;

import io.nslab.model.IpAddress;

import java.util.List;
import java.util.Optional;

/**
 * One direction of a ping: the request from the sender, or the answer (echo reply or ICMP error)
 * coming back. {@code fix} is the smallest change in the user's terms, when one is known.
 */
public record Leg(String label, IpAddress source, IpAddress destination, List<Hop> hops, Disposition disposition,
                  Optional<String> fix) {

    public Leg {
        hops = List.copyOf(hops);
    }
}
