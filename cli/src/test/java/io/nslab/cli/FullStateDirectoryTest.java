package io.nslab.cli;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code up} with a state directory that fills up half-way (a tmpfs of a few KiB): the write of a claim or of an
 * ownership line fails, {@code up} stops there, rolls back and exits 3 saying why — never 4 — and neither it nor
 * the following {@code cleanup} leaves a namespace behind. Runs the real command in a mount and network namespace
 * of its own (util-linux unshare), where the small tmpfs and the namespaces live and die.
 */
class FullStateDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void aFullStateDirectoryStopsUpCleanly() throws Exception {
        KernelTestSupport.assumePrivileged();
        Path lab = tmp.resolve("star.yaml");
        Files.writeString(lab, StarLab.yaml("full", 300));
        Path state = Files.createDirectories(tmp.resolve("state"));
        Path netns = Files.createDirectories(tmp.resolve("netns"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String script = String.join("\n",
                "set -u",
                "mount -t tmpfs -o size=12k nslab-full " + state,
                "nslab() { " + java + " --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -cp \"$CP\" io.nslab.cli.Main \"$@\" "
                        + "--state-dir " + state + " --netns-dir " + netns + " --proc-sys=" + tmp.resolve("no-limits") + "; }",
                "nslab up " + lab + " > " + tmp.resolve("up.out") + " 2>&1; echo \"up=$?\"",
                "echo \"left=$(ls " + netns + " | wc -l)\"",
                "nslab cleanup > " + tmp.resolve("cleanup.out") + " 2>&1; echo \"cleanup=$?\"",
                "echo \"after=$(ls " + netns + " | wc -l)\"",
                "echo \"state=$(ls -A " + state + " | tr '\\n' ' ')\"");
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--net", "--propagation", "private", "--", "bash", "-c", script));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("CP", cp);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String up = Files.readString(tmp.resolve("up.out"));
        assertThat(out).as(up).contains("up=3\n");
        assertThat(up).contains("No space left on device").doesNotContain("internal error");
        assertThat(out).as("namespaces left by the failed up\n" + up).contains("left=0\n");
        assertThat(out).as(Files.readString(tmp.resolve("cleanup.out"))).contains("cleanup=0\n").contains("after=0\n");
        assertThat(out).contains("state=\n");
    }

    static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
