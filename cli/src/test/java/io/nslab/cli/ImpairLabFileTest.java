package io.nslab.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lab file's impair: applied by up, changed and taken off by an incremental up, shown by status; the simulator
 * keeps it and agrees with the kernel that a 100% loss fails the check across it, and that a rate does not.
 */
class ImpairLabFileTest extends KernelWorld {
    static String lab(String impair1, String impair2) {
        return """
                name: imp
                nodes:
                  ns1: {routes: [10.10.20.0/24 via 10.10.10.1]}
                  router: {forwarding: true}
                  ns2: {routes: [10.10.10.0/24 via 10.10.20.1]}
                links:
                  - endpoints: ["ns1:v1 10.10.10.2/24", "router:v1_r 10.10.10.1/24"]
                %s
                  - endpoints: ["ns2:v2 10.10.20.2/24", "router:v2_r 10.10.20.1/24"]
                %s
                checks:
                  - ping: ns1 -> 10.10.20.2
                    expect: reply
                """.formatted(impair1, impair2);
    }

    private String inNode(String node, String... command) {
        try (var ns = kernel.support.registry().open("imp-" + node)) {
            return ns.call(() -> {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            });
        }
    }

    /** The {@code impair} of one link end in {@code status -o json}, in its order; null when it has none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> impairOf(String json, String node, String link) throws java.io.IOException {
        for (Object lab : (List<Object>) JSON.std.anyFrom(json)) {
            for (Object n : (List<Object>) ((Map<String, Object>) lab).get("nodes")) {
                Map<String, Object> nm = (Map<String, Object>) n;
                if (!nm.get("node").equals(node)) {
                    continue;
                }
                for (Object l : (List<Object>) nm.get("links")) {
                    Map<String, Object> lm = (Map<String, Object>) l;
                    if (lm.get("name").equals(link)) {
                        return (Map<String, Object>) lm.get("impair");
                    }
                }
            }
        }
        throw new AssertionError("no link " + node + ":" + link + " in " + json);
    }

    @Test
    void upAppliesItAnIncrementalUpChangesItStatusShowsIt() throws Exception {
        Path file = tmp.resolve("imp.yaml");
        Files.writeString(file, lab("    impair: {ns1:v1: {loss: 100%}}", "    impair: {both: {rate: 8mbit}}"));

        CliRun sim = CliRun.of(kernel.args("up", file.toString(), "--sim"));
        assertThat(sim.exitCode()).as(sim.out() + sim.err()).isEqualTo(1);
        assertThat(sim.out()).contains("impair ns1:v1: loss 100% (what leaves ns1:v1)\n",
                "impair ns2:v2: rate 8mbit (what leaves ns2:v2)\n", "impair router:v2_r: rate 8mbit (what leaves router:v2_r)\n",
                "a loss of 100% drops every packet of that direction, so a ping across it fails both ways");

        CliRun up = CliRun.of(kernel.args("up", file.toString()));
        assertThat(up.exitCode()).as("the kernel agrees: the check fails\n" + up.out() + up.err()).isEqualTo(1);
        assertThat(up.out()).contains("impair ns1:v1: loss 100% (what leaves ns1:v1)\n", "impair router:v2_r: rate 8mbit");
        assertThat(inNode("router", "nft", "list", "ruleset")).contains("chain in_v1_r {", "type filter hook prerouting priority raw",
                "iifname \"v1_r\" drop");
        assertThat(inNode("ns2", "tc", "qdisc", "show", "dev", "v2")).contains("tbf", "rate 8Mbit");
        assertThat(inNode("router", "tc", "qdisc", "show", "dev", "v2_r")).contains("tbf", "rate 8Mbit");
        CliRun status = CliRun.of(kernel.args("status", "imp"));
        assertThat(status.out()).contains("  impair ns1:v1: loss 100% (what leaves ns1:v1)\n",
                "  impair ns2:v2: rate 8mbit (what leaves ns2:v2)\n");
        CliRun json = CliRun.of(kernel.args("status", "imp", "-o", "json"));
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(impairOf(json.out(), "ns1", "v1")).hasToString("{loss_percent=100.0, text=loss 100%}");
        assertThat(impairOf(json.out(), "ns2", "v2")).hasToString("{rate_bit=8000000, text=rate 8mbit}");
        assertThat(impairOf(json.out(), "router", "v1_r")).as("an end without impair: has none").isNull();
        CliRun simJson = CliRun.of(kernel.args("status", "--sim", file.toString(), "-o", "json"));
        assertThat(impairOf(simJson.out(), "router", "v2_r")).hasToString("{rate_bit=8000000, text=rate 8mbit}");

        Files.writeString(file, lab("", "    impair: {ns2:v2: {rate: 2mbit, loss: 0.5%}}"));
        CliRun again = CliRun.of(kernel.args("up", file.toString()));
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).doesNotContain("impair ns1:v1").contains("impair ns2:v2: rate 2mbit, loss 0.5% (what leaves ns2:v2)");
        assertThat(inNode("router", "nft", "list", "ruleset")).doesNotContain("v1_r")
                .contains("iifname \"v2_r\" numgen random mod 10000 < 50 drop");
        assertThat(inNode("ns2", "tc", "qdisc", "show", "dev", "v2")).contains("rate 2Mbit");
        assertThat(inNode("router", "tc", "qdisc", "show", "dev", "v2_r")).doesNotContain("tbf");
        assertThat(CliRun.of(kernel.args("status", "imp")).out()).doesNotContain("impair ns1:v1").contains("impair ns2:v2");

        Files.writeString(file, lab("    impair: {ns1:v1: {delay: 100ms, jitter: 10ms}}", ""));
        CliRun delay = CliRun.of(kernel.args("up", file.toString()));
        String qdisc = inNode("ns1", "tc", "qdisc", "show", "dev", "v1");
        if (delay.exitCode() == 3) { // a kernel without sch_netem
            assertThat(delay.err()).contains("delay on ns1:v1: this kernel has no sch_netem");
            assertThat(qdisc).doesNotContain("netem");
        } else {
            assertThat(delay.exitCode()).as(delay.out() + delay.err()).isZero();
            assertThat(qdisc).contains("netem", "delay 100ms  10ms");
        }
        assertThat(inNode("router", "nft", "list", "ruleset")).as("the loss the file no longer has is off").isEmpty();
        assertThat(inNode("ns2", "tc", "qdisc", "show", "dev", "v2")).doesNotContain("tbf");

        CliRun down = CliRun.of(kernel.args("down", "imp"));
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(kernel.support.registry().list()).isEmpty();
    }
}
