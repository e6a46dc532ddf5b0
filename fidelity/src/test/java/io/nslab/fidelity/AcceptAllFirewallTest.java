package io.nslab.fidelity;

import io.nslab.explain.ExplanationText;
import io.nslab.firewall.Chain;
import io.nslab.firewall.ChainType;
import io.nslab.firewall.ConnState;
import io.nslab.firewall.Hook;
import io.nslab.firewall.IcmpType;
import io.nslab.firewall.Match;
import io.nslab.firewall.Policy;
import io.nslab.firewall.Rule;
import io.nslab.firewall.Ruleset;
import io.nslab.firewall.Table;
import io.nslab.firewall.TableFamily;
import io.nslab.firewall.Verdict;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.op.LabPlanner;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import io.nslab.probe.TraceResult;
import io.nslab.sim.SimNetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property of the simulator's netfilter: a ruleset that accepts everything (filter chains at any hook and priority
 * with policy accept; rules that accept, count, jump, go to and return; drops and NAT that can never match; nat chains
 * that translate nothing) changes nothing. Generated labs answer every ping and traceroute of the fidelity probes, and
 * explain them, exactly as without the rules.
 */
class AcceptAllFirewallTest {
    private static final int LABS = Integer.getInteger("fidelity.acceptAll.labs", 150);
    private static final long SEED = Long.getLong("fidelity.seed", 1_000_000L);

    @Test
    void anAcceptAllRulesetChangesNoAnswer() {
        int probes = 0;
        for (long seed = SEED; seed < SEED + LABS; seed++) {
            Lab lab = FidelityRun.lab(seed);
            Probes p = Probes.of(lab);
            Random r = new Random(seed);
            try (SimNetwork bare = new SimNetwork(); SimNetwork guarded = new SimNetwork()) {
                OpRecorder.applyAll(bare, LabPlanner.plan(lab));
                OpRecorder.applyAll(guarded, LabPlanner.plan(lab));
                for (var node : lab.nodes().keySet()) {
                    NamespaceRef ns = lab.netnsOf(node);
                    if (guarded.exists(ns)) {
                        // beside the lab's own rules, if the generator drew some: an accept in one table ends nothing
                        // in another, so they still drop and reject what they did
                        List<io.nslab.firewall.Table> tables = new ArrayList<>(guarded.firewall(ns).tables());
                        tables.addAll(acceptAll(r).tables());
                        guarded.setFirewall(ns, new Ruleset(tables));
                    }
                }
                for (PingRequest req : p.pings()) {
                    PingResult a = bare.ping(req);
                    assertThat(guarded.ping(req)).as("lab %d: ping from %s to %s", seed, req.netns(), req.destination()).isEqualTo(a);
                    probes++;
                }
                for (var t : p.traces()) {
                    TraceResult a = bare.trace(t);
                    assertThat(guarded.trace(t)).as("lab %d: trace from %s to %s", seed, t.netns(), t.destination()).isEqualTo(a);
                    probes++;
                }
                for (PingRequest req : p.pings().subList(0, Math.min(6, p.pings().size()))) {
                    if (bare.exists(req.netns())) {
                        assertThat(ExplanationText.render(guarded.explain(req))).as("lab %d: explain", seed)
                                .isEqualTo(ExplanationText.render(bare.explain(req)));
                    }
                }
            }
        }
        assertThat(probes).isGreaterThan(LABS * 10);
    }

    /** A ruleset of one to three tables that lets every packet through, whatever it is. */
    static Ruleset acceptAll(Random r) {
        List<Table> tables = new ArrayList<>();
        TableFamily[] families = TableFamily.values();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            TableFamily f = families[r.nextInt(families.length)];
            List<Chain> chains = new ArrayList<>();
            chains.add(Chain.regular("sub", List.of(rule(r, f, false, false), rule(r, f, false, false), new Rule(List.of(), r.nextBoolean(),
                    Optional.of(r.nextBoolean() ? new Verdict.Return() : new Verdict.Accept())))));
            for (Hook h : Hook.values()) {
                if (r.nextInt(3) == 0) {
                    continue;
                }
                List<Rule> rules = new ArrayList<>();
                for (int k = r.nextInt(5); k > 0; k--) {
                    rules.add(rule(r, f, true, h != Hook.POSTROUTING)); // the kernel rejects only before postrouting
                }
                int priority = new int[] {-300, -150, -100, -5, 0, 10, 50, 100, 200}[r.nextInt(9)];
                chains.add(new Chain(h.word() + "-f", Optional.of(new io.nslab.firewall.BaseChain(ChainType.FILTER, h, priority,
                        Policy.ACCEPT)), rules));
                if (h != Hook.FORWARD && r.nextBoolean()) {
                    // a nat chain whose rules never translate: every flow gets a null binding
                    chains.add(new Chain(h.word() + "-n", Optional.of(new io.nslab.firewall.BaseChain(ChainType.NAT, h,
                            io.nslab.firewall.Priority.standard(ChainType.NAT, h), Policy.ACCEPT)),
                            List.of(neverMatches(f, h == Hook.POSTROUTING || h == Hook.INPUT ? new Verdict.Masquerade()
                                    : new Verdict.Redirect(java.util.OptionalInt.empty())), rule(r, f, false, false))));
                }
            }
            tables.add(new Table(f, "t" + i, chains));
        }
        return new Ruleset(tables);
    }

    private static Rule rule(Random r, TableFamily f, boolean mayJump, boolean mayReject) {
        List<Match> m = new ArrayList<>();
        switch (r.nextInt(6)) {
            case 0 -> m.add(new Match.CtState(EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED)));
            case 1 -> m.add(new Match.CtState(EnumSet.of(ConnState.NEW, ConnState.INVALID)));
            case 2 -> m.add(new Match.Address(r.nextBoolean(), f == TableFamily.IP6 ? IpPrefix.parse("::/0") : IpPrefix.parse("10.0.0.0/8"),
                    r.nextBoolean()));
            case 3 -> m.add(new Match.Icmp(f == TableFamily.IP6, f == TableFamily.IP6 ? EnumSet.of(IcmpType.V6_ECHO_REQUEST)
                    : EnumSet.of(IcmpType.ECHO_REQUEST, IcmpType.ECHO_REPLY)));
            case 4 -> m.add(new Match.Interface(r.nextBoolean(), "eth" + r.nextInt(3), r.nextBoolean(), false));
            default -> {
            }
        }
        return switch (r.nextInt(mayJump ? 6 : 4)) {
            case 0 -> new Rule(m, true, Optional.empty());
            case 1 -> new Rule(m, r.nextBoolean(), Optional.of(new Verdict.Accept()));
            case 2 -> neverMatches(f, new Verdict.Drop());
            case 3 -> neverMatches(f, mayReject ? io.nslab.firewall.Verdict.Reject.with(io.nslab.firewall.RejectCode.ADMIN_PROHIBITED)
                    : new Verdict.Drop());
            case 4 -> new Rule(m, false, Optional.of(new Verdict.Jump("sub")));
            default -> new Rule(m, false, Optional.of(new Verdict.Goto("sub")));
        };
    }

    /**
     * A rule no simulated packet matches: an untracked echo request. Untracked alone is not enough since the probes
     * include IPv6: conntrack leaves neighbour discovery untracked (as the kernel does), so `ct state untracked drop`
     * drops neighbour solicitations, on the kernel too; an echo request is always tracked.
     */
    private static Rule neverMatches(TableFamily f, Verdict v) {
        return new Rule(List.of(new Match.CtState(EnumSet.of(ConnState.UNTRACKED)), new Match.Icmp(f == TableFamily.IP6,
                f == TableFamily.IP6 ? EnumSet.of(IcmpType.V6_ECHO_REQUEST) : EnumSet.of(IcmpType.ECHO_REQUEST))), false, Optional.of(v));
    }

    @Test
    void theGeneratorMakesRulesetsThatNftWouldList() {
        Random r = new Random(7);
        for (int i = 0; i < 50; i++) {
            Ruleset rs = acceptAll(r);
            assertThat(rs.text()).startsWith("table ").doesNotContain("null");
            assertThat(rs.tables()).allSatisfy(t -> assertThat(t.chain("sub")).isPresent());
            assertThat(io.nslab.firewall.RulesetCheck.problems(rs)).as("the kernel would load it").isEmpty();
        }
    }
}
