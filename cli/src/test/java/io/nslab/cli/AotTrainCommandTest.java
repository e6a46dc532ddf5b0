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
        // 9 simulator runs, 12 kernel runs and a cleanup, then the script simulator's training
        assertThat(out).as(String.join("\n", out))
                .containsExactly("aot-train: 23 runs, 0 failed", "exit 0", "links after: 1");
    }

    private static List<Path> aotDirs(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("nslab-aot-")).sorted().toList();
        }
    }
}
