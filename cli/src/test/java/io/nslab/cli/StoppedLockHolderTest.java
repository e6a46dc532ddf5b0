package io.nslab.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code up} stopped half-way (Ctrl-Z, kill -STOP) holds its lab's lock: {@code status} says the lab is being
 * changed, and {@code down} says whom it waits for and gives up after {@code --wait} seconds with exit 3 instead of
 * waiting in silence for ever. Once the {@code up} goes on, everything works as usual.
 */
class StoppedLockHolderTest extends KernelWorld {
    @Test
    void aStoppedUpIsReportedNotWaitedForInSilence() throws Exception {
        Path lab = tmp.resolve("star.yaml");
        Files.writeString(lab, StarLab.yaml("held", 200));
        Process up = CliProcess.start(tmp.resolve("up.log"), kernel.args("up", lab.toString()));
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (kernel.support.registry().list().size() < 20 && System.nanoTime() < deadline && up.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(kernel.support.registry().list()).as(Files.readString(tmp.resolve("up.log"))).hasSizeGreaterThanOrEqualTo(20);
            new ProcessBuilder("kill", "-STOP", Long.toString(up.pid())).start().waitFor();

            CliRun status = CliRun.of(kernel.args("status", "held"));
            assertThat(status.out()).contains("(lab held is being changed by another nslab command (held by process " + up.pid() + ")");

            long t0 = System.nanoTime();
            CliRun down = CliRun.of(kernel.args("down", "held", "--wait", "1"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(down.exitCode()).as(down.err()).isEqualTo(3);
            assertThat(down.err()).contains("lab held is still locked by another nslab command after 1 s (held by process " + up.pid() + ")")
                    .contains("if that command is stopped (Ctrl-Z, kill -STOP), resume or end it");
            assertThat(ms).as("gave up after about a second").isLessThan(10_000);
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(up.pid())).start().waitFor();
        }
        assertThat(up.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(up.exitValue()).as(Files.readString(tmp.resolve("up.log"))).isZero();
        CliRun down = CliRun.of(kernel.args("down", "held"));
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(kernel.support.registry().list()).isEmpty();
    }
}
