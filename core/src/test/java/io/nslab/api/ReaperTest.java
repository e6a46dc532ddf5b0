package io.nslab.api;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of a JVM with a lab open: its reaper removes the lab and ends what ran inside. */
class ReaperTest {
    @TempDir
    Path state;

    @Test
    void aKilledJvmLeavesNothingOnceItsReaperActs() throws Exception {
        try (KernelTestSupport support = KernelTestSupport.create()) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process victim = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    ReaperTrialMain.class.getName(), support.directory().toString(), state.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String[] up;
            try {
                up = new BufferedReader(new InputStreamReader(victim.getInputStream())).readLine().split(" ");
            } catch (RuntimeException e) {
                victim.destroyForcibly();
                throw e;
            }
            String lab = up[1];
            ProcessHandle sleeper = ProcessHandle.of(Long.parseLong(up[2])).orElseThrow();
            ProcessHandle reaper = ProcessHandle.of(Long.parseLong(up[3])).orElseThrow();
            assertThat(support.registry().list()).containsExactlyInAnyOrder(lab + "-ns1", lab + "-router", lab + "-ns2");
            assertThat(sleeper.isAlive()).isTrue();

            victim.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(victim.exitValue()).isEqualTo(137);
            reaper.onExit().get(30, TimeUnit.SECONDS);

            assertThat(support.registry().list()).isEmpty();
            assertThat(sleeper.isAlive()).isFalse();
            try (var s = Files.list(state)) {
                List<Path> left = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
                assertThat(left).isEmpty();
            }
        }
    }
}
