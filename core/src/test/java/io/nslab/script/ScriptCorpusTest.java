package io.nslab.script;

import io.nslab.sandbox.Sandbox;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every corpus script (src/test/resources/scripts) and examples/seed.sh prints with the simulator's tools what
 * bash printed with the real ones: against the kernel's output recorded next to each script (NAME.out, made
 * with {@code nslab script --kernel NAME.sh}), and against a live run with the real tools in a sandbox.
 */
class ScriptCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/scripts");
    static final Path EXAMPLES = Path.of("../examples");
    static final ScriptRun.Settings SETTINGS = ScriptRun.Settings.DEFAULTS;

    static List<Path> scripts() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
    }

    /** Skips the test where this machine cannot make a sandbox, saying why. */
    static void assumeSandbox() {
        String problem = Sandbox.userNamespaceProblem();
        if (problem != null) {
            System.out.println("script tests skipped: " + problem);
        }
        Assumptions.assumeTrue(problem == null, problem);
    }

    static String simulate(Path dir, String name) {
        return ScriptRun.transcript(ScriptRun.simulate(dir.toAbsolutePath(), name, SETTINGS, ScriptRun.Io.CAPTURE, "-"), SETTINGS);
    }

    static String kernel(Path dir, String name) {
        return ScriptRun.transcript(ScriptRun.kernel(dir.toAbsolutePath(), name, SETTINGS, ScriptRun.Io.CAPTURE), SETTINGS);
    }

    @TestFactory
    Stream<DynamicTest> simulatorMatchesRecordedKernelOutput() throws IOException {
        assumeSandbox();
        assertThat(scripts()).hasSizeGreaterThanOrEqualTo(81);
        return scripts().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String name = p.getFileName().toString();
            String recorded = Files.readString(CORPUS.resolve(name.replace(".sh", ".out")), StandardCharsets.UTF_8);
            // a script whose shell crashed on the kernel's side (the same crash on the simulator's would agree) is no test
            assertThat(recorded).as("the recorded kernel run's end").doesNotContainPattern("\\[exit 1(29|[3-9]\\d)\\]\\n$");
            assertThat(Mask.diff("kernel (recorded)", recorded, "simulator", simulate(CORPUS, name))).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> simulatorMatchesLiveKernel() throws IOException {
        assumeSandbox();
        List<Path> all = new java.util.ArrayList<>(scripts());
        all.add(EXAMPLES.resolve("seed.sh"));
        return all.stream().map(p -> DynamicTest.dynamicTest("live " + p.getFileName(), () -> {
            Path dir = p.getParent();
            String name = p.getFileName().toString();
            assertThat(Mask.diff("kernel", kernel(dir, name), "simulator", simulate(dir, name))).isEmpty();
        }));
    }
}
