package io.nslab.kernel;

import io.nslab.firewall.ConnState;
import io.nslab.firewall.IcmpType;
import io.nslab.firewall.L4Proto;
import io.nslab.firewall.PacketFacts;
import io.nslab.model.IpAddress;
import io.nslab.netlink.nft.CtState;
import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftChainType;
import io.nslab.netlink.nft.NftExpr;
import io.nslab.netlink.nft.NftFamily;
import io.nslab.netlink.nft.NftHook;
import io.nslab.netlink.nft.NftInstalledRule;
import io.nslab.netlink.nft.NftPolicy;
import io.nslab.netlink.nft.NftRule;
import io.nslab.netlink.nft.NftRuleset;
import io.nslab.netlink.nft.NftTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The host's forward hook decided from rulesets built as records (no kernel): what iptables-nft and Docker make. */
class HostFilterChainsTest {
    static final NftTable FILTER = NftTable.of(NftFamily.IP, "filter");

    static PacketFacts request(String in, String out) {
        return new PacketFacts(IpAddress.parse("10.78.0.2"), IpAddress.parse("10.78.1.2"), L4Proto.ICMP, 0, 0,
                Optional.of(IcmpType.ECHO_REQUEST), Optional.of(in), Optional.of(out), ConnState.NEW, 84);
    }

    /** ip filter FORWARD (policy drop) jumping to DOCKER-USER, which returns unless one of {@code user} decides. */
    static NftRuleset docker(List<NftRule> user, List<NftRule> forward) {
        List<NftChain> chains = List.of(
                NftChain.base(FILTER, "FORWARD", NftChainType.FILTER, NftHook.FORWARD, 0, NftPolicy.DROP),
                NftChain.regular(FILTER, "DOCKER-USER"));
        List<NftInstalledRule> rules = new ArrayList<>();
        long handle = 10;
        rules.add(new NftInstalledRule(NftRule.in(FILTER, "FORWARD").counter().jump("DOCKER-USER").build(), handle++));
        for (NftRule r : forward) {
            rules.add(new NftInstalledRule(r, handle++));
        }
        for (NftRule r : user) {
            rules.add(new NftInstalledRule(r, handle++));
        }
        rules.add(new NftInstalledRule(NftRule.in(FILTER, "DOCKER-USER").counter().ret().build(), handle));
        return new NftRuleset(List.of(FILTER), chains, rules);
    }

    static HostFilterChains.Decision decide(NftRuleset rs, PacketFacts p) {
        return HostFilterChains.decide(rs, index -> Optional.empty(), p);
    }

    @Test
    void dockersForwardPolicyDropsWhatNoRuleAccepts() {
        var d = decide(docker(List.of(), List.of()), request("nslab-h1", "nslab-h2"));
        assertThat(d).isInstanceOfSatisfying(HostFilterChains.Dropped.class, x -> {
            assertThat(x.byPolicy()).isTrue();
            assertThat(x.iptables()).isTrue();
            assertThat(x.table()).isEqualTo("ip filter");
            assertThat(x.chain()).isEqualTo("FORWARD");
            assertThat(x.chains()).contains("DOCKER-USER");
            assertThat(x.unsure()).isEmpty();
        });
    }

    @Test
    void anAcceptInDockerUserForTheLabsInterfacesLetsThePacketThroughAndOnlyThatDirection() {
        NftRuleset rs = docker(List.of(NftRule.in(FILTER, "DOCKER-USER").iifname("nslab-h1").oifname("nslab-h2").counter().accept().build()),
                List.of());
        assertThat(decide(rs, request("nslab-h1", "nslab-h2"))).isInstanceOf(HostFilterChains.Passes.class);
        assertThat(decide(rs, request("nslab-h2", "nslab-h1"))).isInstanceOf(HostFilterChains.Dropped.class);
    }

    @Test
    void aDropRuleIsNamedWithItsPositionHandleAndText() {
        NftRuleset rs = docker(List.of(), List.of(NftRule.in(FILTER, "FORWARD").oifname("nslab-h2").counter().drop().build()));
        var d = decide(rs, request("nslab-h1", "nslab-h2"));
        assertThat(d).isInstanceOfSatisfying(HostFilterChains.Dropped.class, x -> {
            assertThat(x.byPolicy()).isFalse();
            assertThat(x.position()).isEqualTo(2);
            assertThat(x.handle()).isEqualTo(11);
            assertThat(x.rule()).contains("oifname \"nslab-h2\" counter packets 0 bytes 0 drop");
        });
    }

    @Test
    void anEstablishedAcceptLetsTheAnswerThroughButNotTheRequest() {
        NftRuleset rs = docker(List.of(), List.of(NftRule.in(FILTER, "FORWARD").ctState(CtState.ESTABLISHED, CtState.RELATED).accept().build()));
        assertThat(decide(rs, request("nslab-h1", "nslab-h2"))).isInstanceOf(HostFilterChains.Dropped.class);
        PacketFacts reply = new PacketFacts(IpAddress.parse("10.78.1.2"), IpAddress.parse("10.78.0.2"), L4Proto.ICMP, 0, 0,
                Optional.of(IcmpType.ECHO_REPLY), Optional.of("nslab-h2"), Optional.of("nslab-h1"), ConnState.ESTABLISHED, 84);
        assertThat(decide(rs, reply)).isInstanceOf(HostFilterChains.Passes.class);
    }

    @Test
    void aRuleTheModelCannotReadIsNamedUnlessItsInterfaceRulesItOut() {
        NftExpr xt = new NftExpr.Unknown("match", "conntrack");
        NftRuleset other = docker(List.of(), List.of(NftRule.in(FILTER, "FORWARD").oifname("docker0").expr(xt).accept().build()));
        assertThat(decide(other, request("nslab-h1", "nslab-h2")).unsure()).isEmpty();
        NftRuleset ours = docker(List.of(), List.of(NftRule.in(FILTER, "FORWARD").oifname("nslab-h2").expr(xt).accept().build()));
        assertThat(decide(ours, request("nslab-h1", "nslab-h2"))).isInstanceOfSatisfying(HostFilterChains.Dropped.class,
                x -> assertThat(x.unsure()).singleElement().asString().startsWith("rule 2 (handle 11) of chain FORWARD in table ip filter: `oifname \"nslab-h2\""));
    }

    @Test
    void anAcceptInOneBaseChainDoesNotSpareThePacketTheNextOneAndAnIp6TableDoesNotSeeIt() {
        NftTable inet = NftTable.of(NftFamily.INET, "lab-guard");
        NftTable ip6 = NftTable.of(NftFamily.IP6, "v6");
        NftRuleset rs = new NftRuleset(List.of(FILTER, inet, ip6),
                List.of(NftChain.base(FILTER, "FORWARD", NftChainType.FILTER, NftHook.FORWARD, 0, NftPolicy.ACCEPT),
                        NftChain.base(inet, "fwd", NftChainType.FILTER, NftHook.FORWARD, 10, NftPolicy.ACCEPT),
                        NftChain.base(ip6, "fwd", NftChainType.FILTER, NftHook.FORWARD, -5, NftPolicy.DROP)),
                List.of(new NftInstalledRule(NftRule.in(FILTER, "FORWARD").accept().build(), 3),
                        new NftInstalledRule(NftRule.in(inet, "fwd").iifname("nslab-h1").drop().build(), 4)));
        assertThat(decide(rs, request("nslab-h1", "nslab-h2"))).isInstanceOfSatisfying(HostFilterChains.Dropped.class, x -> {
            assertThat(x.table()).isEqualTo("inet lab-guard");
            assertThat(x.iptables()).isFalse();
            assertThat(x.handle()).isEqualTo(4);
        });
        assertThat(decide(rs, request("eth0", "nslab-h2"))).isInstanceOf(HostFilterChains.Passes.class);
    }

    @Test
    void anEmptyRulesetPasses() {
        assertThat(decide(new NftRuleset(List.of(), List.of(), List.of()), request("a", "b"))).isInstanceOf(HostFilterChains.Passes.class);
    }
}
