package io.nslab.sim;

import io.nslab.model.IpAddress;

/**
 * An IP packet in flight: enough of its header to route it, what it carries, and (inside one namespace) the
 * conntrack entry netfilter attached to it, as skb->_nfct; the entry stays behind when the packet leaves.
 */
record Packet(IpAddress src, IpAddress dst, int ttl, Payload payload, Conntrack.Ref ct) {

    Packet(IpAddress src, IpAddress dst, int ttl, Payload payload) {
        this(src, dst, ttl, payload, null);
    }

    /** Never answered with an ICMP error: anything but an echo request (and transport segments). */
    boolean icmpError() {
        return switch (payload) {
            case Payload.Echo e -> !e.request();
            case Payload.IcmpError e -> true;
            case Payload.Ndp n -> true;
            case Payload.Transport t -> false;
        };
    }

    Packet withTtl(int t) {
        return new Packet(src, dst, t, payload, ct);
    }

    Packet withCt(Conntrack.Ref r) {
        return new Packet(src, dst, ttl, payload, r);
    }

    Packet withAddresses(IpAddress s, IpAddress d) {
        return new Packet(s, d, ttl, payload, ct);
    }

    Packet withPayload(Payload p) {
        return new Packet(src, dst, ttl, p, ct);
    }

    /** The IP packet's length, for counters. */
    int length() {
        int header = src.isV4() ? 20 : 40;
        return header + switch (payload) {
            case Payload.Echo e -> 8 + e.size();
            case Payload.IcmpError e -> 8 + Math.min(e.about().length(), src.isV4() ? 548 : 1232);
            case Payload.Ndp n -> 32;
            case Payload.Transport t -> t.protocol() == io.nslab.firewall.L4Proto.TCP ? 20 : 8;
        };
    }
}
