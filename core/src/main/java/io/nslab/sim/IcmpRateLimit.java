package io.nslab.sim;

import io.nslab.model.IpAddress;

import java.util.HashMap;
import java.util.Map;

/**
 * The kernel's per-destination ICMP token bucket (inet_peer rate_tokens): icmp_ratelimit costs one
 * second of tokens per error with a burst of six; ip_error (unreachable from the routing table) first
 * takes its own second from the same bucket with a burst of five. That is why a traceroute to an
 * unreachable net shows {@code !N !N *}. Buckets start full at the beginning of each probe run.
 */
final class IcmpRateLimit {
    private static final long COST = 1000;
    private static final long XRLIM_BURST = 6 * COST;
    private static final long IP_ERROR_BURST = 5 * COST;

    private record Key(SimNamespace ns, IpAddress peer) {
    }

    private static final class Bucket {
        long tokens = XRLIM_BURST;
        long last;
    }

    private final Map<Key, Bucket> buckets = new HashMap<>();

    /** May {@code ns} send an ICMP error to {@code peer} at {@code seconds}? {@code routingError}: it comes from ip_error. */
    boolean allow(SimNamespace ns, IpAddress peer, double seconds, boolean routingError) {
        long now = Math.round(seconds * 1000);
        Bucket b = buckets.computeIfAbsent(new Key(ns, peer), k -> {
            Bucket nb = new Bucket();
            nb.last = now;
            return nb;
        });
        if (routingError) {
            if (!take(b, now, IP_ERROR_BURST)) {
                return false;
            }
        }
        return take(b, now, XRLIM_BURST);
    }

    private static boolean take(Bucket b, long now, long burst) {
        b.tokens = Math.min(burst, b.tokens + (now - b.last));
        b.last = now;
        if (b.tokens >= COST) {
            b.tokens -= COST;
            return true;
        }
        return false;
    }
}
