package io.nslab.sim;

import io.nslab.firewall.L4Proto;
import io.nslab.probe.IcmpErrorKind;

/** What an IP packet carries, as far as routing, conntrack and firewall rules look at it. */
sealed interface Payload {

    /** An ICMP echo request or reply; {@code id} is the echo identifier conntrack keys the flow on. */
    record Echo(boolean request, int id, int size) implements Payload {
    }

    /** An ICMP error (or redirect) about {@code about}, which it carries inside as the kernel quotes it. */
    record IcmpError(IcmpErrorKind kind, Packet about) implements Payload {
    }

    /**
     * An IPv6 neighbour solicitation or advertisement: ICMPv6 that passes netfilter like any packet (conntrack leaves
     * it untracked), so a node whose rules drop it cannot resolve or be resolved.
     */
    record Ndp(boolean solicitation) implements Payload {
    }

    /** A TCP segment or UDP datagram; {@code kind} is what a probe sends or gets back. */
    record Transport(L4Proto protocol, int sport, int dport, Kind kind) implements Payload {
        /** The answer to this segment, from the other end. */
        Transport answer(Kind k) {
            return new Transport(protocol, dport, sport, k);
        }
    }

    /** The segments a probe's connection attempt is made of (a UDP datagram is {@link #DATA}). */
    enum Kind {
        SYN, SYN_ACK, RST, DATA
    }
}
