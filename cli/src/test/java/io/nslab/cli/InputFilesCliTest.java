package io.nslab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input files that are not text files: {@code nslab validate /dev/zero} read forever (size 0, no end), and a
 * script in another encoding was refused as "cannot read ...: Input length = 1" (now bash runs it).
 */
@Timeout(30)
class InputFilesCliTest {
    @TempDir
    Path tmp;

    @Test
    void aDeviceWithoutEndIsRefusedAtTheBound() {
        CliRun validate = CliRun.of("validate", "/dev/zero");
        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.err()).startsWith("/dev/zero:1:1: error: file is more than 16777216 bytes; lab files are limited to 16777216");
        CliRun script = CliRun.of("script", "/dev/zero");
        assertThat(script.exitCode()).isEqualTo(2);
        assertThat(script.err()).isEqualTo("/dev/zero: more than 16777216 bytes; nslab reads scripts up to that size\n");
    }

    /** bash reads bytes: a comment in Latin-1 is no reason to refuse a script. */
    @Test
    void aScriptThatIsNotUtf8RunsAsBashRunsIt() throws IOException {
        Path file = tmp.resolve("latin1.sh");
        Files.write(file, new byte[] {'#', ' ', (byte) 0xe9, '\n', 'i', 'p', ' ', '-', 'b', 'r', ' ', 'l', 'i', 'n', 'k', '\n'});
        CliRun run = CliRun.of("script", file.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("lo ");
        assertThat(run.exitCode()).isZero();
    }
}
