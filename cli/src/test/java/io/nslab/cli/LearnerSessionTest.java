package io.nslab.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learner's session of issue 22: the tutorial's lab up, its route deleted by hand with the real {@code ip}, then
 * {@code ping --explain}, {@code status} and {@code plan} tell the truth of the kernel (the route is missing, not
 * "delivered"), and {@code up} puts it back so that the ping answers again.
 */
class LearnerSessionTest {
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

    private void byHand(String netns, String... ip) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("nsenter", "--net=" + kernel.support.directory().resolve(netns), "ip"));
        cmd.addAll(java.util.List.of(ip));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void theKernelsTruthAfterAHandChangeAndUpPutsItBack() throws Exception {
        assertThat(CliRun.of(kernel.args("up", "../examples/seed.yaml")).exitCode()).isZero();
        byHand("ns1", "route", "del", "10.10.20.0/24");

        CliRun ping = CliRun.of(kernel.args("ping", "ns1", "10.10.20.2", "--explain"));
        assertThat(ping.out()).contains("connect: Network is unreachable")
                .contains("the kernel differs from the lab file")
                .contains("ns1: route 10.10.20.0/24 via 10.10.10.1 dev v1 is missing")
                .contains("no route at ns1 for 10.10.20.2")
                .doesNotContain("delivered to 10.10.20.2");

        assertThat(CliRun.of(kernel.args("status", "seed")).out()).contains("differs from the lab file as last applied")
                .contains("ns1: route 10.10.20.0/24 via 10.10.10.1 dev v1 is missing");
        CliRun plan = CliRun.of(kernel.args("plan", "../examples/seed.yaml"));
        assertThat(plan.out()).isEqualTo("ip -n ns1 route add 10.10.20.0/24 via 10.10.10.1\n# 1 change (1 route)\n");
        assertThat(CliRun.of(kernel.args("plan", "../examples/seed.yaml", "--keep-drift")).out())
                .startsWith("lab seed is up to date");

        CliRun up = CliRun.of(kernel.args("up", "../examples/seed.yaml"));
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).startsWith("lab seed is up: 1 change (1 route)");
        CliRun again = CliRun.of(kernel.args("ping", "ns1", "10.10.20.2"));
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).contains("ttl=63");
    }
}
