package io.nslab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Labs with firewall rules: checks and --explain in the simulator; what the kernel world cannot install yet is refused. */
class FirewallCommandsTest {

    @ParameterizedTest
    @ValueSource(strings = {"vm-host-nat", "nat-lan", "dnat-service", "stateful-firewall"})
    void theFirewallExamplesPassTheirChecksInTheSimulator(String example) {
        CliRun run = CliRun.of("check", "--sim", "../examples/" + example + ".yaml");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("FAIL").contains("0 failed");
    }

    @Test
    void explainNamesTheRuleThatRejectedAndTheFix() {
        CliRun run = CliRun.of("ping", "--sim", "-l", "../examples/stateful-firewall.yaml", "ns2", "10.10.10.99", "--explain");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("From 10.10.20.1 icmp_seq=1 Packet filtered")
                .contains("  => rejected (reject with icmpx admin-prohibited) at forward by rule 3 (handle 8) of chain forward in table "
                        + "inet filter on router: `ip daddr 10.10.10.99 reject with icmpx admin-prohibited`\n")
                .contains("  fix: allow `ip saddr 10.10.20.0/24` in chain forward (table inet filter) on router");
    }

    @Test
    void explainNamesThePolicyThatDropped() {
        CliRun run = CliRun.of("ping", "--sim", "-l", "../examples/stateful-firewall.yaml", "ns2", "10.10.10.2", "--explain");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("  => dropped at forward by the policy drop of chain forward in table inet filter on router\n")
                .contains("  fix: allow `ip saddr 10.10.20.0/24` in chain forward (table inet filter) on router (the rule "
                        + "`ip saddr 10.10.20.0/24 accept`), or change the policy to accept\n");
    }

    @Test
    void explainShowsTheMasquerade() {
        CliRun run = CliRun.of("ping", "--sim", "-l", "../examples/vm-host-nat.yaml", "vm", "host", "--explain");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("gw out lan: NAT: source 192.168.232.133 -> 10.100.0.1 (masquerade by rule 1 (handle 2) of chain "
                + "postrouting in table ip nat: `oifname \"lan\" masquerade`)")
                .contains("gw in lan: NAT: destination 10.100.0.1 -> 192.168.232.133 (a reply of a translated connection)");
    }

    @Test
    void theKernelWorldRefusesARuleThatNeedsASetBeforeAnythingElse() {
        String lab = "../core/src/test/resources/labs/firewall-set.yaml";
        for (String[] args : new String[][] {{"up", lab}, {"plan", lab}, {"check", lab}, {"ping", "-l", lab, "a", "b"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(3);
            assertThat(run.err()).contains("lab fwset: node a: table inet filter chain input: rule \"tcp dport { 80, 443 } accept\": "
                    + "\"tcp dport { 80, 443 }\" needs an anonymous set, which the kernel world does not install yet");
        }
    }

    @Test
    void aBadRuleIsBadInputAtItsPosition() {
        CliRun run = CliRun.of("validate", "../core/src/test/resources/labs/invalid/firewall.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("firewall.yaml:12:26: error: unknown word \"acept\" in a rule");
    }
}
