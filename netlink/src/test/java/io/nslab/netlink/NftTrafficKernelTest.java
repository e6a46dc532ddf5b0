package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftChainType;
import io.nslab.netlink.nft.NftExpr;
import io.nslab.netlink.nft.NftFamily;
import io.nslab.netlink.nft.NftHook;
import io.nslab.netlink.nft.NftInstalledRule;
import io.nslab.netlink.nft.NftPolicy;
import io.nslab.netlink.nft.NftRule;
import io.nslab.netlink.nft.NftTable;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Rules installed through NfTables act on real packets between two namespaces of a private test world joined by a
 * veth pair (10.9.0.1 in a, 10.9.0.2 in b): a drop rule stops echo requests and counts them, and once deleted
 * replies come back; a DNAT rule makes b answer for an address it does not have.
 */
class NftTrafficKernelTest {
    /** Echo request id 0x4242 seq 1, no data, with its checksum: 28 bytes as an IPv4 packet. */
    private static final byte[] ECHO = {8, 0, (byte) 0xb5, (byte) 0xbc, 0x42, 0x42, 0, 1};
    private static final NftTable GUARD = NftTable.of(NftFamily.IP, "guard");

    @Test
    void aDropRuleStopsEchoRequestsAndCountsThemUntilItIsDeleted() throws Exception {
        try (TestWorld world = new TestWorld()) {
            Netlink a = world.namespace("a");
            Netlink b = world.namespace("b");
            link(a, b);
            try (NfTables nft = NfTables.open(TestWorld.ns(b)); IcmpSocket icmp = IcmpSocket.open(TestWorld.ns(a))) {
                assertThat(echo(icmp, "10.9.0.2")).as("reply before any rule").isPresent();

                nft.transaction()
                        .addTable(GUARD)
                        .addChain(NftChain.base(GUARD, "input", NftChainType.FILTER, NftHook.INPUT, 0,
                                NftPolicy.ACCEPT))
                        .addRule(NftRule.in(GUARD, "input").icmpType(8).counter().drop().build())
                        .commit();
                assertThat(echo(icmp, "10.9.0.2")).as("reply with the drop rule").isEmpty();
                assertThat(echo(icmp, "10.9.0.2")).as("reply with the drop rule").isEmpty();

                NftInstalledRule rule = nft.rules(GUARD, "input").getFirst();
                assertThat(rule.rule().expressions()).contains(new NftExpr.Counter(2, 2 * 28));
                assertThat(rule.rule().withCountersCleared())
                        .isEqualTo(NftRule.in(GUARD, "input").icmpType(8).counter().drop().build());

                nft.transaction().deleteRule(GUARD, "input", rule.handle()).commit();
                assertThat(nft.rules(GUARD, "input")).isEmpty();
                assertThat(echo(icmp, "10.9.0.2")).as("reply once the rule is deleted").isPresent();

                nft.transaction().deleteTable(GUARD).commit();
                assertThat(nft.tables()).isEmpty();
            }
        }
    }

    @Test
    void dnatAnswersForAnAddressNobodyHas() throws Exception {
        try (TestWorld world = new TestWorld()) {
            Netlink a = world.namespace("a");
            Netlink b = world.namespace("b");
            link(a, b);
            // a sends 10.9.0.99 to b's MAC; b has no such address, only its DNAT rule
            String bMac = b.links().get("e0").mac().orElseThrow().toString();
            a.neighbours().add(NeighbourInfo.permanent(a.links().indexOf("e0"), "10.9.0.99", bMac));
            NftTable nat = NftTable.of(NftFamily.IP, "nat");
            try (NfTables nft = NfTables.open(TestWorld.ns(b)); IcmpSocket icmp = IcmpSocket.open(TestWorld.ns(a))) {
                assertThat(echo(icmp, "10.9.0.99")).as("no reply without NAT").isEmpty();
                nft.transaction()
                        .addTable(nat)
                        .addChain(NftChain.base(nat, "pre", NftChainType.NAT, NftHook.PREROUTING, -100,
                                NftPolicy.ACCEPT))
                        .addRule(NftRule.in(nat, "pre").daddr(IpPrefix.parse("10.9.0.99/32")).counter()
                                .dnat(InetAddress.getByName("10.9.0.2")).build())
                        .commit();
                byte[] reply = echo(icmp, "10.9.0.99").orElseThrow();
                assertThat(Arrays.copyOfRange(reply, 12, 16)).as("the reply's source, NAT undone")
                        .containsExactly(10, 9, 0, 99);
                assertThat(nft.rules(nat, "pre").getFirst().rule().expressions())
                        .contains(new NftExpr.Counter(1, 28));
            }
        }
    }

    private static void link(Netlink a, Netlink b) {
        a.links().addVeth("e0", "e0", TestWorld.ns(b));
        a.addresses().add("e0", "10.9.0.1/24");
        b.addresses().add("e0", "10.9.0.2/24");
        a.links().setUp("e0");
        b.links().setUp("e0");
    }

    /** One echo request; its reply (IP header first) if one comes within a second. */
    private static Optional<byte[]> echo(IcmpSocket icmp, String to) throws Exception {
        icmp.send(InetAddress.getByName(to), ECHO, 64, null, 0);
        Optional<byte[]> reply = icmp.receive(1000);
        while (reply.isPresent() && reply.get()[20] != 0) {
            reply = icmp.receive(1000); // not an echo reply
        }
        return reply;
    }
}
