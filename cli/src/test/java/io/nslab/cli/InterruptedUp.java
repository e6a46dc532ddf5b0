package io.nslab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lab whose {@code up} was killed half-way, made deterministically: the up is stopped (SIGSTOP) once it has made
 * some namespaces, then killed (SIGKILL), as a kill -9 or a power cut would leave it.
 */
final class InterruptedUp {
    private InterruptedUp() {
    }

    /** Starts {@code nslab up FILE} and kills it after it made {@code namespaces} namespaces; its log is {@code log}. */
    static void kill(KernelDirs kernel, Path file, int namespaces, Path log) throws Exception {
        Process up = CliProcess.start(log, kernel.args("up", file.toString()));
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (kernel.support.registry().list().size() < namespaces && System.nanoTime() < deadline && up.isAlive()) {
                Thread.sleep(2);
            }
            assertThat(kernel.support.registry().list()).as(Files.readString(log)).hasSizeGreaterThanOrEqualTo(namespaces);
            new ProcessBuilder("kill", "-STOP", Long.toString(up.pid())).start().waitFor();
        } finally {
            up.destroyForcibly(); // SIGKILL, which a stopped process takes too
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
