package io.nslab.sim;

import io.nslab.firewall.ConnState;
import io.nslab.firewall.L4Proto;
import io.nslab.model.IpAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One namespace's connection tracking table, as nf_conntrack keeps it: each flow has the tuple of its first
 * packet and the tuple its replies will have (which NAT rewrites), and becomes confirmed when its first packet
 * leaves the netfilter path alive (postrouting or input). A flow whose first packet was dropped never existed.
 */
final class Conntrack {

    /**
     * Addresses, protocol and ports (the echo identifier twice, for ICMP echo), and for ICMP the message type, as
     * nf_conntrack_tuple's dst.u.icmp.type: the inverse of an echo request is an echo reply. Without the type a ping
     * to one of the node's own addresses (source and destination alike, over lo) had its reply taken for the request
     * again, new rather than established, and an input chain that drops new packets dropped it; the kernel answers.
     */
    record Tuple(IpAddress src, IpAddress dst, L4Proto protocol, int sport, int dport, int type) {
        /** The type of a tuple that is not ICMP. */
        static final int NO_TYPE = -1;

        Tuple inverse() {
            return new Tuple(dst, src, protocol, dport, sport, switch (type) {
                case 8 -> 0;     // echo request <-> echo reply (nf_conntrack_invert_icmp_tuple)
                case 0 -> 8;
                case 128 -> 129; // ICMPv6 echo request <-> echo reply
                case 129 -> 128;
                default -> type;
            });
        }

        Tuple withSource(IpAddress a, int port) {
            return new Tuple(a, dst, protocol, port, dport, type);
        }

        Tuple withDestination(IpAddress a, int port) {
            return new Tuple(src, a, protocol, sport, port, type);
        }
    }

    /** A tracked connection; the NAT bindings of each kind are set once, by its first packet. */
    static final class Flow {
        /** The table the flow belongs to: a packet quoted in an ICMP error keeps its entry only inside that namespace. */
        final Conntrack owner;
        final Tuple original;
        Tuple reply;
        boolean confirmed;
        boolean seenReply;
        boolean srcNatDone;
        boolean dstNatDone;
        /** The rules that set the bindings, for --explain. */
        String srcNatBy;
        String dstNatBy;

        Flow(Conntrack owner, Tuple original) {
            this.owner = owner;
            this.original = original;
            this.reply = original.inverse();
        }

        boolean srcNat() {
            return !reply.dst().equals(original.src()) || reply.dport() != original.sport();
        }

        boolean dstNat() {
            return !reply.src().equals(original.dst()) || reply.sport() != original.dport();
        }
    }

    /** The entry attached to a packet: its flow, the direction it travels, and the state rules see. */
    record Ref(Flow flow, boolean reply, ConnState state) {
    }

    private final List<Flow> flows = new ArrayList<>();

    /** The tuple of a packet conntrack can follow; empty for an ICMP error (tracked through what it quotes). */
    static Optional<Tuple> tupleOf(Packet p) {
        return switch (p.payload()) {
            case Payload.Echo e -> Optional.of(new Tuple(p.src(), p.dst(), p.src().isV4() ? L4Proto.ICMP : L4Proto.ICMPV6,
                    e.id(), e.id(), p.src().isV4() ? (e.request() ? 8 : 0) : (e.request() ? 128 : 129)));
            case Payload.Transport t -> Optional.of(new Tuple(p.src(), p.dst(), t.protocol(), t.sport(), t.dport(), Tuple.NO_TYPE));
            case Payload.IcmpError e -> Optional.empty();
            case Payload.Ndp n -> Optional.empty();
        };
    }

    /**
     * nf_conntrack_in: the entry for a packet entering netfilter (at prerouting or output). An echo request or a
     * TCP/UDP packet without an entry starts a new one; an echo reply without one is invalid (icmp_new refuses it);
     * an ICMP error is related to the flow of the packet it quotes, or invalid.
     */
    Optional<Ref> classify(Packet p) {
        if (p.payload() instanceof Payload.IcmpError e) {
            Ref quoted = e.about().ct();
            if (quoted != null && quoted.flow().owner == this) {
                // an error this node sends about a packet it holds: related to that packet's entry, even before the
                // entry is confirmed (a forwarded packet whose TTL ran out, or that a rule rejected)
                return Optional.of(new Ref(quoted.flow(), !quoted.reply(), ConnState.RELATED));
            }
            Optional<Tuple> inner = tupleOf(e.about());
            if (inner.isEmpty()) {
                return Optional.empty();
            }
            // the kernel looks up the inverse of the quoted tuple: found as the reply tuple, the error travels in reply direction
            Tuple inv = inner.get().inverse();
            for (Flow f : flows) {
                if (f.reply.equals(inv)) {
                    return Optional.of(new Ref(f, true, ConnState.RELATED));
                }
                if (f.original.equals(inv)) {
                    return Optional.of(new Ref(f, false, ConnState.RELATED));
                }
            }
            return Optional.empty();
        }
        if (p.payload() instanceof Payload.Ndp) {
            return Optional.empty(); // untracked: nf_conntrack leaves neighbour discovery alone
        }
        Tuple t = tupleOf(p).orElseThrow();
        for (Flow f : flows) {
            if (f.original.equals(t)) {
                return Optional.of(new Ref(f, false, f.seenReply ? ConnState.ESTABLISHED : ConnState.NEW));
            }
            if (f.reply.equals(t)) {
                return Optional.of(new Ref(f, true, ConnState.ESTABLISHED));
            }
        }
        boolean starts = switch (p.payload()) {
            case Payload.Echo e -> e.request();
            case Payload.Transport x -> true; // UDP, and TCP picked up mid-stream (nf_conntrack_tcp_loose = 1)
            case Payload.IcmpError x -> false;
            case Payload.Ndp x -> false;
        };
        return starts ? Optional.of(new Ref(new Flow(this, t), false, ConnState.NEW)) : Optional.empty();
    }

    /** __nf_conntrack_confirm: the packet made it through; its flow is now in the table, a reply marks it seen. */
    void confirm(Ref r) {
        if (!r.flow().confirmed) {
            r.flow().confirmed = true;
            flows.add(r.flow());
        }
        if (r.reply() && r.state() != ConnState.RELATED) {
            r.flow().seenReply = true;
        }
    }
}
