package io.nslab.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learner's session of issue 22: the tutorial's lab up, its route deleted by hand with the real {@code ip}, then
 * {@code ping --explain}, {@code status} and {@code plan} tell the truth of the kernel (the route is missing, not
 * "delivered"), and {@code up} puts it back so that the ping answers again.
 */
class LearnerSessionTest extends KernelWorld {
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
        assertThat(ping.err()).as("ping's own refusal, on stderr as iputils has it").isEqualTo("ping: connect: Network is unreachable\n");
        assertThat(ping.exitCode()).as("the network failed, not the user (docs/cli.md)").isEqualTo(1);
        assertThat(ping.out()).contains("the kernel differs from the lab file")
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

    /**
     * The session as the issue tells it, in one go: the way back broken by hand, a ping left running (it sends, nothing
     * comes back), --explain names the missing route from the kernel's state, up puts it back, and the running ping's
     * replies start; Ctrl-C prints the statistics. Before, ping printed nothing until it ended and nothing on SIGINT.
     */
    @Test
    void theRunningPingStartsReplyingWhenUpPutsTheRouteBack() throws Exception {
        assertThat(CliRun.of(kernel.args("up", "../examples/seed.yaml")).exitCode()).isZero();
        byHand("ns2", "route", "del", "10.10.10.0/24");

        Process ping = new ProcessBuilder(CliProcess.command(kernel.args("ping", "-c", "1000", "-i", "0.2", "ns1", "ns2")))
                .redirectError(tmp.resolve("ping.err").toFile()).start();
        java.util.List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(ping.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    lines.add(s);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            waitFor(() -> !lines.isEmpty(), "ping's first line");
            assertThat(lines.getFirst()).isEqualTo("PING 10.10.20.2 (10.10.20.2) 56(84) bytes of data.");
            Thread.sleep(1000); // five requests sent, none answered
            assertThat(lines).as("no reply while the way back is missing").noneMatch(l -> l.contains("bytes from"));

            CliRun explain = CliRun.of(kernel.args("ping", "-W", "1", "ns1", "ns2", "--explain"));
            assertThat(explain.out()).contains("ns2: route 10.10.10.0/24 via 10.10.20.1 dev v2 is missing")
                    .contains("=> no return route from ns2 to 10.10.10.2", "fix: add the route `10.10.10.0/24 via 10.10.20.1` on ns2")
                    .doesNotContain("delivered to 10.10.10.2");

            CliRun up = CliRun.of(kernel.args("up", "../examples/seed.yaml"));
            assertThat(up.exitCode()).as(up.err()).isZero();
            assertThat(up.out()).startsWith("lab seed is up: 1 change (1 route)");
            waitFor(() -> lines.stream().anyMatch(l -> l.startsWith("64 bytes from 10.10.20.2: ")), "a reply after up");
        } finally {
            new ProcessBuilder("kill", "-INT", Long.toString(ping.pid())).start().waitFor();
            if (!ping.waitFor(30, TimeUnit.SECONDS)) {
                ping.destroyForcibly();
            }
            reader.join(10_000);
        }
        assertThat(ping.exitValue()).as("replies came").isZero();
        String all = String.join("\n", lines);
        // the loss as iputils prints it, with %g: 93.75% packet loss
        assertThat(all).contains("\n--- 10.10.20.2 ping statistics ---\n").containsPattern("\\d+ packets transmitted, [1-9]\\d* received, "
                + "[0-9.]+% packet loss");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
