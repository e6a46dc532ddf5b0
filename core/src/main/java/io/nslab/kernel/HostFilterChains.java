package io.nslab.kernel;

import io.nslab.firewall.PacketFacts;
import io.nslab.firewall.Rule;
import io.nslab.firewall.RuleParser;
import io.nslab.firewall.RuleSyntaxException;
import io.nslab.firewall.TableFamily;
import io.nslab.firewall.Verdict;
import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftChainType;
import io.nslab.netlink.nft.NftHook;
import io.nslab.netlink.nft.NftInstalledRule;
import io.nslab.netlink.nft.NftPolicy;
import io.nslab.netlink.nft.NftRuleText;
import io.nslab.netlink.nft.NftRuleset;
import io.nslab.netlink.nft.NftTable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one of the host's filter hooks (forward, for a lab's packets it routes; input and output, for those to and
 * from the host itself) does to one of a lab's packets, from the host's nf_tables ruleset as read back (never
 * changed): the filter base chains at that hook that see its IP version, lowest priority first, each run as
 * nft_do_chain runs it. That covers iptables-nft's {@code ip filter FORWARD} and the chains Docker adds under it
 * (DOCKER-USER, DOCKER-FORWARD, DOCKER-ISOLATION-*). A rule the firewall model cannot read (iptables-nft's xt matches,
 * such as {@code -m conntrack}) is taken as not matching, unless its interface names already rule it out, and is
 * named in the verdict, so that a drop after it is reported as one that such a rule might have prevented.
 */
public final class HostFilterChains {
    private HostFilterChains() {
    }

    /** Jumps deeper than the kernel's own limit (NFT_JUMP_STACK_SIZE) mean a loop in what was read. */
    private static final int MAX_DEPTH = 16;
    private static final int MAX_STEPS = 100_000;

    /** What the hook does to the packet. */
    public sealed interface Decision {
        /** Unread rules the packet met on its way, which the model took as not matching. */
        List<String> unsure();
    }

    /** Every base chain at the hook let it through. */
    public record Passes(List<String> unsure) implements Decision {
        public Passes {
            unsure = List.copyOf(unsure);
        }
    }

    /**
     * Dropped (or rejected) by a rule or by a base chain's policy.
     *
     * @param table     the table, as nft names it ({@code ip filter})
     * @param hook      the hook: forward, input or output
     * @param base      the base chain at the hook the packet was in
     * @param chain     the chain that decided (the base chain for a policy, or the chain a jump led to)
     * @param position  the rule's place in {@code chain} from 1, 0 for the policy
     * @param handle    the rule's handle ({@code nft -a list ruleset}), 0 for the policy
     * @param rule      the rule's text as nft prints it; empty for the policy
     * @param rejected  true for a reject (the sender is told), false for a drop
     * @param chains    every chain of the table, for the fix (Docker's DOCKER-USER)
     */
    public record Dropped(NftHook hook, String table, String base, String chain, int position, long handle, Optional<String> rule,
                          boolean rejected, List<String> chains, List<String> unsure) implements Decision {
        public Dropped {
            chains = List.copyOf(chains);
            unsure = List.copyOf(unsure);
        }

        public boolean byPolicy() {
            return rule.isEmpty();
        }

        /** True for the table iptables-nft makes ({@code ip filter} with its FORWARD, INPUT, OUTPUT chains), which iptables' words fit. */
        public boolean iptables() {
            return table.equals("ip filter") && base.equals(hook.keyword().toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The forward hook's decision for {@code p} (its {@code iif} and {@code oif} the host's devices). */
    public static Decision decide(NftRuleset host, IntFunction<Optional<String>> ifnames, PacketFacts p) {
        return decide(host, ifnames, NftHook.FORWARD, p);
    }

    /** The decision of {@code hook} (forward, input or output) for {@code p}. */
    public static Decision decide(NftRuleset host, IntFunction<Optional<String>> ifnames, NftHook hook, PacketFacts p) {
        List<NftChain> bases = new ArrayList<>();
        for (NftChain c : host.chains()) {
            Optional<TableFamily> family = family(c.table());
            if (family.isPresent() && family.get().sees(p.v4()) && c.base().map(b -> b.hook() == hook && b.type() == NftChainType.FILTER).orElse(false)) {
                bases.add(c);
            }
        }
        bases.sort(Comparator.comparingInt(c -> c.base().orElseThrow().priority()));
        List<String> unsure = new ArrayList<>();
        for (NftChain base : bases) {
            Optional<Dropped> d = run(host, ifnames, hook, base, p, unsure);
            if (d.isPresent()) {
                return d.get();
            }
        }
        return new Passes(unsure);
    }

    private static Optional<TableFamily> family(NftTable t) {
        return switch (t.family()) {
            case IP -> Optional.of(TableFamily.IP);
            case IP6 -> Optional.of(TableFamily.IP6);
            case INET -> Optional.of(TableFamily.INET);
            case ARP, BRIDGE, NETDEV -> Optional.empty(); // not at the IP hooks
        };
    }

    private record Frame(NftChain chain, int next) {
    }

    /** Runs one base chain: empty when it accepts (the packet goes on to the next base chain), else the drop. */
    private static Optional<Dropped> run(NftRuleset host, IntFunction<Optional<String>> ifnames, NftHook hook, NftChain base, PacketFacts p,
                                         List<String> unsure) {
        TableFamily family = family(base.table()).orElseThrow();
        String table = family.word() + " " + base.table().name();
        List<String> chainNames = host.chainsOf(base.table()).stream().map(NftChain::name).toList();
        Deque<Frame> stack = new ArrayDeque<>();
        NftChain chain = base;
        List<NftInstalledRule> rules = host.rulesOf(chain);
        int i = 0;
        // the kernel refuses rulesets with loops; a ruleset changed between the dumps could still seem to have one
        for (int steps = 0; ; steps++) {
            if (steps > MAX_STEPS) {
                unsure.add("chain " + chain.name() + " in table " + table + ": more than " + MAX_STEPS + " rules on the way; not followed");
                return Optional.empty();
            }
            if (i >= rules.size()) {
                if (stack.isEmpty()) {
                    return base.base().orElseThrow().policy() == NftPolicy.DROP
                            ? Optional.of(new Dropped(hook, table, base.name(), base.name(), 0, 0, Optional.empty(), false, chainNames, unsure))
                            : Optional.empty();
                }
                Frame f = stack.pop();
                chain = f.chain();
                rules = host.rulesOf(chain);
                i = f.next();
                continue;
            }
            NftInstalledRule installed = rules.get(i);
            String text = NftRuleText.of(installed.rule(), ifnames);
            Rule r;
            try {
                r = RuleParser.parse(text, family);
            } catch (RuleSyntaxException | RuntimeException e) { // whatever the host holds, the explanation goes on
                if (!excludedByInterface(text, p)) {
                    unsure.add("rule " + (i + 1) + " (handle " + installed.handle() + ") of chain " + chain.name() + " in table "
                            + table + ": `" + text + "`");
                }
                i++;
                continue;
            }
            if (r.verdict().isEmpty() || !io.nslab.firewall.ChainRunner.matches(r, p)) {
                i++;
                continue;
            }
            Optional<String> target = Optional.empty();
            boolean push = false;
            switch (r.verdict().get()) {
                case Verdict.Accept a -> {
                    return Optional.empty();
                }
                case Verdict.Drop d -> {
                    return Optional.of(new Dropped(hook, table, base.name(), chain.name(), i + 1, installed.handle(), Optional.of(text), false,
                            chainNames, unsure));
                }
                case Verdict.Reject x -> {
                    return Optional.of(new Dropped(hook, table, base.name(), chain.name(), i + 1, installed.handle(), Optional.of(text), true,
                            chainNames, unsure));
                }
                // NAT statements belong in nat chains: a filter chain cannot hold them, and they accept
                case Verdict.Masquerade m -> {
                    return Optional.empty();
                }
                case Verdict.Snat s -> {
                    return Optional.empty();
                }
                case Verdict.Dnat d -> {
                    return Optional.empty();
                }
                case Verdict.Redirect d -> {
                    return Optional.empty();
                }
                case Verdict.Jump j -> {
                    target = Optional.of(j.chain());
                    push = true;
                }
                case Verdict.Goto g -> target = Optional.of(g.chain());
                case Verdict.Return ret -> {
                    if (stack.isEmpty()) {
                        i = rules.size(); // the base chain's end: its policy
                        continue;
                    }
                    Frame f = stack.pop();
                    chain = f.chain();
                    rules = host.rulesOf(chain);
                    i = f.next();
                    continue;
                }
            }
            String name = target.orElseThrow();
            NftChain current = chain;
            Optional<NftChain> next = host.chainsOf(base.table()).stream().filter(c -> c.name().equals(name)).findFirst();
            if (next.isEmpty() || stack.size() >= MAX_DEPTH) {
                unsure.add("rule " + (i + 1) + " of chain " + current.name() + " in table " + table + " jumps to " + name
                        + ", which was not read");
                i++;
                continue;
            }
            if (push) {
                stack.push(new Frame(chain, i + 1));
            }
            chain = next.get();
            rules = host.rulesOf(chain);
            i = 0;
        }
    }

    private static final Pattern INTERFACE = Pattern.compile("\\b(iifname|oifname) (!= )?\"([^\"]+)\"");

    /**
     * True when a rule the model cannot read names an interface the packet does not use ({@code oifname "docker0" xt
     * match "conntrack" accept} for a packet leaving by another device): it cannot match whatever the rest says.
     */
    static boolean excludedByInterface(String text, PacketFacts p) {
        Matcher m = INTERFACE.matcher(text);
        while (m.find()) {
            Optional<String> dev = m.group(1).equals("iifname") ? p.iif() : p.oif();
            String name = m.group(3);
            boolean equal = name.endsWith("*") ? dev.map(d -> d.startsWith(name.substring(0, name.length() - 1))).orElse(false)
                    : dev.map(name::equals).orElse(false);
            if (equal == (m.group(2) != null)) {
                return true;
            }
        }
        return false;
    }
}
