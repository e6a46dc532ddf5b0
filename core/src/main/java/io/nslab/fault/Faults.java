package io.nslab.fault;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
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
import io.nslab.model.IpPrefix;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Node;
import io.nslab.model.Route;
import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.NodeName;
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
import io.nslab.netlink.nft.NftTable;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.sim.SimNetwork;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Faults made while a lab runs, the same in both worlds: a link end down or up, a partition and its healing. The
 * kernel gets them through rtnetlink and nf_tables; the simulator through the same op and the same ruleset, so that
 * it predicts what the kernel then does.
 */
public final class Faults {
    private static final NftTable KERNEL_TABLE = NftTable.of(NftFamily.INET, Partition.TABLE);

    private Faults() {
    }

    /**
     * Sets one end of a link down or up, as {@code ip link set DEV down|up} in its node: its peer loses carrier. Down,
     * the kernel deletes the node's routes through that device (and, with keep_addr_on_down 0, its IPv6 addresses);
     * up puts back the end's addresses and the node's routes as the lab gives them (a route whose gateway is still
     * behind another link that is down comes back when that one does).
     */
    public static void link(Network network, Lab lab, String end, boolean up) {
        Endpoint e = endpoint(lab, end);
        NamespaceRef netns = lab.netnsOf(e.node());
        try {
            network.apply(new Op.SetLinkState(netns, e.ifname(), up));
        } catch (OpException ex) {
            throw new NslabException(ExitCode.ENVIRONMENT, "link " + end + ": " + ex.getMessage());
        }
        if (up) {
            for (IpPrefix a : e.addresses()) {
                tryApply(network, new Op.AddAddress(netns, e.ifname(), a)); // exists already: IPv4 stays on down
            }
            for (Route r : lab.node(e.node()).map(Node::routes).orElse(List.of())) {
                tryApply(network, new Op.ReplaceRoute(netns, r));
            }
        }
    }

    private static void tryApply(Network network, Op op) {
        try {
            network.apply(op);
        } catch (OpException ignored) {
            // already there, or its gateway is not reachable yet: see link()
        }
    }

    /** The link end {@code node:ifname} of {@code lab}; exits 2 naming the lab's ends otherwise. */
    public static Endpoint endpoint(Lab lab, String end) {
        return lab.links().stream().flatMap(l -> l.endpoints().stream()).filter(x -> x.label().equals(end)).findFirst()
                .orElseThrow(() -> new NslabException(ExitCode.BAD_INPUT, "lab " + lab.name() + " has no link end \"" + end
                        + "\" (its ends: " + String.join(", ", lab.links().stream().flatMap(l -> l.endpoints().stream())
                        .map(Endpoint::label).toList()) + ")"));
    }

    /**
     * Limits what leaves one link end to {@code bitsPerSecond} (a token bucket, tbf, as the end's root qdisc): the
     * direction from that end's node to its peer only; limit the peer's end too for both. {@code burstBytes} may
     * pass at once, and a packet waits at most {@code latency} in the queue before it is dropped. The simulator
     * models reachability, which a rate does not change: there it is accepted and has no effect.
     */
    public static void rate(Network network, Lab lab, String end, long bitsPerSecond, int burstBytes, java.time.Duration latency) {
        Endpoint e = endpoint(lab, end);
        if (bitsPerSecond < 8 || bitsPerSecond / 8 >= 1L << 32) {
            throw new NslabException(ExitCode.BAD_INPUT, "rate " + bitsPerSecond + " bit/s on " + end + ": between 8 bit/s and 34 Gbit/s");
        }
        if (network instanceof KernelNetwork k) {
            inNode(k, lab, e, end, "rate", nl -> nl.qdiscs().replaceTbf(e.ifname().value(), bitsPerSecond, burstBytes, latency));
        }
    }

    /**
     * Delays what leaves one link end by {@code delay}, give or take {@code jitter} (netem). A kernel without sch_netem
     * cannot: exit 3 with the kernel's reason. The simulator has no time: there it is accepted and has no effect.
     */
    public static void delay(Network network, Lab lab, String end, java.time.Duration delay, java.time.Duration jitter) {
        Endpoint e = endpoint(lab, end);
        if (network instanceof KernelNetwork k) {
            inNode(k, lab, e, end, "delay", nl -> nl.qdiscs().replaceNetemDelay(e.ifname().value(), delay, jitter));
        }
    }

    /** Takes a rate or delay off a link end: its root qdisc back to the default; nothing when it has none of ours. */
    public static void clearQdisc(Network network, Lab lab, String end) {
        Endpoint e = endpoint(lab, end);
        if (network instanceof KernelNetwork k) {
            try {
                inNode(k, lab, e, end, "reset", nl -> nl.qdiscs().deleteRoot(e.ifname().value()));
            } catch (NslabException none) {
                // no root qdisc of ours (ENOENT/EINVAL): nothing to take off
            }
        }
    }

    private static void inNode(KernelNetwork k, Lab lab, Endpoint e, String end, String what,
                               java.util.function.Consumer<io.nslab.netlink.Netlink> body) {
        try (NetNs ns = k.registry().open(lab.namespaceOf(e.node()).name()); io.nslab.netlink.Netlink nl = io.nslab.netlink.Netlink.open(ns)) {
            body.accept(nl);
        } catch (io.nslab.netlink.NetlinkException ex) {
            String why = ex.extAck().orElse(ex.errno().toString());
            if (what.equals("delay") && ex.is(io.nslab.netlink.Errno.ENOENT)) {
                throw new NslabException(ExitCode.ENVIRONMENT, "delay on " + end + ": this kernel has no sch_netem (\"" + why
                        + "\"), so nslab cannot delay or jitter packets here; rate limits (tbf) and loss need no netem");
            }
            throw new NslabException(ExitCode.ENVIRONMENT, what + " on " + end + ": " + why);
        }
    }

    /** Heals any partition, then partitions the lab into {@code partition}'s groups. */
    public static void partition(Network network, Lab lab, Partition partition) {
        heal(network, lab);
        Map<NodeName, List<LinkLocalPeers.Peer>> linkLocal = LinkLocalPeers.of(lab, partition);
        for (Map.Entry<NodeName, List<IpAddress>> e : partition.dropsFrom(lab).entrySet()) {
            NodeName node = e.getKey();
            List<LinkLocalPeers.Peer> peers = linkLocal.getOrDefault(node, List.of());
            switch (network) {
                case KernelNetwork k -> kernelPartition(k, lab, node, e.getValue(), kernelLinkLocals(k, lab, peers));
                case SimNetwork s -> {
                    // the simulator makes no link-local address of its own: those the lab gives are all there are
                    List<String> texts = new ArrayList<>(Partition.ruleTexts(e.getValue()));
                    for (LinkLocalPeers.Peer p : peers) {
                        Partition.labLinkLocals(lab, p.peer(), p.peerIfname())
                                .forEach(a -> texts.add(Partition.linkLocalRuleText(p.ifname().value(), a)));
                    }
                    s.updateFirewall(lab.netnsOf(node), withPartition(s, lab, node, texts));
                }
                default -> throw unsupported(network);
            }
        }
    }

    /** Per peer interface, its IPv6 link-local addresses as the kernel has them now (the lab's own among them). */
    private static Map<LinkLocalPeers.Peer, List<IpAddress>> kernelLinkLocals(KernelNetwork k, Lab lab, List<LinkLocalPeers.Peer> peers) {
        Map<LinkLocalPeers.Peer, List<IpAddress>> out = new java.util.LinkedHashMap<>();
        for (LinkLocalPeers.Peer p : peers) {
            java.util.Set<IpAddress> found = new java.util.LinkedHashSet<>(Partition.labLinkLocals(lab, p.peer(), p.peerIfname()));
            try (NetNs ns = k.registry().open(lab.namespaceOf(p.peer()).name()); io.nslab.netlink.Netlink nl = io.nslab.netlink.Netlink.open(ns)) {
                for (io.nslab.netlink.AddressInfo a : nl.addresses().list(p.peerIfname().value())) {
                    IpAddress ip = IpAddress.fromBytes(a.prefix().address().getAddress());
                    if (!ip.isV4() && ip.isLinkLocal()) {
                        found.add(ip);
                    }
                }
            } catch (io.nslab.netlink.NetlinkException gone) {
                // the interface is gone (its link was deleted): nothing of it can arrive
            }
            out.put(p, List.copyOf(found));
        }
        return out;
    }

    /** Removes a partition's table from every node of the lab that has one; nothing else is touched. */
    public static void heal(Network network, Lab lab) {
        for (NodeName n : lab.nodes().keySet()) {
            switch (network) {
                case KernelNetwork k -> {
                    try (NetNs ns = k.registry().open(lab.namespaceOf(n).name()); NfTables nft = NfTables.open(ns)) {
                        if (nft.tables(NftFamily.INET).contains(KERNEL_TABLE)) {
                            nft.transaction().deleteTable(KERNEL_TABLE).commit();
                        }
                    }
                }
                case SimNetwork s -> s.updateFirewall(lab.netnsOf(n), withoutPartition(s.firewall(lab.netnsOf(n))));
                default -> throw unsupported(network);
            }
        }
    }

    private static void kernelPartition(KernelNetwork k, Lab lab, NodeName node, List<IpAddress> from,
                                        Map<LinkLocalPeers.Peer, List<IpAddress>> linkLocal) {
        try (NetNs ns = k.registry().open(lab.namespaceOf(node).name()); NfTables nft = NfTables.open(ns)) {
            NftTransaction tx = nft.transaction().addTable(KERNEL_TABLE)
                    .addChain(NftChain.base(KERNEL_TABLE, Partition.CHAIN, NftChainType.FILTER, NftHook.INPUT,
                            NftBaseChain.PRIORITY_FILTER, NftPolicy.ACCEPT));
            for (IpAddress a : from) {
                tx.addRule(NftRule.in(KERNEL_TABLE, Partition.CHAIN).saddr(prefix(a)).drop().build());
            }
            for (var e : linkLocal.entrySet()) {
                for (IpAddress a : e.getValue()) {
                    tx.addRule(NftRule.in(KERNEL_TABLE, Partition.CHAIN).iifname(e.getKey().ifname().value()).saddr(prefix(a))
                            .drop().build());
                }
            }
            tx.commit();
        }
    }

    private static io.nslab.netlink.IpPrefix prefix(IpAddress a) {
        try {
            return new io.nslab.netlink.IpPrefix(InetAddress.getByAddress(a.toBytes()), a.isV4() ? 32 : 128);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ruleset without a partition's table; the node's own tables and a loss's stay as they are. */
    private static Ruleset withoutPartition(Ruleset now) {
        return new Ruleset(now.tables().stream()
                .filter(t -> !(t.family() == TableFamily.INET && t.name().equals(Partition.TABLE))).toList());
    }

    /** The node's ruleset now (its own tables, a loss's) with the partition's table added. */
    private static Ruleset withPartition(SimNetwork s, Lab lab, NodeName node, List<String> texts) {
        List<Rule> rules = new ArrayList<>();
        for (String text : texts) {
            try {
                rules.add(RuleParser.parse(text, TableFamily.INET));
            } catch (RuleSyntaxException e) {
                throw new IllegalStateException(text + ": " + e.getMessage(), e);
            }
        }
        List<Table> tables = new ArrayList<>(withoutPartition(s.firewall(lab.netnsOf(node))).tables());
        tables.add(new Table(TableFamily.INET, Partition.TABLE,
                List.of(Chain.base(Partition.CHAIN, ChainType.FILTER, Hook.INPUT, Policy.ACCEPT, rules))));
        return new Ruleset(tables);
    }

    private static UnsupportedOperationException unsupported(Network network) {
        return new UnsupportedOperationException("faults are made in the kernel or the simulator, not in " + network.getClass().getSimpleName());
    }
}
