package io.nslab.script;

import io.nslab.firewall.L4Proto;
import io.nslab.firewall.Match;
import io.nslab.firewall.Rule;
import io.nslab.firewall.TableFamily;
import io.nslab.firewall.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The iptables form of a rule nft made (iptables-nft reads such rules back as far as their expressions map onto
 * its matches): interfaces, protocol, addresses, ports, ct state, ICMP type and the verdict.
 */
final class IptFromRule {
    private IptFromRule() {
    }

    static IptRule of(Rule r, TableFamily family) {
        Optional<IptRule.Iface> in = Optional.empty();
        Optional<IptRule.Iface> out = Optional.empty();
        Optional<L4Proto> proto = Optional.empty();
        Optional<IptRule.Addr> src = Optional.empty();
        Optional<IptRule.Addr> dst = Optional.empty();
        List<IptRule.IptMatch> matches = new ArrayList<>();
        for (Match m : r.matches()) {
            switch (m) {
                case Match.Interface i -> {
                    if (i.input()) {
                        in = Optional.of(new IptRule.Iface(i.name(), i.negated()));
                    } else {
                        out = Optional.of(new IptRule.Iface(i.name(), i.negated()));
                    }
                }
                case Match.Protocol p -> proto = Optional.of(p.protocol());
                case Match.Address a -> {
                    if (a.source()) {
                        src = Optional.of(new IptRule.Addr(a.prefix(), a.negated()));
                    } else {
                        dst = Optional.of(new IptRule.Addr(a.prefix(), a.negated()));
                    }
                }
                case Match.Port p -> {
                    proto = Optional.of(p.protocol());
                    if (p.ports().size() == 1) {
                        matches.add(p.source() ? new IptRule.Ports(p.protocol(), Optional.of(p.ports().getFirst()), Optional.empty())
                                : new IptRule.Ports(p.protocol(), Optional.empty(), Optional.of(p.ports().getFirst())));
                    } else {
                        matches.add(new IptRule.Multiport(p.protocol(), p.source(), p.ports()));
                    }
                }
                case Match.Icmp i -> {
                    proto = Optional.of(i.protocol());
                    i.types().stream().findFirst().ifPresent(t -> matches.add(new IptRule.Icmp(t)));
                }
                case Match.CtState c -> matches.add(new IptRule.States(c.states(), false));
            }
        }
        Optional<IptRule.IptTarget> target = r.verdict().map(v -> switch (v) {
            case Verdict.Accept a -> new IptRule.Standard("ACCEPT");
            case Verdict.Drop d -> new IptRule.Standard("DROP");
            case Verdict.Return x -> new IptRule.Standard("RETURN");
            case Verdict.Jump j -> new IptRule.Standard(j.chain());
            case Verdict.Goto g -> new IptRule.Standard(g.chain());
            case Verdict.Reject x -> new IptRule.Reject(x.isTcpReset() ? "tcp-reset"
                    : (family == TableFamily.IP6 ? "icmp6-" : "icmp-") + x.icmp().orElseThrow().word());
            case Verdict.Masquerade x -> new IptRule.Masquerade();
            case Verdict.Snat s -> new IptRule.Snat(s.from(), s.port());
            case Verdict.Dnat d -> new IptRule.Dnat(d.address(), d.port());
            case Verdict.Redirect x -> new IptRule.Standard("REDIRECT");
        });
        return new IptRule(family, in, out, proto, false, src, dst, matches, target);
    }
}
