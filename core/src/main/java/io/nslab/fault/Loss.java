package io.nslab.fault;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
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
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Endpoint;
import io.nslab.model.Lab;
import io.nslab.model.VethLink;
import io.nslab.netlink.NetNs;
import io.nslab.netlink.NfTables;
import io.nslab.netlink.NftTransaction;
import io.nslab.netlink.nft.NftBaseChain;
import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftChainType;
import io.nslab.netlink.nft.NftFamily;
import io.nslab.netlink.nft.NftHook;
import io.nslab.netlink.nft.NftPolicy;
import io.nslab.netlink.nft.NftRule;
import io.nslab.netlink.nft.NftRuleBuilder;
import io.nslab.netlink.nft.NftTable;
import io.nslab.sim.SimNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Random loss on what leaves one link end, without netem: nf_tables draws a random number per packet
 * ({@code numgen random mod 10000 < N drop}, N in hundredths of a percent). The rule sits where the packets arrive,
 * in the peer's node: table {@value #TABLE}, one base chain per receiving interface ({@code in_IFNAME}, hook
 * prerouting, priority -300, before conntrack and any NAT of the lab), matching {@code iifname} of the peer's end.
 * Dropping there, not at the sender's output, makes the loss look like the wire's: a sender's {@code sendto} never
 * fails with EPERM, as it would for a drop in its own output path. Family inet, or bridge where the peer's end is a
 * bridge port (bridged frames never reach the inet hooks). ARP is not an IP packet and is never dropped; IPv6
 * neighbour discovery is, like any other packet of the link.
 *
 * <p>The simulator models reachability, not chance: a loss below 100% leaves every probe's outcome as it was (a ping
 * of several packets gets a reply), and 100% drops everything, as the kernel's rule then does. So only 100% changes
 * what {@code ping}, {@code trace} and checks say in the simulator.
 */
public final class Loss {
    /** The table that loss rules live in, in each node that receives over an impaired end. */
    public static final String TABLE = "nslab_loss";
    /** Hundredths of a percent: numgen draws in [0, 10000). */
    public static final int SCALE = 10_000;
    private static final int PRIORITY_RAW = -300;

    private Loss() {
    }

    /**
     * Drops {@code percent} % (0 to 100, to a hundredth) of what leaves {@code end} toward its peer, at random per
     * packet; 0 takes the loss off. The other direction is not touched: impair the peer's end for that.
     */
    public static void set(Network network, Lab lab, String end, double percent) {
        Endpoint e = Faults.endpoint(lab, end);
        int hundredths = hundredths(end, percent);
        Endpoint peer = peerOf(lab, e);
        switch (network) {
            case KernelNetwork k -> kernel(k, lab, peer, hundredths, end);
            case SimNetwork s -> sim(s, lab, peer, hundredths);
            default -> throw new UnsupportedOperationException("loss is made in the kernel or the simulator, not in "
                    + network.getClass().getSimpleName());
        }
    }

    /** {@code percent} in hundredths of a percent; exits 2 naming the end outside [0, 100]. */
    static int hundredths(String end, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new NslabException(ExitCode.BAD_INPUT, "loss " + percent + "% on " + end + ": between 0% and 100%");
        }
        return (int) Math.round(percent * 100);
    }

    /** The other end of {@code e}'s link. */
    static Endpoint peerOf(Lab lab, Endpoint e) {
        for (VethLink l : lab.links()) {
            if (l.a().equals(e)) {
                return l.b();
            }
            if (l.b().equals(e)) {
                return l.a();
            }
        }
        throw new IllegalStateException("no link has end " + e.label());
    }

    /** The chain of the peer's table that drops what arrives on {@code ifname}. */
    static String chainName(String ifname) {
        return "in_" + ifname;
    }

    /** The rule text, as {@code nft list} shows it. */
    public static String ruleText(String ifname, int hundredths) {
        return "iifname \"" + ifname + "\" " + (hundredths >= SCALE ? "" : "numgen random mod " + SCALE + " < " + hundredths + " ")
                + "drop";
    }

    private static boolean bridgePort(Lab lab, Endpoint e) {
        return lab.node(e.node()).orElseThrow().bridges().stream().anyMatch(b -> b.ports().contains(e.ifname()));
    }

    private static void kernel(KernelNetwork k, Lab lab, Endpoint peer, int hundredths, String end) {
        NftTable table = NftTable.of(bridgePort(lab, peer) ? NftFamily.BRIDGE : NftFamily.INET, TABLE);
        String ifname = peer.ifname().value();
        String chain = chainName(ifname);
        try (NetNs ns = k.registry().open(lab.namespaceOf(peer.node()).name()); NfTables nft = NfTables.open(ns)) {
            boolean hasTable = nft.tables(table.family()).contains(table);
            List<String> chains = hasTable ? nft.chains(table).stream().map(NftChain::name).toList() : List.of();
            NftTransaction tx = nft.transaction();
            if (hundredths == 0) {
                if (!chains.contains(chain)) {
                    return;
                }
                if (chains.size() == 1) {
                    tx.deleteTable(table);
                } else {
                    tx.flushChain(table, chain).deleteChain(table, chain);
                }
            } else {
                if (!hasTable) {
                    tx.addTable(table);
                }
                if (chains.contains(chain)) {
                    tx.flushChain(table, chain);
                } else {
                    tx.addChain(NftChain.base(table, chain, NftChainType.FILTER, NftHook.PREROUTING, PRIORITY_RAW,
                            NftPolicy.ACCEPT));
                }
                NftRuleBuilder rule = NftRule.in(table, chain).iifname(ifname);
                if (hundredths < SCALE) {
                    rule.randomBelow(SCALE, hundredths);
                }
                tx.addRule(rule.drop().build());
            }
            tx.commit();
        } catch (io.nslab.netlink.NetlinkException ex) {
            throw new NslabException(ExitCode.ENVIRONMENT, "loss on " + end + ": " + ex.extAck().orElse(ex.errno().toString()));
        }
    }

    private static void sim(SimNetwork s, Lab lab, Endpoint peer, int hundredths) {
        var netns = lab.netnsOf(peer.node());
        Ruleset now = s.firewall(netns);
        List<Table> tables = new ArrayList<>();
        List<Chain> chains = new ArrayList<>();
        for (Table t : now.tables()) {
            if (t.family() == TableFamily.INET && t.name().equals(TABLE)) {
                t.chains().stream().filter(c -> !c.name().equals(chainName(peer.ifname().value()))).forEach(chains::add);
            } else {
                tables.add(t);
            }
        }
        // below 100% the simulator's one packet per probe would pass: reachability does not change
        if (hundredths >= SCALE) {
            String text = ruleText(peer.ifname().value(), hundredths);
            Rule rule;
            try {
                rule = RuleParser.parse(text, TableFamily.INET);
            } catch (RuleSyntaxException ex) {
                throw new IllegalStateException(text + ": " + ex.getMessage(), ex);
            }
            chains.add(new Chain(chainName(peer.ifname().value()), Optional.of(new BaseChain(ChainType.FILTER,
                    Hook.PREROUTING, PRIORITY_RAW, Policy.ACCEPT)), List.of(rule)));
        }
        if (!chains.isEmpty()) {
            tables.add(new Table(TableFamily.INET, TABLE, chains));
        }
        s.updateFirewall(netns, new Ruleset(tables));
    }

    /** Takes every loss rule out of the lab: deletes {@value #TABLE} wherever it is. */
    public static void clearAll(Network network, Lab lab) {
        for (var n : lab.nodes().keySet()) {
            switch (network) {
                case KernelNetwork k -> {
                    try (NetNs ns = k.registry().open(lab.namespaceOf(n).name()); NfTables nft = NfTables.open(ns)) {
                        for (NftFamily f : List.of(NftFamily.INET, NftFamily.BRIDGE)) {
                            NftTable t = NftTable.of(f, TABLE);
                            if (nft.tables(f).contains(t)) {
                                nft.transaction().deleteTable(t).commit();
                            }
                        }
                    }
                }
                case SimNetwork s -> {
                    Ruleset now = s.firewall(lab.netnsOf(n));
                    List<Table> keep = now.tables().stream()
                            .filter(t -> !(t.family() == TableFamily.INET && t.name().equals(TABLE))).toList();
                    if (keep.size() != now.tables().size()) {
                        s.updateFirewall(lab.netnsOf(n), new Ruleset(keep));
                    }
                }
                default -> throw new UnsupportedOperationException("loss is made in the kernel or the simulator, not in "
                        + network.getClass().getSimpleName());
            }
        }
    }
}
