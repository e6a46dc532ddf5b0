package io.nslab.script;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's iptables, ip6tables and nft, called without a shell; every expected text is what iptables 1.8.9
 * (nf_tables) and nft 1.0.6 printed on this project's test machine (corpus 61-76 checks them live).
 */
class FirewallToolsTest {

    /** A router r between a (10.1.0.0/24) and b (10.2.0.0/24), forwarding on. */
    private static ToolCalls router() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        calls.run("ip netns add a", "ip netns add b", "ip netns add r", "ip link add ra netns r type veth peer name eth0 netns a",
                "ip link add rb netns r type veth peer name eth0 netns b", "ip -n r addr add 10.1.0.1/24 dev ra",
                "ip -n r addr add 10.2.0.1/24 dev rb", "ip -n a addr add 10.1.0.2/24 dev eth0", "ip -n b addr add 10.2.0.2/24 dev eth0",
                "ip -n r link set ra up", "ip -n r link set rb up", "ip -n a link set eth0 up", "ip -n b link set eth0 up",
                "ip -n a route add default via 10.1.0.1", "ip -n b route add default via 10.2.0.1");
        calls.call("r", List.of("sysctl", "-qw", "net.ipv4.ip_forward=1"));
        return calls;
    }

    private static String in(ToolCalls calls, String netns, String line) {
        return calls.call(netns, List.of(line.split(" ")));
    }

    @Test
    void aRuleKeepsItsCounterWhenAnotherIsInsertedBeforeIt() {
        ToolCalls calls = router();
        in(calls, "r", "iptables -A FORWARD -s 10.1.0.0/24 -j ACCEPT");
        in(calls, "a", "ping -c 2 -i 0.2 10.2.0.2");
        in(calls, "r", "iptables -I FORWARD -s 10.9.0.0/24 -j DROP");
        assertThat(in(calls, "r", "iptables -L FORWARD -n -v --line-numbers")).isEqualTo(
                "Chain FORWARD (policy ACCEPT 2 packets, 168 bytes)\n"
                        + "num   pkts bytes target     prot opt in     out     source               destination         \n"
                        + "1        0     0 DROP       0    --  *      *       10.9.0.0/24          0.0.0.0/0           \n"
                        + "2        2   168 ACCEPT     0    --  *      *       10.1.0.0/24          0.0.0.0/0           \n[exit 0]\n");
    }

    @Test
    void thePolicyCountsWhatNoRuleDecided() {
        ToolCalls calls = router();
        in(calls, "r", "iptables -P FORWARD DROP");
        in(calls, "a", "ping -c 1 -W 1 10.2.0.2");
        assertThat(in(calls, "r", "iptables -nvL FORWARD")).startsWith("Chain FORWARD (policy DROP 1 packets, 84 bytes)\n");
        assertThat(in(calls, "r", "nft list ruleset")).isEqualTo("table ip filter {\n\tchain FORWARD {\n"
                + "\t\ttype filter hook forward priority filter; policy drop;\n\t}\n}\n[exit 0]\n");
    }

    @Test
    void xtablesMatchesKeepTheProtocolTestAndMarkTheTable() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        calls.run("iptables -A INPUT -p tcp -m conntrack --ctstate NEW --dport 22 -j ACCEPT", "iptables -A INPUT -p tcp --dport 80 -j ACCEPT",
                "iptables -A INPUT -s 10.0.0.1 -d 10.0.0.0/8 -p udp -j DROP");
        assertThat(calls.run("nft list ruleset")).isEqualTo("# Warning: table ip filter is managed by iptables-nft, do not touch!\n"
                + "table ip filter {\n\tchain INPUT {\n\t\ttype filter hook input priority filter; policy accept;\n"
                + "\t\tmeta l4proto tcp ct state new tcp dport 22 counter packets 0 bytes 0 accept\n"
                + "\t\ttcp dport 80 counter packets 0 bytes 0 accept\n"
                + "\t\tmeta l4proto udp ip saddr 10.0.0.1 ip daddr 10.0.0.0/8 counter packets 0 bytes 0 drop\n\t}\n}\n[exit 0]\n");
        assertThat(calls.run("iptables -S INPUT")).isEqualTo("-P INPUT ACCEPT\n"
                + "-A INPUT -p tcp -m conntrack --ctstate NEW -m tcp --dport 22 -j ACCEPT\n"
                + "-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n"
                + "-A INPUT -s 10.0.0.1/32 -d 10.0.0.0/8 -p udp -j DROP\n[exit 0]\n");
    }

    @Test
    void listingNamesAddressesAndServicesUnlessNumeric() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        calls.run("iptables -A INPUT ! -s 1.2.3.4 -j DROP", "iptables -A INPUT -p tcp --sport 22 -m state --state NEW -j DROP");
        assertThat(calls.run("iptables -L INPUT")).isEqualTo("Chain INPUT (policy ACCEPT)\n"
                + "target     prot opt source               destination         \n"
                + "DROP       all  -- !1.2.3.4              anywhere            \n"
                + "DROP       tcp  --  anywhere             anywhere             tcp spt:ssh state NEW\n[exit 0]\n");
        assertThat(calls.run("iptables -L INPUT -n")).contains("DROP       6    --  0.0.0.0/0            0.0.0.0/0            tcp spt:22 state NEW\n");
    }

    @Test
    void mistakesGetIptablesWordsAndStatuses() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        assertThat(calls.run("iptables -A NOPE -j ACCEPT", "iptables -A INPUT -j NOPE", "iptables -t foo -L", "iptables -P INPUT FOO",
                "iptables -A INPUT -j MASQUERADE")).isEqualTo("iptables: No chain/target/match by that name.\n[exit 1]\n"
                + "iptables v1.8.9 (nf_tables): Chain 'NOPE' does not exist\nTry `iptables -h' or 'iptables --help' for more information.\n[exit 2]\n"
                + "iptables v1.8.9 (nf_tables): table 'foo' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n[exit 3]\n"
                + "iptables: Bad policy name. Run `dmesg' for more information.\n[exit 1]\n"
                + "iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT\n[exit 4]\n");
        assertThat(calls.run("nft list ruleset")).isEqualTo("[exit 0]\n");
    }

    @Test
    void nftPointsAtTheWordItRefuses() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        calls.run("nft add table inet t");
        assertThat(calls.run("nft add rule inet t nope accept", "nft list table inet nope")).isEqualTo(
                "Error: Could not process rule: No such file or directory\nadd rule inet t nope accept\n                ^^^^\n[exit 1]\n"
                        + "Error: No such file or directory\nlist table inet nope\n                ^^^^\n[exit 1]\n");
    }

    @Test
    void eachNamespaceHasItsOwnRuleset() {
        ToolCalls calls = router();
        in(calls, "r", "iptables -A INPUT -j ACCEPT");
        assertThat(calls.run("iptables -S")).isEqualTo("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n[exit 0]\n");
        assertThat(in(calls, "r", "iptables -S INPUT")).isEqualTo("-P INPUT ACCEPT\n-A INPUT -j ACCEPT\n[exit 0]\n");
    }
}
