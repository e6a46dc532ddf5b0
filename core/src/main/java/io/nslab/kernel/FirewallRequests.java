package io.nslab.kernel;

import io.nslab.firewall.BaseChain;
import io.nslab.firewall.Chain;
import io.nslab.firewall.ConnState;
import io.nslab.firewall.Match;
import io.nslab.firewall.PortRange;
import io.nslab.firewall.RejectCode;
import io.nslab.firewall.Rule;
import io.nslab.firewall.Table;
import io.nslab.firewall.TableFamily;
import io.nslab.firewall.Verdict;
import io.nslab.netlink.NftTransaction;
import io.nslab.netlink.nft.CtState;
import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftChainType;
import io.nslab.netlink.nft.NftData;
import io.nslab.netlink.nft.NftExpr;
import io.nslab.netlink.nft.NftFamily;
import io.nslab.netlink.nft.NftHook;
import io.nslab.netlink.nft.NftPolicy;
import io.nslab.netlink.nft.NftRule;
import io.nslab.netlink.nft.NftRuleBuilder;
import io.nslab.netlink.nft.NftTable;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The one mapping from the firewall model to nf_tables: a {@link Table} becomes the messages {@code nft -f} sends for
 * it, each rule the expressions {@code nft} 1.0 emits for its text (dependencies included), so that what the kernel
 * holds reads back, and lists, as the lab wrote it. What nft would need an anonymous set for (several ports or ICMP
 * types in one match) is refused with {@link Unsupported} before anything is sent.
 */
public final class FirewallRequests {
    private FirewallRequests() {
    }

    /** A rule the kernel world cannot install yet; the message names the rule. */
    public static final class Unsupported extends IllegalArgumentException {
        Unsupported(String message) {
            super(message);
        }
    }

    /**
     * Queues the table made from nothing or, if it exists, emptied and filled again, in one transaction:
     * {@code add table} (so that the delete finds it), {@code delete table}, {@code add table}, its chains, then its
     * rules (a jump finds its target chain made).
     */
    public static void replace(NftTransaction tx, Table table, ToIntFunction<String> ifindex) {
        NftTable t = table(table.family(), table.name());
        List<NftRule> rules = rules(table, ifindex); // refused before anything is queued
        tx.addTable(t).deleteTable(t).addTable(t);
        for (Chain c : table.chains()) {
            tx.addChain(chain(t, c));
        }
        rules.forEach(tx::addRule);
    }

    /** {@code nft delete table}: queued as {@code add} then {@code delete}, so that a table already gone is no error. */
    public static void delete(NftTransaction tx, TableFamily family, String name) {
        NftTable t = table(family, name);
        tx.addTable(t).deleteTable(t);
    }

    public static NftTable table(TableFamily family, String name) {
        return NftTable.of(family(family), name);
    }

    static NftFamily family(TableFamily f) {
        return switch (f) {
            case IP -> NftFamily.IP;
            case IP6 -> NftFamily.IP6;
            case INET -> NftFamily.INET;
        };
    }

    static NftChain chain(NftTable t, Chain c) {
        if (c.base().isEmpty()) {
            return NftChain.regular(t, c.name());
        }
        BaseChain b = c.base().get();
        NftChainType type = switch (b.type()) {
            case FILTER -> NftChainType.FILTER;
            case NAT -> NftChainType.NAT;
        };
        return NftChain.base(t, c.name(), type, NftHook.of(b.hook().number()), b.priority(),
                b.policy() == io.nslab.firewall.Policy.DROP ? NftPolicy.DROP : NftPolicy.ACCEPT);
    }

    /** Every rule of the table, chain by chain, in order. */
    public static List<NftRule> rules(Table table, ToIntFunction<String> ifindex) {
        NftTable t = table(table.family(), table.name());
        List<NftRule> out = new java.util.ArrayList<>();
        for (Chain c : table.chains()) {
            for (Rule r : c.rules()) {
                out.add(rule(t, table.family(), c.name(), r, ifindex));
            }
        }
        return out;
    }

    /** The rule as nft would load it into {@code chain} of table {@code t}. */
    public static NftRule rule(NftTable t, TableFamily family, String chain, Rule r, ToIntFunction<String> ifindex) {
        NftRuleBuilder b = NftRule.in(t, chain);
        for (Match m : r.matches()) {
            match(b, m, family, r, ifindex);
        }
        if (r.counter()) {
            b.counter();
        }
        r.verdict().ifPresent(v -> verdict(b, v, family));
        return b.build();
    }

    private static void match(NftRuleBuilder b, Match m, TableFamily family, Rule r, ToIntFunction<String> ifindex) {
        switch (m) {
            case Match.Interface i when i.byIndex() -> b.ifindex(i.input(), i.negated(), ifindex.applyAsInt(i.name()));
            case Match.Interface i -> {
                if (i.input()) {
                    if (i.negated()) {
                        b.iifnameNot(i.name());
                    } else {
                        b.iifname(i.name());
                    }
                } else if (i.negated()) {
                    b.oifnameNot(i.name());
                } else {
                    b.oifname(i.name());
                }
            }
            case Match.Address a -> {
                io.nslab.netlink.IpPrefix p = Conversions.prefix(a.prefix());
                if (a.source()) {
                    if (a.negated()) {
                        b.saddrNot(p);
                    } else {
                        b.saddr(p);
                    }
                } else if (a.negated()) {
                    b.daddrNot(p);
                } else {
                    b.daddr(p);
                }
            }
            case Match.Protocol p -> {
                switch (p.field()) {
                    case META -> b.l4proto(p.protocol().number());
                    case IP -> b.ipProtocol(p.protocol().number());
                    case IP6 -> b.ip6Nexthdr(p.protocol().number());
                }
            }
            case Match.Port p -> {
                if (p.ports().size() != 1) {
                    throw unsupported(r, family, "a set of ports (" + m.text(family) + ") needs an anonymous set");
                }
                PortRange range = p.ports().getFirst();
                int proto = p.protocol().number();
                if (range.from() == range.to()) {
                    if (p.source()) {
                        b.sport(proto, range.from());
                    } else {
                        b.dport(proto, range.from());
                    }
                } else if (p.source()) {
                    b.sportRange(proto, range.from(), range.to());
                } else {
                    b.dportRange(proto, range.from(), range.to());
                }
            }
            case Match.Icmp i -> {
                if (i.types().size() != 1) {
                    throw unsupported(r, family, "a set of ICMP types (" + m.text(family) + ") needs an anonymous set");
                }
                int type = i.types().iterator().next().type();
                if (i.v6()) {
                    b.icmpv6Type(type);
                } else {
                    b.icmpType(type);
                }
            }
            case Match.CtState c -> {
                EnumSet<CtState> states = EnumSet.noneOf(CtState.class);
                for (ConnState s : c.states()) {
                    states.add(switch (s) {
                        case INVALID -> CtState.INVALID;
                        case ESTABLISHED -> CtState.ESTABLISHED;
                        case RELATED -> CtState.RELATED;
                        case NEW -> CtState.NEW;
                        case UNTRACKED -> CtState.UNTRACKED;
                    });
                }
                CtState first = states.iterator().next();
                states.remove(first);
                b.ctState(first, states.toArray(CtState[]::new));
            }
        }
    }

    private static void verdict(NftRuleBuilder b, Verdict v, TableFamily family) {
        switch (v) {
            case Verdict.Accept a -> b.accept();
            case Verdict.Drop d -> b.drop();
            case Verdict.Jump j -> b.jump(j.chain());
            case Verdict.Goto g -> b.goTo(g.chain());
            case Verdict.Return r -> b.ret();
            case Verdict.Reject r when r.isTcpReset() -> b.rejectTcpReset();
            case Verdict.Reject r -> reject(b, r.icmp().orElseThrow(), family);
            case Verdict.Masquerade m -> b.masquerade();
            case Verdict.Snat s when s.to().isPresent() -> natRange(b, s);
            case Verdict.Snat s -> {
                if (s.port().isPresent()) {
                    b.snat(Conversions.inet(s.from()), s.port().getAsInt());
                } else {
                    b.snat(Conversions.inet(s.from()));
                }
            }
            case Verdict.Dnat d -> {
                if (d.port().isPresent()) {
                    b.dnat(Conversions.inet(d.address()), d.port().getAsInt());
                } else {
                    b.dnat(Conversions.inet(d.address()));
                }
            }
            case Verdict.Redirect r -> {
                if (r.port().isPresent()) {
                    b.redirect(r.port().getAsInt());
                } else {
                    b.redirect();
                }
            }
        }
    }

    /** {@code snat to A-B[:P]}: the range's ends in registers 1 and 2, the port in 3, as nft loads them. */
    private static void natRange(NftRuleBuilder b, Verdict.Snat s) {
        java.net.InetAddress from = Conversions.inet(s.from());
        b.expr(new NftExpr.Immediate(NftExpr.REG_1, NftData.address(from)));
        b.expr(new NftExpr.Immediate(NftExpr.REG_2, NftData.address(Conversions.inet(s.to().orElseThrow()))));
        int portReg = 0;
        if (s.port().isPresent()) {
            portReg = NftExpr.REG_2 + 1;
            b.expr(new NftExpr.Immediate(portReg, NftData.be16(s.port().getAsInt())));
        }
        b.expr(new NftExpr.Nat(NftExpr.Nat.Type.SNAT, from instanceof java.net.Inet6Address ? NftFamily.IP6 : NftFamily.IP,
                NftExpr.REG_1, NftExpr.REG_2, portReg, 0, 0));
    }

    /** {@code reject with ...} in the table's dialect: icmp codes in ip tables, icmpv6 in ip6, icmpx in inet. */
    private static void reject(NftRuleBuilder b, RejectCode code, TableFamily family) {
        if (code == RejectCode.PORT_UNREACHABLE) {
            b.reject(); // plain reject: in an inet rule that settled the family, that family's own code, as nft does
            return;
        }
        switch (family) {
            case IP -> b.rejectIcmp(switch (code) {
                case NET_UNREACHABLE -> NftExpr.Reject.ICMP_NET_UNREACH;
                case HOST_UNREACHABLE -> NftExpr.Reject.ICMP_HOST_UNREACH;
                case PROT_UNREACHABLE -> NftExpr.Reject.ICMP_PROT_UNREACH;
                case PORT_UNREACHABLE -> NftExpr.Reject.ICMP_PORT_UNREACH;
                case NET_PROHIBITED -> NftExpr.Reject.ICMP_NET_PROHIBITED;
                case HOST_PROHIBITED -> NftExpr.Reject.ICMP_HOST_PROHIBITED;
                case ADMIN_PROHIBITED -> NftExpr.Reject.ICMP_ADMIN_PROHIBITED;
                case NO_ROUTE, ADDR_UNREACHABLE -> throw new IllegalArgumentException(code.word() + " in an ip table");
            });
            case IP6 -> b.rejectIcmp(switch (code) {
                case NO_ROUTE -> NftExpr.Reject.ICMPV6_NO_ROUTE;
                case ADMIN_PROHIBITED -> NftExpr.Reject.ICMPV6_ADMIN_PROHIBITED;
                case ADDR_UNREACHABLE -> NftExpr.Reject.ICMPV6_ADDR_UNREACH;
                case PORT_UNREACHABLE -> NftExpr.Reject.ICMPV6_PORT_UNREACH;
                case NET_UNREACHABLE, HOST_UNREACHABLE, PROT_UNREACHABLE, NET_PROHIBITED, HOST_PROHIBITED ->
                        throw new IllegalArgumentException(code.word() + " in an ip6 table");
            });
            case INET -> b.rejectIcmpx(switch (code) {
                case NO_ROUTE -> NftExpr.Reject.ICMPX_NO_ROUTE;
                case PORT_UNREACHABLE -> NftExpr.Reject.ICMPX_PORT_UNREACH;
                case HOST_UNREACHABLE -> NftExpr.Reject.ICMPX_HOST_UNREACH;
                case ADMIN_PROHIBITED -> NftExpr.Reject.ICMPX_ADMIN_PROHIBITED;
                case NET_UNREACHABLE, PROT_UNREACHABLE, NET_PROHIBITED, HOST_PROHIBITED, ADDR_UNREACHABLE ->
                        throw new IllegalArgumentException(code.word() + " in an inet table");
            });
        }
    }

    private static Unsupported unsupported(Rule r, TableFamily family, String why) {
        return new Unsupported("rule \"" + r.text(family) + "\": " + why
                + ", which the kernel world does not install yet; write one rule per port or type");
    }
}
