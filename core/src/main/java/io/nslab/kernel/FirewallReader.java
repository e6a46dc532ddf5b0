package io.nslab.kernel;

import io.nslab.firewall.BaseChain;
import io.nslab.firewall.Chain;
import io.nslab.firewall.ChainType;
import io.nslab.firewall.Hook;
import io.nslab.firewall.Policy;
import io.nslab.firewall.Rule;
import io.nslab.firewall.RuleParser;
import io.nslab.firewall.RuleSyntaxException;
import io.nslab.firewall.Ruleset;
import io.nslab.firewall.Table;
import io.nslab.firewall.TableFamily;
import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftInstalledRule;
import io.nslab.netlink.nft.NftRuleText;
import io.nslab.netlink.nft.NftRuleset;
import io.nslab.netlink.nft.NftTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Reads what the kernel holds back into the firewall model: each rule's expressions in nft's words
 * ({@link NftRuleText}), then that text through the lab format's own rule parser. A table the model cannot say
 * (another family, a chain type it does not know, an expression nft would print in its debug form) is left out of
 * the ruleset and named in {@link Read#unreadable()}, so that reasoning over the kernel never pretends to know it.
 */
public final class FirewallReader {
    private FirewallReader() {
    }

    /** The tables read, and what could not be read, one line each ({@code table bridge x: ...}). */
    public record Read(Ruleset ruleset, List<String> unreadable) {
    }

    public static Read read(NftRuleset dump) {
        return read(dump, index -> Optional.empty());
    }

    /** As {@link #read(NftRuleset)}, naming {@code iif}/{@code oif} devices by their names now ({@code ifnames}). */
    public static Read read(NftRuleset dump, IntFunction<Optional<String>> ifnames) {
        List<Table> tables = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (NftTable t : dump.tables()) {
            try {
                tables.add(table(t, dump, ifnames));
            } catch (IllegalArgumentException e) {
                unreadable.add("table " + t + ": " + e.getMessage());
            }
        }
        return new Read(new Ruleset(tables), unreadable);
    }

    private static Table table(NftTable t, NftRuleset dump, IntFunction<Optional<String>> ifnames) {
        TableFamily family = switch (t.family()) {
            case IP -> TableFamily.IP;
            case IP6 -> TableFamily.IP6;
            case INET -> TableFamily.INET;
            case ARP, BRIDGE, NETDEV -> throw new IllegalArgumentException("a family nslab does not model");
        };
        List<Chain> chains = new ArrayList<>();
        for (NftChain c : dump.chainsOf(t)) {
            List<Rule> rules = new ArrayList<>();
            for (NftInstalledRule r : dump.rulesOf(c)) {
                String text = NftRuleText.of(r.rule(), ifnames);
                try {
                    rules.add(RuleParser.parse(text, family));
                } catch (RuleSyntaxException e) {
                    throw new IllegalArgumentException("chain " + c.name() + ": rule \"" + text + "\": " + e.getMessage());
                }
            }
            chains.add(new Chain(c.name(), c.base().map(b -> {
                ChainType type = switch (b.type()) {
                    case FILTER -> ChainType.FILTER;
                    case NAT -> ChainType.NAT;
                    case ROUTE -> throw new IllegalArgumentException("chain " + c.name() + ": type route");
                };
                Hook hook = Hook.of(b.hook().keyword()).orElseThrow();
                return new BaseChain(type, hook, b.priority(), b.policy() == io.nslab.netlink.nft.NftPolicy.DROP
                        ? Policy.DROP : Policy.ACCEPT);
            }), rules));
        }
        return new Table(family, t.name(), chains);
    }

    /** {@code nft list ruleset}'s text of what the kernel holds, counters as it counted them. */
    public static String text(NftRuleset dump) {
        return text(dump, index -> Optional.empty());
    }

    /** As {@link #text(NftRuleset)}, naming {@code iif}/{@code oif} devices as nft does. */
    public static String text(NftRuleset dump, IntFunction<Optional<String>> ifnames) {
        StringBuilder sb = new StringBuilder();
        for (NftTable t : dump.tables()) {
            sb.append("table ").append(t).append(" {\n");
            List<NftChain> chains = dump.chainsOf(t);
            for (int i = 0; i < chains.size(); i++) {
                NftChain c = chains.get(i);
                if (i > 0) {
                    sb.append('\n');
                }
                sb.append("\tchain ").append(c.name()).append(" {\n");
                Optional.of(c).filter(NftChain::isBase)
                        .ifPresent(b -> sb.append("\t\t").append(io.nslab.netlink.nft.NftChainText.of(b)).append('\n'));
                for (NftInstalledRule r : dump.rulesOf(c)) {
                    sb.append("\t\t").append(NftRuleText.of(r.rule(), ifnames)).append('\n');
                }
                sb.append("\t}\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }
}
