package io.nslab.firewall;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rulesets built in code are held to what the kernel accepts, as lab files are. */
class RulesetCheckTest {

    private static Rule r(String text) throws RuleSyntaxException {
        return RuleParser.parse(text, TableFamily.INET);
    }

    @Test
    void loopsMissingTargetsAndMisplacedNatAreFound() throws Exception {
        Table t = new Table(TableFamily.INET, "f", List.of(
                Chain.base("in", ChainType.FILTER, Hook.INPUT, Policy.ACCEPT, List.of(r("jump a"), r("jump nowhere"), r("masquerade"))),
                Chain.regular("a", List.of(r("goto b"))),
                Chain.regular("b", List.of(r("jump a")))));
        assertThat(RulesetCheck.problems(new Ruleset(List.of(t)))).containsExactly(
                "table inet f, chain in: no chain nowhere to jump to",
                "table inet f: the jumps in -> a -> b -> a make a loop",
                "table inet f, chain in: `masquerade` needs a nat chain at postrouting or input");
    }

    @Test
    void theExamplesRulesetsAreFine() throws Exception {
        Table t = new Table(TableFamily.INET, "filter", List.of(
                Chain.base("forward", ChainType.FILTER, Hook.FORWARD, Policy.DROP, List.of(r("ct state established,related accept"),
                        r("jump common"))),
                Chain.regular("common", List.of(r("iifname lan accept"), r("return")))));
        assertThat(RulesetCheck.problems(new Ruleset(List.of(t)))).isEmpty();
    }
}
