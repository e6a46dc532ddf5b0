package io.nslab.cli;

import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AotTrainCommandTest {

    @Test
    void theTrainingStarIsAValidLabOfItsSize() {
        Lab lab = LabLoader.parse("train.yaml", StarLab.yaml("train", 40));
        assertThat(lab.nodes()).hasSize(41);
        assertThat(lab.links()).hasSize(40);
    }

    @Test
    void trainingLeavesNothingBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = aotDirs(tmp);
        // In this test's network namespace (the host's, or one with links) the kernel part is skipped.
        CliRun run = CliRun.of("aot-train", "../examples");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aotDirs(tmp)).isEqualTo(before);
    }

    @Test
    void inANetworkNamespaceOfItsOwnTheKernelCommandsAreTrainedAndAllSucceed(@TempDir Path dir)
            throws IOException, InterruptedException {
        KernelTestSupport.assumePrivileged();
        List<String> out = Sandboxed.run(dir, Sandboxed.nslab() + " aot-train ../examples; echo \"exit $?\"",
                "echo \"links after: $(ip -o link | wc -l)\"");
        // 10 simulator runs (seed.sh's script and a star script's import among them), 12 kernel runs and a cleanup,
        // then the script simulator's training
        assertThat(out).as(String.join("\n", out))
                .containsExactly("aot-train: 24 runs, 0 failed", "exit 0", "links after: 1");
    }

    /** What nslab-script.aot is trained on: seed.sh run, a 40-host star's script run and imported, all of them ending 0. */
    @Test
    void theScriptsTrainingRunsTheTutorialsScriptAndRunsAndImportsAStar() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = aotDirs(tmp);
        CliRun run = CliRun.of("aot-train", "--scripts", "../examples");
        assertThat(run.exitCode()).as(run.err()).isZero(); // 4 when any run failed
        assertThat(aotDirs(tmp)).isEqualTo(before);
    }

    @Test
    void theTrainingStarScriptIsTheStarLabAsATutorialWritesIt() {
        List<String> lines = StarScript.text("t", 40).lines().toList();
        assertThat(lines).hasSize(3 + 8 * 40);
        assertThat(lines).startsWith("ip netns add t-r", "ip -n t-r link set lo up", "ip netns add t-h0",
                "ip -n t-h0 link add eth0 type veth peer name h0 netns t-r", "ip -n t-h0 addr add 10.0.0.2/30 dev eth0",
                "ip -n t-r addr add 10.0.0.1/30 dev h0");
        assertThat(lines).contains("ip -n t-h39 route add default via 10.0.0.157")
                .endsWith("ip netns exec t-r sysctl -qw net.ipv4.ip_forward=1");
    }

    private static List<Path> aotDirs(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("nslab-aot-")).sorted().toList();
        }
    }
}
