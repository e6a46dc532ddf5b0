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
    /** Echo requests carry this id, no data: 28 bytes as an IPv4 packet. */
    private static final int ID = 0x4242;
    private int seq;
    private static final NftTable GUARD = NftTable.of(NftFamily.IP, "guard");

    @Test
    void aDropRuleStopsEchoRequestsAndCountsThemUntilItIsDeleted() throws Exception {
        try (TestWorld world = new TestWorld()) {
            Netlink a = world.namespace("a");
            Netlink b = world.namespace("b");
            link(a, b);
            try (NfTables nft = NfTables.open(TestWorld.ns(b)); IcmpSocket icmp = IcmpSocket.open(TestWorld.ns(a))) {
                assertThat(echoUntilReply(icmp, "10.9.0.2")).as("reply before any rule").isPresent();

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
                assertThat(echoUntilReply(icmp, "10.9.0.2")).as("reply once the rule is deleted").isPresent();

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
                byte[] reply = echoUntilReply(icmp, "10.9.0.99").orElseThrow();
                assertThat(Arrays.copyOfRange(reply, 12, 16)).as("the reply's source, NAT undone")
                        .containsExactly(10, 9, 0, 99);
                // the first packet of the flow goes through the chain; its NAT binding takes the rest
                assertThat(nft.rules(nat, "pre").getFirst().rule().expressions()).anyMatch(x ->
                        x instanceof NftExpr.Counter c && c.packets() >= 1 && c.bytes() == 28 * c.packets());
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
    private Optional<byte[]> echo(IcmpSocket icmp, String to) throws Exception {
        int mine = ++seq;
        icmp.send(InetAddress.getByName(to), echoRequest(mine), 64, null, 0);
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (true) {
            int left = (int) ((deadline - System.nanoTime()) / 1_000_000);
            Optional<byte[]> reply = left <= 0 ? Optional.empty() : icmp.receive(left);
            if (reply.isEmpty()) {
                return reply;
            }
            byte[] r = reply.get();
            if (r[20] == 0 && ((r[24] & 0xff) << 8 | (r[25] & 0xff)) == ID && ((r[26] & 0xff) << 8 | (r[27] & 0xff)) == mine) {
                return reply;
            }
        }
    }

    /** Echo requests until one is answered, at most five: the first may wait for the link and for ARP. */
    private Optional<byte[]> echoUntilReply(IcmpSocket icmp, String to) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<byte[]> reply = echo(icmp, to);
            if (reply.isPresent()) {
                return reply;
            }
        }
        return Optional.empty();
    }

    private static byte[] echoRequest(int seq) {
        byte[] m = {8, 0, 0, 0, (byte) (ID >>> 8), (byte) ID, (byte) (seq >>> 8), (byte) seq};
        int sum = 0;
        for (int i = 0; i < m.length; i += 2) {
            sum += (m[i] & 0xff) << 8 | (m[i + 1] & 0xff);
        }
        sum = (sum >>> 16) + (sum & 0xffff);
        sum += sum >>> 16;
        int checksum = ~sum & 0xffff;
        m[2] = (byte) (checksum >>> 8);
        m[3] = (byte) checksum;
        return m;
    }
}
