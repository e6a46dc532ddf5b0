package io.nslab.kernel;

import io.nslab.firewall.Chain;
import io.nslab.firewall.ChainType;
import io.nslab.firewall.Hook;
import io.nslab.firewall.Policy;
import io.nslab.firewall.Rule;
import io.nslab.firewall.RuleParser;
import io.nslab.firewall.Ruleset;
import io.nslab.firewall.Table;
import io.nslab.firewall.TableFamily;
import io.nslab.model.NamespaceRef;
import io.nslab.netlink.NfTables;
import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftInstalledRule;
import io.nslab.netlink.nft.NftRuleset;
import io.nslab.op.Op;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The firewall model installed through {@link FirewallRequests} holds, in the kernel, exactly the expressions that
 * {@code nft -f} of the same ruleset's text loads (nft 1.0's choices: dependencies, register use, reject dialects,
 * NAT flags), reads back into the same model ({@link FirewallReader}), lists as nft lists it, and is replaced and
 * removed table by table.
 */
class FirewallKernelTest {

    static Ruleset every() {
        return new Ruleset(List.of(
                new Table(TableFamily.IP, "t", List.of(
                        Chain.base("forward", ChainType.FILTER, Hook.FORWARD, Policy.DROP, rules(TableFamily.IP,
                                "ip protocol tcp accept",
                                "iifname \"eth0\" oifname != \"eth1\" counter drop",
                                "ip saddr != 10.0.0.0/24 tcp dport 22 reject with tcp reset",
                                "icmp type echo-request reject with icmp host-prohibited",
                                "meta l4proto udp udp dport 1000-2000 accept",
                                "ct state established,related accept",
                                "ct state new,invalid counter drop",
                                "ip daddr 10.1.2.3 ip saddr 10.0.0.0/22 drop",
                                "udp sport 53 accept",
                                "iif \"lo\" accept",
                                "jump user",
                                "reject with icmp admin-prohibited",
                                "reject")),
                        Chain.regular("user", rules(TableFamily.IP, "counter return", "goto user2")),
                        Chain.regular("user2", rules(TableFamily.IP, "oif \"lo\" drop")),
                        Chain.base("pre", ChainType.NAT, Hook.PREROUTING, Policy.ACCEPT, rules(TableFamily.IP,
                                "iifname \"wan\" tcp dport 8080 dnat to 10.0.0.5:80",
                                "ip daddr 1.2.3.4 dnat to 10.0.0.5",
                                "tcp dport 80 redirect to :8080",
                                "udp dport 53 redirect")),
                        Chain.base("post", ChainType.NAT, Hook.POSTROUTING, Policy.ACCEPT, rules(TableFamily.IP,
                                "oifname \"wan\" masquerade",
                                "snat to 1.2.3.4",
                                "ip saddr 10.0.0.0/8 snat to 1.2.3.4-1.2.3.6",
                                "udp dport 53 snat to 192.0.2.1:5353")))),
                new Table(TableFamily.INET, "f", List.of(
                        Chain.base("input", ChainType.FILTER, Hook.INPUT, Policy.ACCEPT, rules(TableFamily.INET,
                                "ip protocol icmp reject with icmpx admin-prohibited",
                                "ip6 nexthdr tcp drop",
                                "ip saddr 10.0.0.0/8 reject",
                                "ip6 saddr fd00::/64 drop",
                                "tcp dport 22 accept",
                                "icmp type echo-request accept",
                                "icmpv6 type echo-request accept",
                                "reject with tcp reset",
                                "reject with icmpx host-unreachable",
                                "reject")),
                        Chain.base("post", ChainType.NAT, Hook.POSTROUTING, Policy.ACCEPT, rules(TableFamily.INET,
                                "ip saddr 10.0.0.0/8 snat ip to 1.2.3.4",
                                "oifname \"x\" masquerade")))),
                new Table(TableFamily.IP6, "t6", List.of(
                        Chain.base("input", ChainType.FILTER, Hook.INPUT, Policy.DROP, rules(TableFamily.IP6,
                                "ip6 saddr fd00::/64 accept",
                                "ip6 daddr != fd00:1::/48 counter drop",
                                "icmpv6 type echo-request reject with icmpv6 admin-prohibited",
                                "reject"))))));
    }

    static List<Rule> rules(TableFamily family, String... texts) {
        List<Rule> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(RuleParser.parse(t, family));
            } catch (io.nslab.firewall.RuleSyntaxException e) {
                throw new AssertionError(t + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Test
    void installedRulesetIsWhatNftLoadsForItsText() throws Exception {
        Ruleset rs = every();
        try (KernelTestSupport support = KernelTestSupport.create(); KernelNetwork net = new KernelNetwork(support.registry())) {
            net.apply(new Op.AddNamespace(NamespaceRef.named("ours")));
            net.apply(new Op.AddNamespace(NamespaceRef.named("nft")));
            for (Table t : rs.tables()) {
                net.apply(new Op.SetTable(NamespaceRef.named("ours"), t));
            }
            nft(support, "nft", rs.text(), "-f", "-");

            NftRuleset ours = dump(support, "ours");
            NftRuleset theirs = dump(support, "nft");
            assertThat(ours.tables()).containsExactlyElementsOf(theirs.tables());
            assertThat(ours.chains()).containsExactlyElementsOf(theirs.chains());
            for (NftChain c : theirs.chains()) {
                assertThat(rules(ours, c)).as("rules of " + c).containsExactlyElementsOf(rules(theirs, c));
            }
            FirewallReader.Read read = net.firewall(NamespaceRef.named("ours"));
            assertThat(read.unreadable()).isEmpty();
            // equal as nft lists them: a protocol test that a port match implies is not listed, so not read back
            assertThat(read.ruleset().text()).isEqualTo(rs.text());
            assertThat(FirewallReader.text(ours, net.deviceNames(NamespaceRef.named("ours"))))
                    .isEqualTo(nft(support, "ours", "", "list", "ruleset"));
        }
    }

    @Test
    void aTableIsReplacedWholeAndDeletedAlone() throws Exception {
        Ruleset rs = every();
        NamespaceRef ns = NamespaceRef.named("r");
        try (KernelTestSupport support = KernelTestSupport.create(); KernelNetwork net = new KernelNetwork(support.registry())) {
            net.apply(new Op.AddNamespace(NamespaceRef.named("r")));
            rs.tables().forEach(t -> net.apply(new Op.SetTable(ns, t)));
            Table small = new Table(TableFamily.IP, "t", List.of(Chain.base("forward", ChainType.FILTER, Hook.FORWARD, Policy.ACCEPT,
                    rules(TableFamily.IP, "ip saddr 10.9.0.0/16 drop"))));
            net.apply(new Op.SetTable(ns, small));
            // a table made again comes last, as the kernel lists (and hooks) tables in the order they were made
            assertThat(net.firewall(ns).unreadable()).isEmpty();
            assertThat(net.firewall(ns).ruleset().text())
                    .isEqualTo(new Ruleset(List.of(rs.tables().get(1), rs.tables().get(2), small)).text());
            net.apply(new Op.DeleteTable(ns, TableFamily.INET, "f"));
            net.apply(new Op.DeleteTable(ns, TableFamily.INET, "f")); // gone already: no error, as in the simulator
            assertThat(net.firewall(ns).ruleset().text()).isEqualTo(new Ruleset(List.of(rs.tables().get(2), small)).text());
        }
    }

    @Test
    void aTableTheKernelRefusesChangesNothingAndSaysWhy() throws Exception {
        NamespaceRef ns = NamespaceRef.named("x");
        try (KernelTestSupport support = KernelTestSupport.create(); KernelNetwork net = new KernelNetwork(support.registry())) {
            net.apply(new Op.AddNamespace(NamespaceRef.named("x")));
            Table good = new Table(TableFamily.IP, "t", List.of(Chain.base("in", ChainType.FILTER, Hook.INPUT, Policy.ACCEPT,
                    rules(TableFamily.IP, "tcp dport 22 accept"))));
            net.apply(new Op.SetTable(ns, good));
            // a jump to a chain that does not exist: the kernel refuses the rule, and the whole transaction with it
            Table bad = new Table(TableFamily.IP, "t", List.of(Chain.base("in", ChainType.FILTER, Hook.INPUT, Policy.DROP,
                    rules(TableFamily.IP, "jump nowhere"))));
            assertThatThrownBy(() -> net.apply(new Op.SetTable(ns, bad))).isInstanceOf(io.nslab.op.OpException.class);
            assertThat(net.firewall(ns).ruleset().tables()).containsExactly(good);
        }
    }

    private static List<io.nslab.netlink.nft.NftRule> rules(NftRuleset rs, NftChain c) {
        return rs.rulesOf(c).stream().map(NftInstalledRule::rule).map(io.nslab.netlink.nft.NftRule::withCountersCleared).toList();
    }

    static NftRuleset dump(KernelTestSupport support, String ns) {
        try (io.nslab.netlink.NetNs n = support.registry().open(ns); NfTables nft = NfTables.open(n)) {
            return nft.ruleset();
        }
    }

    /** Runs nft inside a test namespace (nsenter on its file), with {@code input} on stdin; returns stdout. */
    static String nft(KernelTestSupport support, String ns, String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + support.directory().resolve(ns), "nft"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
