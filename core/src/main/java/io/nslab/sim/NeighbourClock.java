package io.nslab.sim;

import io.nslab.model.IpAddress;

import java.util.HashMap;
import java.util.Map;

/**
 * Unanswered neighbour entries over one probe run: packets queued on an INCOMPLETE entry all fail
 * together when it gives up; a packet sent after that starts a new round of solicitations.
 */
final class NeighbourClock {
    private record Key(SimLink dev, IpAddress neighbour) {
    }

    private final Map<Key, Double> failAt = new HashMap<>();

    double failureTime(SimLink dev, IpAddress neighbour, double t) {
        Key k = new Key(dev, neighbour);
        Double at = failAt.get(k);
        if (at == null || t >= at) {
            at = t + NeighbourResolution.ARP_GIVE_UP_SECONDS;
            failAt.put(k, at);
        }
        return at;
    }
}
