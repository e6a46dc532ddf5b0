package io.nslab.sandbox;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Work done while a sandbox starts: it runs beside the command, and a failure of it ends the sandbox. */
class SandboxWhileStartingTest {
    @TempDir
    Path dir;

    @Test
    void theWorkRunsWhileTheCommandDoesAndTheCommandSeesWhatItMakes() throws IOException {
        assumeSandbox();
        Path shared = Files.createDirectory(dir.resolve("shared"));
        shared.toFile().setWritable(true, false);
        // the command waits for the file the work makes once the command has started
        String wait = "for i in $(seq 200); do [ -f /run/shared/made ] && exec cat /run/shared/made; sleep 0.05; done; echo none";
        Sandbox.Result r = Sandbox.of(Path.of("target").toAbsolutePath(), List.of("bash", "-c", wait))
                .bind(shared, Path.of("/run/shared")).limit(Duration.ofSeconds(30))
                .whileStarting(() -> {
                    try {
                        Files.writeString(shared.resolve("made"), "made while it ran\n");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).capture();
        assertThat(r.output()).isEqualTo("made while it ran\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void aFailureOfTheWorkEndsTheSandboxAndIsThrown() throws IOException {
        assumeSandbox();
        Path shared = Files.createDirectory(dir.resolve("shared"));
        shared.toFile().setWritable(true, false);
        long started = System.nanoTime();
        // the work fails once the command runs; left alone, the command would sleep until its time limit
        assertThatThrownBy(() -> Sandbox.of(Path.of("target").toAbsolutePath(),
                        List.of("bash", "-c", "touch /run/shared/running; exec sleep 60"))
                .bind(shared, Path.of("/run/shared")).limit(Duration.ofSeconds(60))
                .whileStarting(() -> {
                    for (int i = 0; i < 400 && !Files.exists(shared.resolve("running")); i++) {
                        sleep(50);
                    }
                    throw new IllegalStateException("the work failed");
                }).capture())
                .isInstanceOf(IllegalStateException.class).hasMessage("the work failed");
        assertThat(Files.exists(shared.resolve("running"))).as("the command ran").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        sleep(200); // a process the kill missed would still be there
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("60")).orElse(false))
                .toList()).as("processes left by the sandbox").isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assumeSandbox() {
        String problem = Sandbox.userNamespaceProblem();
        Assumptions.assumeTrue(problem == null, problem);
    }
}
