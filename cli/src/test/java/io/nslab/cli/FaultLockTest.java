package io.nslab.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault command takes its lab's lock as up and down do: while an incremental {@code up} of the lab is under way
 * (held here by kill -STOP half-way), {@code nslab link} waits for it instead of changing the lab in the middle, gives
 * up after {@code --wait} with exit 3 naming the holder, and once the {@code up} is done it goes through.
 */
class FaultLockTest extends KernelWorld {
    @Test
    void aFaultCommandWaitsForAnUpOfTheSameLab() throws Exception {
        Path lab = tmp.resolve("star.yaml");
        Files.writeString(lab, StarLab.yaml("held", 4));
        CliRun first = CliRun.of(kernel.args("up", lab.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        int before = kernel.support.registry().list().size();

        Files.writeString(lab, StarLab.yaml("held", 80));
        Process up = CliProcess.start(tmp.resolve("up.log"), kernel.args("up", lab.toString()));
        CompletableFuture<CliRun> waiting = null;
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (kernel.support.registry().list().size() < before + 8 && System.nanoTime() < deadline && up.isAlive()) {
                Thread.sleep(5);
            }
            new ProcessBuilder("kill", "-STOP", Long.toString(up.pid())).start().waitFor();
            assertThat(up.isAlive()).as(Files.readString(tmp.resolve("up.log"))).isTrue();

            CliRun refused = CliRun.of(kernel.args("link", "held", "h0:eth0", "down", "--wait", "1"));
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
            assertThat(refused.err()).contains("lab held is still locked by another nslab command after 1 s (held by process "
                    + up.pid() + ")");

            waiting = CompletableFuture.supplyAsync(() -> CliRun.of(kernel.args("link", "held", "h1:eth0", "down")));
            Thread.sleep(1500);
            assertThat(waiting).as("the link command waits for the stopped up").isNotDone();
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(up.pid())).start().waitFor();
        }
        assertThat(up.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(up.exitValue()).as(Files.readString(tmp.resolve("up.log"))).isZero();
        CliRun link = waiting.get(60, TimeUnit.SECONDS);
        assertThat(link.exitCode()).as(link.err()).isZero();
        assertThat(link.out()).isEqualTo("lab held: h1:eth0 is down\n");
        // said before it waits, and not again under its own lock (which is no other command's); a loaded machine may
        // also hear that it waits, after 2 s
        assertThat(link.err()).startsWith("nslab: note: lab held is being changed by another nslab command (held by process "
                + up.pid() + ")\n").containsOnlyOnce("being changed");

        CliRun notRunning = CliRun.of(kernel.args("heal", "nosuchlab"));
        assertThat(notRunning.exitCode()).isEqualTo(2);
        assertThat(notRunning.err()).contains("no lab \"nosuchlab\" is running");
        assertThat(Files.exists(tmp.resolve("state").resolve("nosuchlab"))).as("no record made for a lab that is not running").isFalse();

        CliRun down = CliRun.of(kernel.args("down", "held"));
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(kernel.support.registry().list()).isEmpty();
    }
}
