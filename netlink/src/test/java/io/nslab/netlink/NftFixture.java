package io.nslab.netlink;

import io.nslab.netlink.nft.CtState;
import io.nslab.netlink.nft.NftBaseChain;
import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftChainType;
import io.nslab.netlink.nft.NftExpr;
import io.nslab.netlink.nft.NftFamily;
import io.nslab.netlink.nft.NftHook;
import io.nslab.netlink.nft.NftPolicy;
import io.nslab.netlink.nft.NftRule;
import io.nslab.netlink.nft.NftRuleBuilder;
import io.nslab.netlink.nft.NftTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One ruleset said twice: as {@code nft} commands and as this library's records, with every kind of chain and
 * every match and statement the builder offers. Kernel tests install one or the other and compare.
 */
final class NftFixture {
    static final NftTable T = NftTable.of(NftFamily.IP, "t");
    static final NftTable T6 = NftTable.of(NftFamily.IP6, "t6");
    static final NftTable FW = NftTable.of(NftFamily.INET, "fw");
    static final List<NftTable> TABLES = List.of(T, T6, FW);

    record Said<T>(String nft, T value) {
    }

    static final List<Said<NftChain>> CHAINS = List.of(
            base(T, "input", NftChainType.FILTER, NftHook.INPUT, 0, NftPolicy.DROP),
            base(T, "fwdc", NftChainType.FILTER, NftHook.FORWARD, 0, NftPolicy.ACCEPT),
            base(T, "out", NftChainType.FILTER, NftHook.OUTPUT, 10, NftPolicy.ACCEPT),
            base(T, "post", NftChainType.NAT, NftHook.POSTROUTING, NftBaseChain.PRIORITY_SRCNAT, NftPolicy.ACCEPT),
            base(T, "pre", NftChainType.NAT, NftHook.PREROUTING, NftBaseChain.PRIORITY_DSTNAT, NftPolicy.ACCEPT),
            new Said<>("add chain ip t user", NftChain.regular(T, "user")),
            base(T6, "input", NftChainType.FILTER, NftHook.INPUT, 0, NftPolicy.ACCEPT),
            base(FW, "input", NftChainType.FILTER, NftHook.INPUT, -5, NftPolicy.DROP),
            base(FW, "pre", NftChainType.NAT, NftHook.PREROUTING, -100, NftPolicy.ACCEPT),
            base(FW, "post", NftChainType.NAT, NftHook.POSTROUTING, 100, NftPolicy.ACCEPT));

    private static final int TCP = NftRuleBuilder.TCP;
    private static final int UDP = NftRuleBuilder.UDP;

    static final List<Said<NftRule>> RULES = List.of(
            rule("ip t input iifname \"eth0\" accept", NftRule.in(T, "input").iifname("eth0").accept()),
            rule("ip t input iifname != \"lo\" counter drop", NftRule.in(T, "input").iifnameNot("lo").counter().drop()),
            rule("ip t fwdc oifname \"veth-long-name1\" drop", NftRule.in(T, "fwdc").oifname("veth-long-name1").drop()),
            rule("ip t fwdc oifname != \"eth1\" accept", NftRule.in(T, "fwdc").oifnameNot("eth1").accept()),
            rule("ip t input ip saddr 10.0.0.0/24 drop", NftRule.in(T, "input").saddr(p("10.0.0.0/24")).drop()),
            rule("ip t input ip daddr 10.1.2.3 accept", NftRule.in(T, "input").daddr(p("10.1.2.3/32")).accept()),
            rule("ip t input ip saddr 10.0.0.0/22 drop", NftRule.in(T, "input").saddr(p("10.0.0.0/22")).drop()),
            rule("ip t input ip saddr != 10.0.0.0/8 drop", NftRule.in(T, "input").saddrNot(p("10.0.0.0/8")).drop()),
            rule("ip t input ip daddr != 192.168.0.0/17 drop", NftRule.in(T, "input").daddrNot(p("192.168.0.0/17")).drop()),
            rule("ip t input tcp dport 22 accept", NftRule.in(T, "input").dport(TCP, 22).accept()),
            rule("ip t input tcp sport 1024 accept", NftRule.in(T, "input").sport(TCP, 1024).accept()),
            rule("ip t input tcp dport 1000-2000 accept", NftRule.in(T, "input").dportRange(TCP, 1000, 2000).accept()),
            rule("ip t input udp sport 53 accept", NftRule.in(T, "input").sport(UDP, 53).accept()),
            rule("ip t input icmp type echo-request drop", NftRule.in(T, "input").icmpType(8).drop()),
            rule("ip t input meta l4proto udp drop", NftRule.in(T, "input").l4proto(UDP).drop()),
            rule("ip t input ct state established,related accept",
                    NftRule.in(T, "input").ctState(CtState.ESTABLISHED, CtState.RELATED).accept()),
            rule("ip t input ct state new counter accept", NftRule.in(T, "input").ctState(CtState.NEW).counter().accept()),
            rule("ip t input ct state invalid drop", NftRule.in(T, "input").ctState(CtState.INVALID).drop()),
            rule("ip t input counter drop", NftRule.in(T, "input").counter().drop()),
            rule("ip t input numgen random mod 100 < 30 drop", NftRule.in(T, "input").randomBelow(100, 30).drop()),
            rule("ip t input iifname \"v1\" numgen inc mod 10 offset 5 < 7 accept", NftRule.in(T, "input").iifname("v1")
                    .numgenBelow(io.nslab.netlink.nft.NftExpr.Numgen.Type.INCREMENTAL, 10, 5, 7).accept()),
            rule("ip t input jump user", NftRule.in(T, "input").jump("user")),
            rule("ip t input goto user", NftRule.in(T, "input").goTo("user")),
            rule("ip t user return", NftRule.in(T, "user").ret()),
            rule("ip t input reject", NftRule.in(T, "input").reject()),
            rule("ip t input reject with icmp type host-unreachable",
                    NftRule.in(T, "input").rejectIcmp(NftExpr.Reject.ICMP_HOST_UNREACH)),
            rule("ip t input reject with icmp type admin-prohibited",
                    NftRule.in(T, "input").rejectIcmp(NftExpr.Reject.ICMP_ADMIN_PROHIBITED)),
            rule("ip t input tcp dport 80 reject with tcp reset", NftRule.in(T, "input").dport(TCP, 80).rejectTcpReset()),
            rule("ip t input reject with tcp reset", NftRule.in(T, "input").rejectTcpReset()),
            rule("ip t post oifname \"eth0\" masquerade", NftRule.in(T, "post").oifname("eth0").masquerade()),
            rule("ip t post ip saddr 10.0.0.0/24 snat to 192.0.2.1",
                    NftRule.in(T, "post").saddr(p("10.0.0.0/24")).snat(a("192.0.2.1"))),
            rule("ip t post udp dport 53 snat to 192.0.2.1:5353",
                    NftRule.in(T, "post").dport(UDP, 53).snat(a("192.0.2.1"), 5353)),
            rule("ip t pre tcp dport 80 dnat to 10.0.0.2", NftRule.in(T, "pre").dport(TCP, 80).dnat(a("10.0.0.2"))),
            rule("ip t pre tcp dport 80 dnat to 10.0.0.2:8080",
                    NftRule.in(T, "pre").dport(TCP, 80).dnat(a("10.0.0.2"), 8080)),
            rule("ip t pre tcp dport 80 redirect to :8080", NftRule.in(T, "pre").dport(TCP, 80).redirect(8080)),
            rule("ip t pre udp dport 53 redirect", NftRule.in(T, "pre").dport(UDP, 53).redirect()),
            rule("ip t input iifname \"eth0\" ip saddr 10.0.0.0/24 tcp dport 22 ct state established,related counter accept",
                    NftRule.in(T, "input").iifname("eth0").saddr(p("10.0.0.0/24")).dport(TCP, 22)
                            .ctState(CtState.ESTABLISHED, CtState.RELATED).counter().accept()),
            rule("ip6 t6 input ip6 saddr 2001:db8::/64 accept", NftRule.in(T6, "input").saddr(p("2001:db8::/64")).accept()),
            rule("ip6 t6 input ip6 daddr 2001:db8::1 drop", NftRule.in(T6, "input").daddr(p("2001:db8::1/128")).drop()),
            rule("ip6 t6 input ip6 saddr 2001:db8:0:c000::/50 accept",
                    NftRule.in(T6, "input").saddr(p("2001:db8:0:c000::/50")).accept()),
            rule("ip6 t6 input icmpv6 type echo-request accept", NftRule.in(T6, "input").icmpv6Type(128).accept()),
            rule("ip6 t6 input reject", NftRule.in(T6, "input").reject()),
            rule("ip6 t6 input reject with icmpv6 type admin-prohibited",
                    NftRule.in(T6, "input").rejectIcmp(NftExpr.Reject.ICMPV6_ADMIN_PROHIBITED)),
            rule("ip6 t6 input tcp dport 443 drop", NftRule.in(T6, "input").dport(TCP, 443).drop()),
            rule("inet fw input meta nfproto ipv6 accept", NftRule.in(FW, "input").nfproto(NftFamily.IP6).accept()),
            rule("inet fw input meta l4proto udp drop", NftRule.in(FW, "input").l4proto(UDP).drop()),
            rule("inet fw input ip saddr 10.0.0.0/24 accept", NftRule.in(FW, "input").saddr(p("10.0.0.0/24")).accept()),
            rule("inet fw input ip6 saddr 2001:db8::/48 accept", NftRule.in(FW, "input").saddr(p("2001:db8::/48")).accept()),
            rule("inet fw input tcp dport 22 accept", NftRule.in(FW, "input").dport(TCP, 22).accept()),
            rule("inet fw input icmp type echo-request accept", NftRule.in(FW, "input").icmpType(8).accept()),
            rule("inet fw input icmpv6 type echo-request accept", NftRule.in(FW, "input").icmpv6Type(128).accept()),
            rule("inet fw input reject", NftRule.in(FW, "input").reject()),
            rule("inet fw input reject with icmpx type admin-prohibited",
                    NftRule.in(FW, "input").rejectIcmpx(NftExpr.Reject.ICMPX_ADMIN_PROHIBITED)),
            rule("inet fw input tcp dport 80 reject with tcp reset",
                    NftRule.in(FW, "input").dport(TCP, 80).rejectTcpReset()),
            rule("inet fw post oifname \"eth0\" snat ip to 192.0.2.1",
                    NftRule.in(FW, "post").oifname("eth0").snat(a("192.0.2.1"))),
            rule("inet fw post snat ip6 to 2001:db8::1", NftRule.in(FW, "post").snat(a("2001:db8::1"))),
            rule("inet fw pre tcp dport 80 dnat ip to 10.0.0.2:8080",
                    NftRule.in(FW, "pre").dport(TCP, 80).dnat(a("10.0.0.2"), 8080)),
            rule("inet fw post masquerade", NftRule.in(FW, "post").masquerade()));

    private NftFixture() {
    }

    /** The whole ruleset as an {@code nft -f} file. */
    static String nftScript() {
        List<String> lines = new ArrayList<>();
        TABLES.forEach(t -> lines.add("add table " + t));
        CHAINS.forEach(c -> lines.add(c.nft()));
        RULES.forEach(r -> lines.add(r.nft()));
        return lines.stream().collect(Collectors.joining("\n", "", "\n"));
    }

    /** The rules of one chain, in order. */
    static List<NftRule> rulesOf(NftChain chain) {
        return RULES.stream().map(Said::value)
                .filter(r -> r.table().equals(chain.table()) && r.chain().equals(chain.name())).toList();
    }

    static List<NftChain> chainsOf(NftTable table) {
        return CHAINS.stream().map(Said::value).filter(c -> c.table().equals(table)).toList();
    }

    private static Said<NftChain> base(NftTable t, String name, NftChainType type, NftHook hook, int priority,
            NftPolicy policy) {
        return new Said<>("add chain " + t + " " + name + " { type " + type.keyword() + " hook " + hook.keyword()
                + " priority " + priority + "; policy " + policy.keyword() + "; }",
                NftChain.base(t, name, type, hook, priority, policy));
    }

    private static Said<NftRule> rule(String nft, NftRuleBuilder rule) {
        return new Said<>("add rule " + nft, rule.build());
    }

    private static IpPrefix p(String text) {
        return IpPrefix.parse(text);
    }

    private static java.net.InetAddress a(String text) {
        return IpPrefix.parseAddress(text);
    }
}
