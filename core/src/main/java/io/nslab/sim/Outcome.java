package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.explain.Hop;
import io.nslab.model.IpAddress;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.LocalError;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What became of one packet: where it ended ({@link #disposition}), the hops on the way (only when
 * explaining), the ICMP error a node sends back about it, redirects sent on the way, and the delay an
 * unanswered ARP added.
 */
final class Outcome {
    final List<Hop> hops = new ArrayList<>();
    final List<Icmp> redirects = new ArrayList<>();
    Disposition disposition;
    Optional<LocalError> localError = Optional.empty();
    Optional<Icmp> icmp = Optional.empty();
    /** A TCP reset a rule ({@code reject with tcp reset}) at {@code at} sends back for the packet. */
    Optional<Reset> reset = Optional.empty();
    /** The packet as sent (with the source the sender chose). */
    Packet sent;
    /** The namespace it was delivered to, and the TTL it had left there. */
    SimNamespace deliveredAt;
    /** The packet as it arrived there (after any NAT on the way). */
    Packet delivered;
    /** The device it came in by (lo for the node's own traffic). */
    SimLink deliveredIn;
    int ttlLeft;
    double delay;

    /**
     * An ICMP message node {@code at} sends about {@code about}: an error kind, or a redirect naming
     * {@code gateway}. {@code routingError}: it comes from ip_error (a failed route lookup), which
     * charges the rate limit twice. {@code fromDestination}: see {@link Icmp#source()}.
     */
    record Reset(SimNamespace at, Packet about) {
    }

    record Icmp(SimNamespace at, IcmpErrorKind kind, Packet about, Optional<IpAddress> gateway, double delay, boolean local,
                boolean routingError, boolean fromDestination) {

        Icmp(SimNamespace at, IcmpErrorKind kind, Packet about, Optional<IpAddress> gateway, double delay, boolean local,
             boolean routingError) {
            this(at, kind, about, gateway, delay, local, routingError, false);
        }

        /**
         * The error's source address: {@code about}'s destination where the packet was the node's own (icmp_send with
         * a local route, RTCF_LOCAL; icmp6_send with a local destination address), else the routing's choice.
         */
        Optional<IpAddress> source() {
            return fromDestination ? Optional.of(about.dst()) : Optional.empty();
        }
    }
}
