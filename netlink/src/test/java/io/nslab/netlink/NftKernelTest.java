package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftChainType;
import io.nslab.netlink.nft.NftFamily;
import io.nslab.netlink.nft.NftHook;
import io.nslab.netlink.nft.NftInstalledRule;
import io.nslab.netlink.nft.NftPolicy;
import io.nslab.netlink.nft.NftRule;
import io.nslab.netlink.nft.NftRuleText;
import io.nslab.netlink.nft.NftChainText;
import io.nslab.netlink.nft.NftTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * nf_tables through NfTables in namespaces of a private test world: a ruleset of every modelled kind installed in
 * one transaction reads back equal; {@code nft} lists it exactly as it lists the same ruleset made by {@code nft};
 * rules made by {@code nft} read back as the builder's; refusals name the message; positions and handles work.
 */
class NftKernelTest {
    private TestWorld world;
    private Netlink a;
    private NfTables nft;

    @BeforeEach
    void setUp() {
        world = new TestWorld();
        a = world.namespace("a");
        nft = NfTables.open(TestWorld.ns(a));
    }

    @AfterEach
    void tearDown() {
        if (nft != null) {
            nft.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aRulesetOfEveryKindReadsBackEqual() {
        install(nft);

        assertThat(nft.tables()).containsExactlyElementsOf(NftFixture.TABLES);
        assertThat(nft.tables(NftFamily.IP6)).containsExactly(NftFixture.T6);
        for (NftTable table : NftFixture.TABLES) {
            assertThat(nft.chains(table)).as("chains of " + table).containsExactlyElementsOf(NftFixture.chainsOf(table));
            for (NftChain chain : NftFixture.chainsOf(table)) {
                assertThat(nft.rules(table, chain.name())).extracting(NftInstalledRule::rule)
                        .as("rules of " + chain).containsExactlyElementsOf(NftFixture.rulesOf(chain));
            }
        }
        io.nslab.netlink.nft.NftRuleset ruleset = nft.ruleset();
        assertThat(ruleset.tables()).containsExactlyElementsOf(NftFixture.TABLES);
        assertThat(ruleset.chains()).containsExactlyElementsOf(NftFixture.CHAINS.stream().map(c -> c.value()).toList());
        assertThat(ruleset.rules()).extracting(NftInstalledRule::rule).containsExactlyInAnyOrderElementsOf(
                NftFixture.RULES.stream().map(r -> r.value()).toList());
        for (NftChain chain : ruleset.chains()) {
            assertThat(ruleset.rulesOf(chain)).extracting(NftInstalledRule::rule)
                    .containsExactlyElementsOf(NftFixture.rulesOf(chain));
        }
        List<NftInstalledRule> all = nft.rules(NftFixture.T);
        assertThat(all).hasSize((int) NftFixture.RULES.stream().filter(r -> r.value().table().equals(NftFixture.T))
                .count());
        assertThat(all).extracting(NftInstalledRule::handle).doesNotHaveDuplicates().allMatch(h -> h > 0);
    }

    @Test
    void nftListsOurRulesetAsItListsItsOwn() throws Exception {
        Netlink b = world.namespace("b");
        install(nft);
        run(TestWorld.ns(b), NftFixture.nftScript(), "nft", "-f", "-");

        String ours = run(TestWorld.ns(a), "", "nft", "list", "ruleset");
        String theirs = run(TestWorld.ns(b), "", "nft", "list", "ruleset");
        assertThat(ours).contains("iifname \"eth0\" ip saddr 10.0.0.0/24 tcp dport 22 ct state established,related"
                + " counter packets 0 bytes 0 accept", "tcp dport 80 dnat ip to 10.0.0.2:8080");
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void everyRuleReadsAsNftListsIt() throws Exception {
        install(nft);
        List<String> listed = run(TestWorld.ns(a), "", "nft", "list", "ruleset").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("table ") && !l.startsWith("chain ")
                        && !l.startsWith("type ") && !l.equals("}"))
                .toList();
        List<String> ours = nft.ruleset().rules().stream().map(r -> NftRuleText.of(r.rule())).toList();
        assertThat(ours).hasSize(NftFixture.RULES.size()).containsExactlyElementsOf(listed);

        List<String> headers = run(TestWorld.ns(a), "", "nft", "list", "ruleset").lines().map(String::strip)
                .filter(l -> l.startsWith("type ")).toList();
        assertThat(nft.ruleset().chains().stream().filter(NftChain::isBase).map(NftChainText::of).toList())
                .containsExactlyElementsOf(headers);
    }

    @Test
    void priorityNamesAsNftPrintsThem() throws Exception {
        NftTable t = NftTable.of(NftFamily.IP, "prio");
        NftTransaction tx = nft.transaction().addTable(t);
        int n = 0;
        for (NftHook hook : NftHook.values()) {
            for (int priority : new int[] {-400, -310, -300, -290, -160, -150, -140, -111, -110, -100, -95, -90,
                    -11, -10, -5, 0, 10, 11, 25, 40, 50, 60, 90, 100, 110, 111, 400}) {
                tx.addChain(NftChain.base(t, "c" + n++, NftChainType.FILTER, hook, priority, NftPolicy.ACCEPT));
            }
        }
        tx.commit();
        List<String> headers = run(TestWorld.ns(a), "", "nft", "list", "ruleset").lines().map(String::strip)
                .filter(l -> l.startsWith("type ")).toList();
        assertThat(nft.chains(t).stream().map(NftChainText::of).toList()).containsExactlyElementsOf(headers);
    }

    @Test
    void rulesMadeByNftReadBackAsTheBuildersRules() throws Exception {
        run(TestWorld.ns(a), NftFixture.nftScript(), "nft", "-f", "-");
        for (NftTable table : NftFixture.TABLES) {
            assertThat(nft.chains(table)).containsExactlyElementsOf(NftFixture.chainsOf(table));
            for (NftChain chain : NftFixture.chainsOf(table)) {
                assertThat(nft.rules(table, chain.name())).extracting(NftInstalledRule::rule)
                        .as("rules of " + chain).containsExactlyElementsOf(NftFixture.rulesOf(chain));
            }
        }
    }

    @Test
    void chainsAndRulesAreThoseOfTheTableAsked() {
        NftTable one = NftTable.of(NftFamily.IP, "one");
        NftTable two = NftTable.of(NftFamily.IP, "two");
        NftTable three = NftTable.of(NftFamily.IP6, "one");
        NftTransaction tx = nft.transaction();
        for (NftTable t : List.of(one, two, three)) {
            tx.addTable(t).addChain(NftChain.regular(t, "c" + t.name()))
                    .addRule(NftRule.in(t, "c" + t.name()).counter().build());
        }
        tx.addChain(NftChain.regular(two, "d")).commit();

        assertThat(nft.chains(one)).containsExactly(NftChain.regular(one, "cone"));
        assertThat(nft.chains(two)).containsExactly(NftChain.regular(two, "ctwo"), NftChain.regular(two, "d"));
        assertThat(nft.rules(one)).extracting(r -> r.rule().table()).containsExactly(one);
        assertThat(nft.rules(three)).extracting(r -> r.rule().table()).containsExactly(three);
        assertThat(nft.rules(two, "d")).isEmpty();
        assertThat(nft.tables(NftFamily.IP)).containsExactly(one, two);
    }

    @Test
    void aRefusedMessageAbortsTheTransactionAndIsNamed() {
        NftTable t = NftTable.of(NftFamily.IP, "t");
        NftTransaction tx = nft.transaction()
                .addTable(t)
                .addChain(NftChain.base(t, "input", NftChainType.FILTER, NftHook.INPUT, 0, NftPolicy.ACCEPT))
                .addRule(NftRule.in(t, "nochain").drop().build())
                .addRule(NftRule.in(t, "input").counter().accept().build());

        NftTransactionResult result = tx.tryCommit();

        assertThat(result.committed()).isFalse();
        assertThat(result.batchError()).isEmpty();
        assertThat(result.failures()).hasSize(1);
        BatchResult failed = result.failures().getFirst();
        assertThat(failed.index()).isEqualTo(2);
        assertThat(failed.command()).startsWith("add rule ip t nochain");
        assertThat(failed.error().orElseThrow().errno()).isEqualTo(Errno.ENOENT);
        assertThat(failed.error().orElseThrow().call()).isEqualTo("NFT_MSG_NEWRULE");
        assertThat(result.results()).extracting(BatchResult::ok).containsExactly(true, true, false, true);
        assertThat(nft.tables()).as("nothing of an aborted transaction is applied").isEmpty();
        assertThat(tx.size()).isZero();

        nft.transaction().addTable(t).addChain(NftChain.regular(t, "user"))
                .addChain(NftChain.base(t, "input", NftChainType.FILTER, NftHook.INPUT, 0, NftPolicy.ACCEPT))
                .addRule(NftRule.in(t, "input").jump("user").build()).commit();
        assertThatThrownBy(() -> nft.transaction().deleteChain(t, "user").commit())
                .isInstanceOfSatisfying(NftTransactionException.class, e -> assertThat(
                        e.result().failures().getFirst().error().orElseThrow().errno()).isEqualTo(Errno.EBUSY))
                .hasMessageContaining("nf_tables transaction aborted, nothing applied: 1 of 1 messages refused")
                .hasMessageContaining("#0 delete chain ip t user: NFT_MSG_DELCHAIN: EBUSY (Device or resource busy)");
        assertThatThrownBy(() -> nft.transaction().deleteTable(NftTable.of(NftFamily.IP6, "none")).commit())
                .hasMessageContaining("#0 delete table ip6 none: NFT_MSG_DELTABLE: ENOENT");
        assertThat(nft.chains(t)).hasSize(2);
    }

    @Test
    void positionsHandlesAndFlush() {
        NftTable t = NftTable.of(NftFamily.INET, "pos");
        nft.transaction().addTable(t)
                .addChain(NftChain.base(t, "in", NftChainType.FILTER, NftHook.INPUT, 0, NftPolicy.ACCEPT))
                .addRule(port(t, 1)).addRule(port(t, 2)).commit();
        List<NftInstalledRule> two = nft.rules(t, "in");
        long first = two.get(0).handle();
        long second = two.get(1).handle();

        nft.transaction()
                .insertRuleBefore(port(t, 10), first)   // before 1
                .addRuleAfter(port(t, 15), first)       // after 1
                .insertRule(port(t, 0))                 // first of all
                .deleteRule(t, "in", second)            // 2 goes
                .commit();

        assertThat(nft.rules(t, "in")).extracting(NftInstalledRule::rule)
                .containsExactly(port(t, 0), port(t, 10), port(t, 1), port(t, 15));
        assertThat(nft.rules(t, "in").get(2).handle()).isEqualTo(first);

        long replaced = nft.rules(t, "in").get(1).handle();
        nft.transaction().replaceRule(port(t, 11), replaced).commit();
        assertThat(nft.rules(t, "in")).extracting(NftInstalledRule::rule)
                .containsExactly(port(t, 0), port(t, 11), port(t, 1), port(t, 15));

        nft.transaction().flushChain(t, "in").commit();
        assertThat(nft.rules(t, "in")).isEmpty();
        nft.transaction().deleteChain(t, "in").deleteTable(t).commit();
        assertThat(nft.tables()).isEmpty();
        assertThat(nft.ruleset().isEmpty()).isTrue();
    }

    @Test
    void thousandsOfRulesInOneTransactionReadBackInADumpOfManyParts() {
        NftTable t = NftTable.of(NftFamily.INET, "pos");
        NftTransaction tx = nft.transaction().addTable(t)
                .addChain(NftChain.base(t, "in", NftChainType.FILTER, NftHook.INPUT, 0, NftPolicy.ACCEPT));
        List<NftRule> rules = new java.util.ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            rules.add(port(t, i));
            tx.addRule(rules.getLast());
        }
        NftTransactionResult result = tx.tryCommit();

        assertThat(result.committed()).isTrue();
        assertThat(result.results()).hasSize(3002);
        // about 280 bytes a rule: the dump needs many datagrams
        assertThat(nft.rules(t, "in")).extracting(NftInstalledRule::rule).containsExactlyElementsOf(rules);
    }

    private static NftRule port(NftTable t, int port) {
        return NftRule.in(t, "in").dport(io.nslab.netlink.nft.NftRuleBuilder.UDP, port + 1000).accept().build();
    }

    private static void install(NfTables nft) {
        NftTransaction tx = nft.transaction();
        NftFixture.TABLES.forEach(tx::addTable);
        NftFixture.CHAINS.forEach(c -> tx.addChain(c.value()));
        NftFixture.RULES.forEach(r -> tx.addRule(r.value()));
        assertThat(tx.commands()).hasSize(NftFixture.TABLES.size() + NftFixture.CHAINS.size() + NftFixture.RULES.size());
        NftTransactionResult result = tx.tryCommit();
        assertThat(result.committed()).as(result.toString()).isTrue();
    }

    /** Runs a command inside a namespace of the test world only (nsenter --net=PATH); fails the test if it fails. */
    static String run(NetNs ns, String stdin, String... command) throws IOException, InterruptedException {
        String[] full = new String[command.length + 2];
        full[0] = "nsenter";
        full[1] = "--net=" + ns.path();
        System.arraycopy(command, 0, full, 2, command.length);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", full) + ": " + out).isZero();
        return out;
    }
}
