package io.nslab.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** nslab link, partition, heal and impair on a running seed lab, judged by ping's exit code. */
class FaultCommandsTest {
    @TempDir
    Path tmp;
    private KernelDirs kernel;

    @BeforeEach
    void setUp() throws IOException {
        kernel = KernelDirs.in(tmp);
    }

    @AfterEach
    void tearDown() {
        if (kernel != null) {
            kernel.close();
        }
    }

    private CliRun run(String... a) {
        return CliRun.of(kernel.args(a));
    }

    private int ping(String from, String to) {
        return run("ping", "-c", "2", "-W", "1", "-i", "0.2", from, to).exitCode();
    }

    /** tc qdisc show dev DEV, run from a thread inside the node's namespace (the child inherits it). */
    private String tcShow(String node, String dev) {
        try (var ns = kernel.support.registry().open(node)) {
            return ns.call(() -> {
                Process p = new ProcessBuilder("tc", "qdisc", "show", "dev", dev).redirectErrorStream(true).start();
                return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            });
        }
    }

    /** nft list ruleset inside a node. */
    private String nftList(String node) {
        try (var ns = kernel.support.registry().open(node)) {
            return ns.call(() -> {
                Process p = new ProcessBuilder("nft", "list", "ruleset").redirectErrorStream(true).start();
                return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            });
        }
    }

    @Test
    void partitionHealAndLinkFlapFromTheCommandLine() {
        CliRun up = run("up", "../examples/seed.yaml");
        assertThat(up.exitCode()).as(up.err()).isZero();

        CliRun p = run("partition", "seed", "ns1", "ns2");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out()).isEqualTo("lab seed is partitioned: ns1 | ns2\n");
        assertThat(ping("ns1", "ns2")).isEqualTo(1);
        assertThat(ping("ns1", "router")).isZero();
        assertThat(run("heal", "seed").out()).isEqualTo("lab seed is healed\n");
        assertThat(ping("ns1", "ns2")).isZero();

        assertThat(run("link", "seed", "router:v2_r", "down").out()).isEqualTo("lab seed: router:v2_r is down\n");
        assertThat(ping("ns1", "ns2")).isEqualTo(1);
        assertThat(run("link", "seed", "router:v2_r", "up").exitCode()).isZero();
        assertThat(ping("ns1", "ns2")).isZero();

        CliRun rate = run("impair", "seed", "ns1:v1", "--rate", "8mbit");
        assertThat(rate.out()).as(rate.err()).isEqualTo("lab seed: what leaves ns1:v1 is limited to 8mbit (tbf)\n");
        assertThat(tcShow("ns1", "v1")).contains("tbf").contains("rate 8Mbit burst 32Kb lat 50ms");
        assertThat(run("impair", "seed", "ns1:v1", "--clear").exitCode()).isZero();
        assertThat(tcShow("ns1", "v1")).doesNotContain("tbf");
        CliRun badRate = run("impair", "seed", "ns1:v1", "--rate", "fast");
        assertThat(badRate.exitCode()).isEqualTo(2);
        assertThat(badRate.err()).contains("--rate fast: write it as tc does");

        CliRun lossAll = run("impair", "seed", "ns1:v1", "--loss", "100%");
        assertThat(lossAll.out()).as(lossAll.err())
                .isEqualTo("lab seed: what leaves ns1:v1 is lost at random 100% of the time (nftables numgen)\n");
        assertThat(ping("ns1", "ns2")).isEqualTo(1);
        assertThat(ping("ns2", "ns1")).as("the replies of ns1 are lost").isEqualTo(1);
        assertThat(ping("ns2", "router")).isZero();
        CliRun both = run("impair", "seed", "ns1:v1", "--rate", "8mbit", "--loss", "0.5%");
        assertThat(both.out()).as(both.err()).isEqualTo("lab seed: what leaves ns1:v1 is limited to 8mbit (tbf), and lost at "
                + "random 0.5% of the time (nftables numgen)\n");
        assertThat(nftList("router")).contains("iifname \"v1_r\" numgen random mod 10000 < 50 drop");
        assertThat(run("impair", "seed", "ns1:v1", "--clear").exitCode()).isZero();
        assertThat(nftList("router")).isEmpty();
        assertThat(tcShow("ns1", "v1")).doesNotContain("tbf");
        assertThat(ping("ns1", "ns2")).isZero();
        CliRun badLoss = run("impair", "seed", "ns1:v1", "--loss", "150%");
        assertThat(badLoss.exitCode()).isEqualTo(2);
        assertThat(badLoss.err()).contains("--loss 150%: a percentage from 0% to 100%");
        CliRun rateAndDelay = run("impair", "seed", "ns1:v1", "--rate", "1mbit", "--delay", "5");
        assertThat(rateAndDelay.exitCode()).isEqualTo(2);
        assertThat(rateAndDelay.err()).contains("--rate and --delay are both the end's root qdisc");

        CliRun badState = run("link", "seed", "ns1:v1", "sideways");
        assertThat(badState.exitCode()).isEqualTo(2);
        assertThat(badState.err()).contains("the state is down or up, not \"sideways\"");
        CliRun badEnd = run("link", "seed", "ns1:eth9", "down");
        assertThat(badEnd.exitCode()).isEqualTo(2);
        assertThat(badEnd.err()).contains("lab seed has no link end \"ns1:eth9\" (its ends: ns1:v1, router:v1_r, ns2:v2, router:v2_r)");
        CliRun badGroup = run("partition", "seed", "ns1", "nsX");
        assertThat(badGroup.exitCode()).isEqualTo(2);
        assertThat(badGroup.err()).contains("\"nsX\" is not a node of lab seed");
    }
}
