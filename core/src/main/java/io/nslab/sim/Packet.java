package io.nslab.sim;

import io.nslab.model.IpAddress;

/** An IP packet in flight: enough of its header to route it, and whether it is an ICMP error (never answered). */
record Packet(IpAddress src, IpAddress dst, int ttl, boolean icmpError) {

    Packet withTtl(int t) {
        return new Packet(src, dst, t, icmpError);
    }
}
