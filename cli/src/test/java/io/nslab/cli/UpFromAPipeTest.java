package io.nslab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: {@code up} read its lab file twice, to load it and to record its text. From a named pipe the
 * second read waited for a second writer for ever; from {@code <(...)} it read nothing, and the lab's record
 * held an empty text. Now the file is read once.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a FIFO open ignores interrupts
class UpFromAPipeTest extends KernelWorld {
    private static final String LAB = "name: fz-pipe\nnetns-prefix: fz-pipe-\nnodes: {a: {}, b: {}}\n"
            + "links:\n  - endpoints: [\"a:e0 10.0.0.1/24\", \"b:e0 10.0.0.2/24\"]\n";

    @Test
    void aLabFromANamedPipeIsReadOnceAndRecordedWhole() throws Exception {
        Path fifo = tmp.resolve("lab.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try {
                Files.writeString(fifo, LAB, StandardCharsets.UTF_8); // blocks until up opens the pipe
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRun up = CliRun.of(kernel.args("up", fifo.toString()));
        writer.join(5000);
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).startsWith("lab fz-pipe is up: ");
        assertThat(Files.readString(tmp.resolve("state/fz-pipe/lab.yaml"))).isEqualTo(LAB);
        CliRun status = CliRun.of(kernel.args("status", "fz-pipe"));
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("10.0.0.1/24");
    }
}
