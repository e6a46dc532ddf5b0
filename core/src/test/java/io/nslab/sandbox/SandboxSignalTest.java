package io.nslab.sandbox;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sandbox run leaves this JVM's SIGINT as it found it. It ignored SIGINT while it waited by installing SIG_IGN, and
 * the JVM then refused to put its own handler back (it registers none for an ignored signal): the test JVM ignored
 * SIGINT from the first such run on, and so did every process it started, nslab's ping among them.
 */
class SandboxSignalTest {
    @Test
    void aSandboxRunLeavesSigintAsItWas() throws IOException {
        String problem = Sandbox.userNamespaceProblem();
        Assumptions.assumeTrue(problem == null, problem);
        Assumptions.assumeFalse(ignored(), "this JVM was started with SIGINT ignored; nothing to restore");
        StringWriter out = new StringWriter();
        // run from the build's directory, as nslab sandbox from a project's: a private /tmp is not the sandbox's
        Sandbox.Result result = Sandbox.of(Path.of("target").toAbsolutePath(), List.of("true")).stream(out, out);
        assertThat(result.status()).as(out.toString()).isZero();
        assertThat(ignored()).as("this JVM ignores SIGINT after a sandbox run").isFalse();
        Process child = new ProcessBuilder("grep", "SigIgn", "/proc/self/status").start();
        String said = new String(child.getInputStream().readAllBytes()).strip();
        assertThat(Long.parseLong(said.split("\\s+")[1], 16) & 2).as("a process started afterwards: " + said).isZero();
    }

    private static boolean ignored() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow();
        return (Long.parseLong(line.substring(7).strip(), 16) & 2) != 0; // bit 1: signal 2, SIGINT
    }
}
