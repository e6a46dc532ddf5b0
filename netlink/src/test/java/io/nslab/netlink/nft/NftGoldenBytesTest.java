package io.nslab.netlink.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.nslab.netlink.IpPrefix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each nf_tables request, built with {@link NftRule#in} and encoded by {@link NftCodec} into a batch, is byte for
 * byte the batch that {@code nft} 1.0.6 sends for the same command (captured by
 * src/test/resources/golden/nft-capture.sh into nftables-1.0.6.txt): batch begin and end, flags, nfgenmsg, every
 * attribute and its order. Only the first sequence number is taken from the capture. No privilege needed.
 */
class NftGoldenBytesTest {
    private static final Map<String, byte[]> GOLDEN = new LinkedHashMap<>();

    private static final NftTable T = NftTable.of(NftFamily.IP, "t");
    private static final NftTable T6 = NftTable.of(NftFamily.IP6, "t6");
    private static final NftTable FW = NftTable.of(NftFamily.INET, "fw");
    private static final NftTable BR = NftTable.of(NftFamily.BRIDGE, "br");
    private static final int TCP = NftRuleBuilder.TCP;
    private static final int UDP = NftRuleBuilder.UDP;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = NftGoldenBytesTest.class.getResourceAsStream("/golden/nftables-1.0.6.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split(" ");
                    GOLDEN.put(parts[0], HexFormat.of().parseHex(parts[1]));
                }
            }
        }
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                golden("table_add", NftCodec.addTable(T)),
                golden("table_add6", NftCodec.addTable(T6)),
                golden("table_add_inet", NftCodec.addTable(FW)),
                golden("chain_filter_input", NftCodec.addChain(
                        NftChain.base(T, "input", NftChainType.FILTER, NftHook.INPUT, 0, NftPolicy.DROP))),
                golden("chain_filter_forward", NftCodec.addChain(
                        NftChain.base(T, "fwdc", NftChainType.FILTER, NftHook.FORWARD, 0, NftPolicy.ACCEPT))),
                golden("chain_filter_output", NftCodec.addChain(
                        NftChain.base(T, "out", NftChainType.FILTER, NftHook.OUTPUT, 10, NftPolicy.ACCEPT))),
                golden("chain_nat_post", NftCodec.addChain(NftChain.base(T, "post", NftChainType.NAT,
                        NftHook.POSTROUTING, NftBaseChain.PRIORITY_SRCNAT, NftPolicy.ACCEPT))),
                golden("chain_nat_pre", NftCodec.addChain(NftChain.base(T, "pre", NftChainType.NAT,
                        NftHook.PREROUTING, NftBaseChain.PRIORITY_DSTNAT, NftPolicy.ACCEPT))),
                golden("chain_regular", NftCodec.addChain(NftChain.regular(T, "user"))),
                golden("chain6_input", NftCodec.addChain(
                        NftChain.base(T6, "input", NftChainType.FILTER, NftHook.INPUT, 0, NftPolicy.ACCEPT))),
                golden("chain_inet_input", NftCodec.addChain(
                        NftChain.base(FW, "input", NftChainType.FILTER, NftHook.INPUT, -5, NftPolicy.DROP))),
                golden("chain_inet_pre", NftCodec.addChain(
                        NftChain.base(FW, "pre", NftChainType.NAT, NftHook.PREROUTING, -100, NftPolicy.ACCEPT))),
                golden("chain_inet_post", NftCodec.addChain(
                        NftChain.base(FW, "post", NftChainType.NAT, NftHook.POSTROUTING, 100, NftPolicy.ACCEPT))),

                add("rule_iifname", NftRule.in(T, "input").iifname("eth0").accept()),
                add("rule_oifname", NftRule.in(T, "fwdc").oifname("veth-long-name1").drop()),
                add("rule_saddr24", NftRule.in(T, "input").saddr(p("10.0.0.0/24")).drop()),
                add("rule_daddr32", NftRule.in(T, "input").daddr(p("10.1.2.3/32")).accept()),
                add("rule_saddr22", NftRule.in(T, "input").saddr(p("10.0.0.0/22")).drop()),
                add("rule_saddr_neq", NftRule.in(T, "input").saddrNot(p("10.0.0.0/8")).drop()),
                add("rule_tcp_dport", NftRule.in(T, "input").dport(TCP, 22).accept()),
                add("rule_udp_sport", NftRule.in(T, "input").sport(UDP, 53).accept()),
                add("rule_icmp_type", NftRule.in(T, "input").icmpType(8).drop()),
                add("rule_ct_estrel", NftRule.in(T, "input").ctState(CtState.ESTABLISHED, CtState.RELATED).accept()),
                add("rule_ct_new", NftRule.in(T, "input").ctState(CtState.NEW).counter().accept()),
                add("rule_counter_drop", NftRule.in(T, "input").counter().drop()),
                add("rule_jump", NftRule.in(T, "input").jump("user")),
                add("rule_goto", NftRule.in(T, "input").goTo("user")),
                add("rule_return", NftRule.in(T, "user").ret()),
                add("rule_reject", NftRule.in(T, "input").reject()),
                add("rule_reject_icmp", NftRule.in(T, "input").rejectIcmp(NftExpr.Reject.ICMP_HOST_UNREACH)),
                add("rule_reject_tcp", NftRule.in(T, "input").dport(TCP, 80).rejectTcpReset()),
                add("rule_masq", NftRule.in(T, "post").oifname("eth0").masquerade()),
                add("rule_snat", NftRule.in(T, "post").saddr(p("10.0.0.0/24")).snat(a("192.0.2.1"))),
                add("rule_snat_port", NftRule.in(T, "post").dport(UDP, 53).snat(a("192.0.2.1"), 5353)),
                add("rule_dnat", NftRule.in(T, "pre").dport(TCP, 80).dnat(a("10.0.0.2"))),
                add("rule_dnat_port", NftRule.in(T, "pre").dport(TCP, 80).dnat(a("10.0.0.2"), 8080)),
                add("rule_redir", NftRule.in(T, "pre").dport(TCP, 80).redirect(8080)),
                add("rule_redir_plain", NftRule.in(T, "pre").dport(UDP, 53).redirect()),
                add("rule_all", NftRule.in(T, "input").iifname("eth0").saddr(p("10.0.0.0/24")).dport(TCP, 22)
                        .ctState(CtState.ESTABLISHED, CtState.RELATED).counter().accept()),
                add("rule_iifname_neq", NftRule.in(T, "input").iifnameNot("lo").drop()),
                add("rule_saddr_any", NftRule.in(T, "input").saddr(p("0.0.0.0/0")).accept()),
                add("rule_dport_range", NftRule.in(T, "input").dportRange(TCP, 1000, 2000).accept()),
                add("rule_sport_range", NftRule.in(T, "input").sportRange(UDP, 53, 54).drop()),
                add("rule_reject_tcp_only", NftRule.in(T, "input").rejectTcpReset()),
                golden("rule_insert", NftCodec.insertRule(NftRule.in(T, "input").saddr(p("192.0.2.0/24")).drop()
                        .build())),
                golden("rule_position", NftCodec.addRuleAfter(
                        NftRule.in(T, "input").dport(UDP, 67).accept().build(), 7)),
                golden("rule_insert_position", NftCodec.insertRuleBefore(
                        NftRule.in(T, "input").dport(UDP, 68).accept().build(), 7)),
                add("rule6_saddr", NftRule.in(T6, "input").saddr(p("2001:db8::/64")).accept()),
                add("rule6_daddr", NftRule.in(T6, "input").daddr(p("2001:db8::1/128")).drop()),
                add("rule6_icmpv6", NftRule.in(T6, "input").icmpv6Type(128).accept()),
                add("rule6_reject", NftRule.in(T6, "input").reject()),
                add("rule6_tcp_dport", NftRule.in(T6, "input").dport(TCP, 443).drop()),
                add("rule6_saddr50", NftRule.in(T6, "input").saddr(p("2001:db8:0:c000::/50")).accept()),
                add("rule6_udp_dport", NftRule.in(T6, "input").dport(UDP, 53).accept()),
                add("rule6_reject_icmp", NftRule.in(T6, "input").rejectIcmp(NftExpr.Reject.ICMPV6_ADMIN_PROHIBITED)),
                add("rule_inet_nfproto", NftRule.in(FW, "input").nfproto(NftFamily.IP6).accept()),
                add("rule_inet_l4proto", NftRule.in(FW, "input").l4proto(UDP).drop()),
                add("rule_inet_saddr", NftRule.in(FW, "input").saddr(p("10.0.0.0/24")).accept()),
                add("rule_inet_saddr6", NftRule.in(FW, "input").saddr(p("2001:db8::/48")).accept()),
                add("rule_inet_tcp", NftRule.in(FW, "input").dport(TCP, 22).accept()),
                add("rule_inet_icmp", NftRule.in(FW, "input").icmpType(8).accept()),
                add("rule_inet_reject", NftRule.in(FW, "input").reject()),
                add("rule_inet_snat", NftRule.in(FW, "post").oifname("eth0").snat(a("192.0.2.1"))),
                add("rule_inet_icmpv6", NftRule.in(FW, "input").icmpv6Type(128).accept()),
                add("rule_inet_dnat", NftRule.in(FW, "pre").dport(TCP, 80).dnat(a("10.0.0.2"), 8080)),
                add("rule_inet_snat6", NftRule.in(FW, "post").snat(a("2001:db8::1"))),
                add("rule_inet_reject_tcp", NftRule.in(FW, "input").dport(TCP, 80).rejectTcpReset()),
                add("rule_inet_masq", NftRule.in(FW, "post").masquerade()),
                add("rule_numgen", NftRule.in(T, "input").randomBelow(100, 30).drop()),
                add("rule_numgen_offset", NftRule.in(T, "input")
                        .numgenBelow(NftExpr.Numgen.Type.INCREMENTAL, 10, 5, 7).accept()),
                add("rule_inet_iif_numgen", NftRule.in(FW, "input").iifname("v1").randomBelow(100, 30).drop()),
                golden("table_add_bridge", NftCodec.addTable(BR)),
                golden("chain_bridge_pre", NftCodec.addChain(
                        NftChain.base(BR, "pre", NftChainType.FILTER, NftHook.PREROUTING, -300, NftPolicy.ACCEPT))),
                add("rule_bridge_iif_numgen", NftRule.in(BR, "pre").iifname("v1").randomBelow(100, 30).drop()),
                golden("chain_inet_pre_raw", NftCodec.addChain(
                        NftChain.base(FW, "loss", NftChainType.FILTER, NftHook.PREROUTING, -300, NftPolicy.ACCEPT))),
                golden("rule_delete", NftCodec.deleteRule(T, "input", 7)),
                golden("rule_replace", NftCodec.replaceRule(NftRule.in(T, "input").dport(TCP, 2222).accept().build(),
                        10)),
                golden("chain_flush", NftCodec.flushChain(T, "fwdc")),
                golden("chain_delete", NftCodec.deleteChain(T, "spare")),
                golden("table_delete", NftCodec.deleteTable(T)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void sameBatchAsNft(String name, NftMessage message) {
        byte[] expected = GOLDEN.get(name);
        assertThat(expected).as("golden entry " + name).isNotNull();
        int firstSeq = ByteBuffer.wrap(expected).order(ByteOrder.nativeOrder()).getInt(8);
        assertThat(HexFormat.of().formatHex(NftCodec.batch(List.of(message), firstSeq, 0)))
                .as(name + ": " + message.command())
                .isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void everyGoldenEntryIsTested() {
        List<String> tested = requests().map(a -> (String) a.get()[0]).toList();
        assertThat(tested).containsExactlyInAnyOrderElementsOf(GOLDEN.keySet());
    }

    @Test
    void theCapturedPositionIsTheOneTheTestUses() {
        // rule_position, rule_insert_position and rule_delete name the handle nft printed; the test encodes 7
        ByteBuffer golden = ByteBuffer.wrap(GOLDEN.get("rule_delete"));
        assertThat(golden.order(ByteOrder.BIG_ENDIAN).getLong(golden.capacity() - 20 - 8)).isEqualTo(7);
    }

    private static Arguments golden(String name, NftMessage message) {
        return Arguments.of(name, message);
    }

    private static Arguments add(String name, NftRuleBuilder rule) {
        return Arguments.of(name, NftCodec.addRule(rule.build()));
    }

    private static IpPrefix p(String text) {
        return IpPrefix.parse(text);
    }

    private static java.net.InetAddress a(String text) {
        return IpPrefix.parseAddress(text);
    }

    static Optional<byte[]> entry(String name) {
        return Optional.ofNullable(GOLDEN.get(name));
    }
}
