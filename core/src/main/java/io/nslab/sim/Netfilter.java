package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.firewall.ChainDecision;
import io.nslab.firewall.ChainRunner;
import io.nslab.firewall.ChainType;
import io.nslab.firewall.ConnState;
import io.nslab.firewall.Hook;
import io.nslab.firewall.IcmpType;
import io.nslab.firewall.L4Proto;
import io.nslab.firewall.PacketFacts;
import io.nslab.firewall.RejectCode;
import io.nslab.firewall.RuleRef;
import io.nslab.firewall.Ruleset;
import io.nslab.firewall.Verdict;
import io.nslab.model.IpAddress;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The netfilter hooks of the simulated packet path, for one probe session (one ping or traceroute, whose echo
 * identifier is one flow): conntrack at prerouting and output, the filter chains of each hook by priority, NAT at
 * the fixed NAT priorities (-100 for destination NAT at prerouting and output, 100 for source NAT at input and
 * postrouting) where the first packet of a flow sets its bindings and every later packet, reply or related ICMP
 * error is translated by them, and confirmation at postrouting or input. A namespace without rules is passed
 * through untouched.
 */
final class Netfilter {
    private static final int NAT_DST_PRIORITY = -100;
    private static final int NAT_SRC_PRIORITY = 100;

    private final Map<SimNamespace, Conntrack> conntrack = new IdentityHashMap<>();

    /** What a hook did with a packet. */
    sealed interface Result {
        /** Let through, possibly translated. */
        record Pass(Packet packet) implements Result {
        }

        /** Dropped, or rejected with an ICMP error to the sender ({@code icmp}) or a TCP reset ({@code tcpReset}). */
        record Stop(Disposition.Filtered why, Optional<RejectCode> icmp, boolean tcpReset) implements Result {
        }
    }

    /**
     * Runs {@code p} through {@code hook} of {@code ns}. {@code in}/{@code out} are the devices the hook knows
     * (null where it has none); {@code nextHop} is the gateway masquerade picks its address for.
     */
    Result hook(SimNamespace ns, Hook hook, Packet p, SimLink in, SimLink out, IpAddress nextHop, Consumer<String> note) {
        Ruleset rs = ns.firewall;
        if (rs.isEmpty()) {
            return new Result.Pass(p);
        }
        boolean v4 = p.dst().isV4();
        // conntrack runs wherever there are rules; only ct matches and NAT read it, and the explanation of a drop
        if ((hook == Hook.PREROUTING || hook == Hook.OUTPUT) && p.ct() == null) {
            Optional<Conntrack.Ref> ref = table(ns).classify(p);
            if (ref.isPresent()) {
                p = p.withCt(ref.get());
            }
        }
        boolean natHooks = !ChainRunner.at(rs, Hook.PREROUTING, ChainType.NAT, v4).isEmpty()
                || !ChainRunner.at(rs, Hook.POSTROUTING, ChainType.NAT, v4).isEmpty()
                || !ChainRunner.at(rs, Hook.OUTPUT, ChainType.NAT, v4).isEmpty()
                || !ChainRunner.at(rs, Hook.INPUT, ChainType.NAT, v4).isEmpty();
        int natPriority = hook == Hook.PREROUTING || hook == Hook.OUTPUT ? NAT_DST_PRIORITY : NAT_SRC_PRIORITY;
        boolean natDone = !natHooks || hook == Hook.FORWARD;
        for (ChainRunner.Base base : ChainRunner.at(rs, hook, ChainType.FILTER, v4)) {
            if (!natDone && base.spec().priority() > natPriority) {
                Result r = nat(ns, hook, p, in, out, nextHop, note);
                if (!(r instanceof Result.Pass pass)) {
                    return r;
                }
                p = pass.packet();
                natDone = true;
            }
            ChainDecision d = ChainRunner.run(ns.label(), base, facts(p, in, out), counter(ns));
            Optional<Result> stop = stop(ns, hook, p, d);
            if (stop.isPresent()) {
                return stop.get();
            }
        }
        if (!natDone) {
            Result r = nat(ns, hook, p, in, out, nextHop, note);
            if (!(r instanceof Result.Pass pass)) {
                return r;
            }
            p = pass.packet();
        }
        if ((hook == Hook.POSTROUTING || hook == Hook.INPUT) && p.ct() != null) {
            table(ns).confirm(p.ct());
        }
        return new Result.Pass(p);
    }

    private Optional<Result> stop(SimNamespace ns, Hook hook, Packet p, ChainDecision d) {
        return switch (d) {
            case ChainDecision.Accept a -> Optional.empty();
            case ChainDecision.Nat n -> Optional.empty(); // a NAT statement in a filter chain cannot be loaded; the lab refuses it
            case ChainDecision.Drop x -> Optional.of(new Result.Stop(filtered(hook, p, x.by(), Optional.empty()), Optional.empty(), false));
            case ChainDecision.Reject x -> Optional.of(new Result.Stop(filtered(hook, p, x.by(), Optional.of(x.how().text(x.by().table().family()))),
                    x.how().icmp(), x.how().icmp().isEmpty()));
        };
    }

    private static Disposition.Filtered filtered(Hook hook, Packet p, RuleRef by, Optional<String> reject) {
        return new Disposition.Filtered(by.node(), hook.word(), by, reject, p.src(), p.dst(), stateOf(p));
    }

    private static ConnState stateOf(Packet p) {
        if (p.payload() instanceof Payload.Ndp) {
            return ConnState.UNTRACKED;
        }
        return p.ct() == null ? ConnState.INVALID : p.ct().state();
    }

    /** The NAT step of a hook: bindings made by the first packet, then applied to this one. */
    private Result nat(SimNamespace ns, Hook hook, Packet p, SimLink in, SimLink out, IpAddress nextHop, Consumer<String> note) {
        Conntrack.Ref ref = p.ct();
        if (ref == null) {
            return new Result.Pass(p);
        }
        boolean dstManip = hook == Hook.PREROUTING || hook == Hook.OUTPUT;
        Conntrack.Flow f = ref.flow();
        if (ref.state() == ConnState.RELATED) {
            return new Result.Pass(icmpReplyTranslation(p, ref, dstManip, note));
        }
        if (!(dstManip ? f.dstNatDone : f.srcNatDone)) {
            // only the first packet of a flow sees the nat chains; without a matching rule it gets a null binding
            for (ChainRunner.Base base : ChainRunner.at(ns.firewall, hook, ChainType.NAT, p.dst().isV4())) {
                ChainDecision d = ChainRunner.run(ns.label(), base, facts(p, in, out), counter(ns));
                if (d instanceof ChainDecision.Nat n) {
                    bind(ns, f, n, p, in, out, nextHop);
                    break;
                }
                Optional<Result> stop = stop(ns, hook, p, d);
                if (stop.isPresent()) {
                    return stop.get();
                }
            }
            if (dstManip) {
                f.dstNatDone = true;
            } else {
                f.srcNatDone = true;
            }
        }
        Packet before = p;
        if (!ref.reply()) {
            if (dstManip && f.dstNat()) {
                p = p.withAddresses(p.src(), f.reply.src());
            } else if (!dstManip && f.srcNat()) {
                p = p.withAddresses(f.reply.dst(), p.dst());
            }
        } else if (dstManip && f.srcNat()) {
            p = p.withAddresses(p.src(), f.original.src());
        } else if (!dstManip && f.dstNat()) {
            p = p.withAddresses(f.original.dst(), p.dst());
        }
        if (!p.equals(before)) {
            note.accept(translation(before, p, ref.reply() ? "a reply of a translated connection" : ref.state() == ConnState.NEW
                    ? (dstManip ? f.dstNatBy : f.srcNatBy) : "an established translated connection"));
        }
        return new Result.Pass(p);
    }

    /**
     * nf_nat_icmp_reply_translation: an ICMP error about a translated flow has its outer header made to look like a
     * reply to what the other side sent, and the packet it quotes translated back, so that it reaches the original
     * sender (and names the address that sender used).
     */
    private static Packet icmpReplyTranslation(Packet p, Conntrack.Ref ref, boolean dstManip, Consumer<String> note) {
        Conntrack.Flow f = ref.flow();
        boolean applies = ref.reply() ? (dstManip ? f.srcNat() : f.dstNat()) : (dstManip ? f.dstNat() : f.srcNat());
        if (!applies || !(p.payload() instanceof Payload.IcmpError e)) {
            return p;
        }
        Conntrack.Tuple other = ref.reply() ? f.original : f.reply;
        Packet inner = e.about();
        Packet out;
        if (dstManip) {
            inner = inner.withAddresses(other.src(), inner.dst());
            out = p.withAddresses(p.src(), other.src());
        } else {
            inner = inner.withAddresses(inner.src(), other.dst());
            out = p.withAddresses(other.dst(), p.dst());
        }
        out = out.withPayload(new Payload.IcmpError(e.kind(), inner));
        note.accept(translation(p, out, "an ICMP error about a translated connection"));
        return out;
    }

    private static String translation(Packet before, Packet after, String why) {
        StringBuilder sb = new StringBuilder("NAT: ");
        if (!before.src().equals(after.src())) {
            sb.append("source ").append(before.src()).append(" -> ").append(after.src());
        }
        if (!before.dst().equals(after.dst())) {
            sb.append(before.src().equals(after.src()) ? "" : ", ").append("destination ").append(before.dst()).append(" -> ").append(after.dst());
        }
        return sb.append(" (").append(why).append(')').toString();
    }

    private void bind(SimNamespace ns, Conntrack.Flow f, ChainDecision.Nat n, Packet p, SimLink in, SimLink out, IpAddress nextHop) {
        String by = n.by().textHere();
        switch (n.nat()) {
            case Verdict.Masquerade m -> masqueradeSource(ns, out, nextHop == null ? p.dst() : nextHop, p.dst().isV4())
                    .ifPresent(a -> {
                        f.reply = f.reply.withDestination(a, f.reply.dport());
                        f.srcNatBy = "masquerade by " + by;
                    });
            case Verdict.Snat s -> {
                f.reply = f.reply.withDestination(s.from(), s.port().isPresent() && f.reply.protocol().hasPorts() ? s.port().getAsInt() : f.reply.dport());
                f.srcNatBy = "snat by " + by;
            }
            case Verdict.Dnat d -> {
                f.reply = f.reply.withSource(d.address(), d.port().isPresent() && f.reply.protocol().hasPorts() ? d.port().getAsInt() : f.reply.sport());
                f.dstNatBy = "dnat by " + by;
            }
            case Verdict.Redirect r -> {
                IpAddress to = in == null ? (p.dst().isV4() ? IpAddress.parse("127.0.0.1") : IpAddress.parse("::1"))
                        : ns.addressesOf(in).stream().filter(a -> a.isV4() == p.dst().isV4() && !a.secondary())
                        .map(SimAddress::address).findFirst().orElse(p.dst());
                f.reply = f.reply.withSource(to, r.port().isPresent() && f.reply.protocol().hasPorts() ? r.port().getAsInt() : f.reply.sport());
                f.dstNatBy = "redirect by " + by;
            }
            default -> throw new IllegalStateException("not a NAT statement: " + n.nat());
        }
    }

    /** inet_select_addr(out, nexthop, universe): the device's primary address on the next hop's subnet, else its first. */
    private static Optional<IpAddress> masqueradeSource(SimNamespace ns, SimLink out, IpAddress nextHop, boolean v4) {
        if (out == null) {
            return Optional.empty();
        }
        List<SimAddress> own = ns.addressesOf(out).stream().filter(a -> a.isV4() == v4 && !a.secondary()
                && (v4 || !a.address().isLinkLocal())).toList();
        return own.stream().filter(a -> a.prefix().contains(nextHop)).findFirst().or(() -> own.stream().findFirst())
                .map(SimAddress::address);
    }

    private Conntrack table(SimNamespace ns) {
        return conntrack.computeIfAbsent(ns, k -> new Conntrack());
    }

    private static ChainRunner.Counts counter(SimNamespace ns) {
        return (table, chain, index, bytes) -> ns.count(table, chain, index, bytes);
    }

    static PacketFacts facts(Packet p, SimLink in, SimLink out) {
        boolean v4 = p.src().isV4();
        L4Proto proto = v4 ? L4Proto.ICMP : L4Proto.ICMPV6;
        int sport = 0;
        int dport = 0;
        Optional<IcmpType> type = Optional.empty();
        switch (p.payload()) {
            case Payload.Echo e -> {
                type = Optional.of(v4 ? (e.request() ? IcmpType.ECHO_REQUEST : IcmpType.ECHO_REPLY)
                        : (e.request() ? IcmpType.V6_ECHO_REQUEST : IcmpType.V6_ECHO_REPLY));
                sport = e.id();
                dport = e.id();
            }
            case Payload.IcmpError e -> type = v4 ? IcmpType.ofNumber(false, e.kind().type()) : Optional.of(switch (e.kind()) {
                case TTL_EXCEEDED -> IcmpType.V6_TIME_EXCEEDED;
                case FRAGMENTATION_NEEDED -> IcmpType.V6_PACKET_TOO_BIG;
                default -> IcmpType.V6_DESTINATION_UNREACHABLE;
            });
            case Payload.Ndp n -> type = Optional.of(n.solicitation() ? IcmpType.V6_ND_NEIGHBOR_SOLICIT : IcmpType.V6_ND_NEIGHBOR_ADVERT);
            case Payload.Transport t -> {
                proto = t.protocol();
                sport = t.sport();
                dport = t.dport();
            }
        }
        return new PacketFacts(p.src(), p.dst(), proto, sport, dport, type, Optional.ofNullable(in).map(l -> l.name.value()),
                Optional.ofNullable(out).map(l -> l.name.value()), stateOf(p), p.length());
    }
}
