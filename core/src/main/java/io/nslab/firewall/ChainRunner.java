package io.nslab.firewall;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Runs a packet through nf_tables chains as nft_do_chain does: rules in order, the first verdict ends the chain,
 * jump pushes a return point (goto does not), return or the end of a regular chain pops it, and the end of the
 * base chain applies its policy. A rule without a verdict only counts.
 */
public final class ChainRunner {
    private ChainRunner() {
    }

    /** The index under which a base chain's policy counts the packets it decided ({@code iptables -L -v}'s policy line). */
    public static final int POLICY = -1;

    /** Counts a packet that matched rule {@code index} (from 0) of a chain with a counter. */
    public interface Counts {
        void hit(Table table, Chain chain, int index, int bytes);
    }

    /** A base chain and its table. */
    public record Base(Table table, Chain chain) {
        public BaseChain spec() {
            return chain.base().orElseThrow();
        }
    }

    /** The base chains of this type at {@code hook} that see packets of this IP version, lowest priority first. */
    public static List<Base> at(Ruleset rs, Hook hook, ChainType type, boolean v4) {
        List<Base> out = new ArrayList<>();
        for (Table t : rs.tables()) {
            if (!t.family().sees(v4)) {
                continue;
            }
            for (Chain c : t.chains()) {
                if (c.base().filter(b -> b.hook() == hook && b.type() == type).isPresent()) {
                    out.add(new Base(t, c));
                }
            }
        }
        out.sort(Comparator.comparingInt(b -> b.spec().priority()));
        return out;
    }

    private record Frame(Chain chain, int next) {
    }

    public static ChainDecision run(String node, Base base, PacketFacts p, Counts counts) {
        Deque<Frame> stack = new ArrayDeque<>();
        Chain chain = base.chain();
        int i = 0;
        while (true) {
            if (i >= chain.rules().size()) {
                if (stack.isEmpty()) {
                    return policy(node, base, p, counts);
                }
                Frame f = stack.pop();
                chain = f.chain();
                i = f.next();
                continue;
            }
            Rule r = chain.rules().get(i);
            if (!matches(r, p)) {
                i++;
                continue;
            }
            if (r.counter()) {
                counts.hit(base.table(), chain, i, p.length());
            }
            if (r.verdict().isEmpty()) {
                i++;
                continue;
            }
            RuleRef ref = new RuleRef(node, base.table(), chain, i + 1, RuleRef.handleOf(base.table(), chain, i), Optional.of(r));
            switch (r.verdict().get()) {
                case Verdict.Accept a -> {
                    return new ChainDecision.Accept();
                }
                case Verdict.Drop d -> {
                    return new ChainDecision.Drop(ref);
                }
                case Verdict.Reject x -> {
                    return new ChainDecision.Reject(ref, x);
                }
                case Verdict.Masquerade m -> {
                    return new ChainDecision.Nat(ref, m);
                }
                case Verdict.Snat s -> {
                    return new ChainDecision.Nat(ref, s);
                }
                case Verdict.Dnat d -> {
                    return new ChainDecision.Nat(ref, d);
                }
                case Verdict.Redirect d -> {
                    return new ChainDecision.Nat(ref, d);
                }
                case Verdict.Jump j -> {
                    stack.push(new Frame(chain, i + 1));
                    chain = base.table().chain(j.chain()).orElseThrow();
                    i = 0;
                }
                case Verdict.Goto g -> {
                    chain = base.table().chain(g.chain()).orElseThrow();
                    i = 0;
                }
                case Verdict.Return ret -> {
                    if (stack.isEmpty()) {
                        return policy(node, base, p, counts);
                    }
                    Frame f = stack.pop();
                    chain = f.chain();
                    i = f.next();
                }
            }
        }
    }

    /** The policy, counted at index {@link #POLICY} (the kernel's base chain stats count only packets the policy decides). */
    private static ChainDecision policy(String node, Base base, PacketFacts p, Counts counts) {
        counts.hit(base.table(), base.chain(), POLICY, p.length());
        return switch (base.spec().policy()) {
            case ACCEPT -> new ChainDecision.Accept();
            case DROP -> new ChainDecision.Drop(new RuleRef(node, base.table(), base.chain(), 0, 0, Optional.empty()));
        };
    }

    /** Whether every condition of {@code r} holds for {@code p}, with the protocol tests nft adds itself. */
    public static boolean matches(Rule r, PacketFacts p) {
        for (L4Proto implied : r.impliedProtocols()) {
            if (implied != p.protocol()) {
                return false;
            }
        }
        for (Match m : r.matches()) {
            if (!matches(m, p)) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Match m, PacketFacts p) {
        return switch (m) {
            case Match.Interface i -> {
                Optional<String> dev = i.input() ? p.iif() : p.oif();
                // at a hook without that interface (oifname at prerouting) the name reads as empty: only != matches
                yield dev.map(d -> d.equals(i.name())).orElse(false) != i.negated();
            }
            case Match.Address a -> a.v4() == p.v4() && (a.prefix().contains(a.source() ? p.src() : p.dst()) != a.negated());
            case Match.Protocol x -> x.protocol() == p.protocol() && switch (x.field()) {
                case META -> true;
                case IP -> p.v4();
                case IP6 -> !p.v4();
            };
            case Match.Port x -> x.protocol() == p.protocol() && x.matches(x.source() ? p.sport() : p.dport());
            case Match.Icmp x -> x.protocol() == p.protocol() && p.icmpType().map(t -> x.types().contains(t)).orElse(false);
            case Match.CtState x -> x.states().contains(p.state());
        };
    }
}
