package io.nslab.fidelity;

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
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The firewall of one generated node, from its {@link Blueprint.RuleGene}s: the filter chains input, forward and
 * output of {@code table inet filter} (policy accept unless a gene drops it) and the NAT chains prerouting and
 * postrouting of {@code table ip nat}, each rule as nft writes it, so that the lab file says it the same way. Ports
 * are those the port probes use (7000 on), addresses and prefixes those of the lab, interfaces the node's own.
 */
final class BlueprintFirewall {
    private static final int FIRST_PORT = PortProbes.FIRST_PORT;
    private static final int PORTS = 32;

    private BlueprintFirewall() {
    }

    /**
     * @param ifaces   the node's interfaces (link ends)
     * @param own      the node's own IPv4 addresses
     * @param all      every IPv4 address of the lab
     * @param prefixes IPv4 prefixes worth matching (the lab's subnets and hosts)
     */
    static Ruleset of(List<Blueprint.RuleGene> genes, List<IfName> ifaces, List<IpAddress> own, List<IpAddress> all,
                      List<IpPrefix> prefixes) {
        Map<Hook, List<Rule>> filter = new EnumMap<>(Hook.class);
        Map<Hook, List<Rule>> nat = new EnumMap<>(Hook.class);
        Map<Hook, Policy> policy = new EnumMap<>(Hook.class);
        for (Blueprint.RuleGene g : genes) {
            switch (g.chain()) {
                case 5 -> policy.put(Hook.FORWARD, Policy.DROP);
                case 6 -> policy.put(Hook.INPUT, Policy.DROP);
                case 3, 4 -> {
                    String text = natRule(g, g.chain() == 3, ifaces, own, all, prefixes);
                    if (text != null) {
                        nat.computeIfAbsent(g.chain() == 3 ? Hook.POSTROUTING : Hook.PREROUTING, h -> new ArrayList<>())
                                .add(parse(text, TableFamily.IP));
                    }
                }
                default -> {
                    Hook hook = switch (g.chain()) {
                        case 1 -> Hook.INPUT;
                        case 2 -> Hook.OUTPUT;
                        default -> Hook.FORWARD;
                    };
                    String text = filterRule(g, hook, ifaces, prefixes);
                    if (text != null) {
                        filter.computeIfAbsent(hook, h -> new ArrayList<>()).add(parse(text, TableFamily.INET));
                    }
                }
            }
        }
        List<Table> tables = new ArrayList<>();
        List<Chain> chains = new ArrayList<>();
        for (Hook h : List.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT)) {
            Policy p = policy.getOrDefault(h, Policy.ACCEPT);
            List<Rule> rules = filter.getOrDefault(h, List.of());
            if (p != Policy.ACCEPT || !rules.isEmpty()) {
                chains.add(Chain.base(h.word(), ChainType.FILTER, h, p, rules));
            }
        }
        if (!chains.isEmpty()) {
            tables.add(new Table(TableFamily.INET, "filter", chains));
        }
        List<Chain> natChains = new ArrayList<>();
        for (Hook h : List.of(Hook.PREROUTING, Hook.POSTROUTING)) {
            if (nat.containsKey(h)) {
                natChains.add(Chain.base(h.word(), ChainType.NAT, h, Policy.ACCEPT, nat.get(h)));
            }
        }
        if (!natChains.isEmpty()) {
            tables.add(new Table(TableFamily.IP, "nat", natChains));
        }
        return tables.isEmpty() ? Ruleset.EMPTY : new Ruleset(tables);
    }

    private static String filterRule(Blueprint.RuleGene g, Hook hook, List<IfName> ifaces, List<IpPrefix> prefixes) {
        int port = FIRST_PORT + g.param() % PORTS;
        String match = switch (g.match()) {
            case 1 -> prefixes.isEmpty() ? "" : "ip saddr " + pick(prefixes, g.param());
            case 2 -> prefixes.isEmpty() ? "" : "ip daddr " + pick(prefixes, g.param());
            case 3 -> ifaces.isEmpty() || hook == Hook.OUTPUT ? "" : "iifname \"" + pick(ifaces, g.param()) + "\"";
            case 4 -> ifaces.isEmpty() || hook == Hook.INPUT ? "" : "oifname \"" + pick(ifaces, g.param()) + "\"";
            case 5 -> "tcp dport " + port;
            case 6 -> "udp dport " + port;
            case 7 -> "icmp type echo-request";
            case 8 -> "ct state established,related";
            case 9 -> "ct state new";
            case 10 -> "meta l4proto ipv6-icmp";
            default -> "";
        };
        String verdict = switch (g.verdict()) {
            case 1 -> "drop";
            case 2 -> "reject";
            case 3 -> "reject with icmpx admin-prohibited";
            case 4 -> "reject with icmpx host-unreachable";
            case 5 -> "reject with tcp reset";
            case 6 -> "counter";
            default -> "accept";
        };
        if (g.verdict() == 5 && !match.startsWith("tcp ")) {
            // a TCP reset needs TCP: a match of another protocol becomes the TCP port, any other gets meta l4proto tcp
            boolean otherProtocol = g.match() == 6 || g.match() == 7 || g.match() == 10;
            match = otherProtocol ? "tcp dport " + port : (match.isEmpty() ? "" : match + " ") + "meta l4proto tcp";
        }
        return (match.isEmpty() ? "" : match + " ") + verdict;
    }

    /** masquerade or snat at postrouting, dnat at prerouting; null where the node has nothing to name. */
    private static String natRule(Blueprint.RuleGene g, boolean source, List<IfName> ifaces, List<IpAddress> own,
                                  List<IpAddress> all, List<IpPrefix> prefixes) {
        if (ifaces.isEmpty() || all.isEmpty()) {
            return null;
        }
        IfName dev = pick(ifaces, g.param());
        String from = g.match() == 1 && !prefixes.isEmpty() ? " ip saddr " + pick(prefixes, g.param() / 3) : "";
        if (source) {
            if (g.verdict() % 2 == 0 || own.isEmpty()) {
                return "oifname \"" + dev + "\"" + from + " masquerade";
            }
            return "oifname \"" + dev + "\"" + from + " snat to " + pick(own, g.param() / 5);
        }
        IpAddress to = pick(all, g.param() / 7);
        if (g.verdict() % 2 == 1) {
            int port = FIRST_PORT + g.param() % PORTS;
            String proto = g.match() == 6 ? "udp" : "tcp";
            return "iifname \"" + dev + "\" " + proto + " dport " + port + " dnat to " + to + ":" + (FIRST_PORT + (g.param() / 2) % PORTS);
        }
        String daddr = own.isEmpty() ? "" : " ip daddr " + pick(own, g.param() / 5);
        return "iifname \"" + dev + "\"" + daddr + " dnat to " + to;
    }

    private static <T> T pick(List<T> from, int index) {
        return from.get(index % from.size());
    }

    private static Rule parse(String text, TableFamily family) {
        try {
            return RuleParser.parse(text, family);
        } catch (RuleSyntaxException e) {
            throw new IllegalStateException("generated rule does not parse: " + text, e);
        }
    }
}
