package io.nslab.script;

import io.nslab.firewall.ConnState;
import io.nslab.firewall.IcmpType;
import io.nslab.firewall.L4Proto;
import io.nslab.firewall.Match;
import io.nslab.firewall.PortRange;
import io.nslab.firewall.RejectCode;
import io.nslab.firewall.Rule;
import io.nslab.firewall.TableFamily;
import io.nslab.firewall.Verdict;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One rule as iptables-nft holds it: the IP part ({@code -i -o -p -s -d}), its matches in the order their options
 * came, and a target. It makes the nf_tables rule the simulator applies, and keeps what that rule cannot say back:
 * which module matched the state ({@code -m state} or {@code -m conntrack}, both {@code ct state}), which matches
 * iptables-nft loads as xtables extensions (nft then warns that the table is iptables-nft's and keeps the protocol
 * test it would otherwise leave out of the listing).
 */
record IptRule(TableFamily family, Optional<Iface> in, Optional<Iface> out, Optional<L4Proto> proto, boolean protoNegated,
               Optional<Addr> src, Optional<Addr> dst, List<IptMatch> matches, Optional<IptTarget> target) {

    record Iface(String name, boolean negated) {
    }

    record Addr(IpPrefix prefix, boolean negated) {
    }

    /** A {@code -m} match. */
    sealed interface IptMatch {
        /** Loaded as an xtables extension by iptables-nft 1.8.9, rather than as native expressions. */
        boolean xt();
    }

    /** {@code -m tcp} / {@code -m udp} (implicit after {@code -p}): ports, native payload matches. */
    record Ports(L4Proto proto, Optional<PortRange> sport, Optional<PortRange> dport) implements IptMatch {
        public boolean xt() {
            return false;
        }
    }

    /** {@code -m conntrack --ctstate} ({@code stateModule} false) or {@code -m state --state}. */
    record States(Set<ConnState> states, boolean stateModule) implements IptMatch {
        public boolean xt() {
            return true;
        }

        /** As iptables prints them: INVALID, NEW, RELATED, ESTABLISHED, UNTRACKED. */
        String upper() {
            List<ConnState> order = List.of(ConnState.INVALID, ConnState.NEW, ConnState.RELATED, ConnState.ESTABLISHED, ConnState.UNTRACKED);
            return order.stream().filter(states::contains).map(s -> s.word().toUpperCase()).collect(Collectors.joining(","));
        }
    }

    /** {@code -p icmp --icmp-type TYPE}. */
    record Icmp(IcmpType type) implements IptMatch {
        public boolean xt() {
            return true;
        }
    }

    /** {@code -m multiport --dports/--sports P,P}. */
    record Multiport(L4Proto proto, boolean source, List<PortRange> ports) implements IptMatch {
        public boolean xt() {
            return true;
        }
    }

    sealed interface IptTarget {
    }

    /** ACCEPT, DROP, RETURN, or a user chain (a jump). */
    record Standard(String name) implements IptTarget {
    }

    record Reject(String with) implements IptTarget {
    }

    record Masquerade() implements IptTarget {
    }

    record Snat(IpAddress address, OptionalInt port) implements IptTarget {
    }

    record Dnat(IpAddress address, OptionalInt port) implements IptTarget {
    }

    IptRule {
        matches = List.copyOf(matches);
    }

    /** The target's name as -L prints it (empty for a rule without one). */
    String targetName() {
        return target.map(t -> switch (t) {
            case Standard s -> s.name();
            case Reject r -> "REJECT";
            case Masquerade m -> "MASQUERADE";
            case Snat s -> "SNAT";
            case Dnat d -> "DNAT";
        }).orElse("");
    }

    /** Whether any part is an xtables extension in iptables-nft 1.8.9 (the NAT and REJECT targets are). */
    boolean xt() {
        return matches.stream().anyMatch(IptMatch::xt) || target.map(t -> !(t instanceof Standard)).orElse(false);
    }

    /** The nf_tables rule the simulator runs: the same conditions and verdict, with a counter as iptables-nft adds. */
    Rule toRule() {
        List<Match> m = new ArrayList<>();
        in.ifPresent(i -> m.add(new Match.Interface(true, i.name(), i.negated(), false)));
        out.ifPresent(i -> m.add(new Match.Interface(false, i.name(), i.negated(), false)));
        proto.ifPresent(p -> m.add(Match.Protocol.meta(p)));
        src.ifPresent(a -> m.add(new Match.Address(true, a.prefix(), a.negated())));
        dst.ifPresent(a -> m.add(new Match.Address(false, a.prefix(), a.negated())));
        for (IptMatch x : matches) {
            switch (x) {
                case Ports p -> {
                    p.sport().ifPresent(r -> m.add(new Match.Port(p.proto(), true, List.of(r))));
                    p.dport().ifPresent(r -> m.add(new Match.Port(p.proto(), false, List.of(r))));
                }
                case States s -> m.add(new Match.CtState(s.states()));
                case Icmp i -> m.add(new Match.Icmp(i.type().v6(), EnumSet.of(i.type())));
                case Multiport mp -> m.add(new Match.Port(mp.proto(), mp.source(), mp.ports()));
            }
        }
        return new Rule(m, true, target.map(this::verdict));
    }

    private Verdict verdict(IptTarget t) {
        return switch (t) {
            case Standard s -> switch (s.name()) {
                case "ACCEPT" -> new Verdict.Accept();
                case "DROP" -> new Verdict.Drop();
                case "RETURN" -> new Verdict.Return();
                default -> new Verdict.Jump(s.name());
            };
            case Reject r -> r.with().equals("tcp-reset") ? Verdict.Reject.tcpReset() : Verdict.Reject.with(rejectCode(r.with()));
            case Masquerade m -> new Verdict.Masquerade();
            case Snat s -> new Verdict.Snat(s.address(), Optional.empty(), s.port());
            case Dnat d -> new Verdict.Dnat(d.address(), d.port());
        };
    }

    /** icmp-host-prohibited, icmp6-adm-prohibited, ... as the kernel's reject codes. */
    static RejectCode rejectCode(String with) {
        return switch (with) {
            case "icmp-net-unreachable", "net-unreach" -> RejectCode.NET_UNREACHABLE;
            case "icmp-host-unreachable", "host-unreach" -> RejectCode.HOST_UNREACHABLE;
            case "icmp-proto-unreachable", "proto-unreach" -> RejectCode.PROT_UNREACHABLE;
            case "icmp-net-prohibited", "net-prohib" -> RejectCode.NET_PROHIBITED;
            case "icmp-host-prohibited", "host-prohib" -> RejectCode.HOST_PROHIBITED;
            case "icmp-admin-prohibited", "admin-prohib", "icmp6-adm-prohibited", "adm-prohibited" -> RejectCode.ADMIN_PROHIBITED;
            case "icmp6-no-route", "no-route" -> RejectCode.NO_ROUTE;
            case "icmp6-addr-unreachable", "addr-unreach" -> RejectCode.ADDR_UNREACHABLE;
            default -> RejectCode.PORT_UNREACHABLE;
        };
    }
}
