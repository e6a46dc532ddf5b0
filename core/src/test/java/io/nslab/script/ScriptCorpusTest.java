package io.nslab.script;

import io.nslab.kernel.Privilege;
import io.nslab.sandbox.Sandbox;
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
 * Every corpus script (src/test/resources/scripts) and examples/seed.sh prints on the simulator what bash
 * printed with the real tools: against the kernel's output recorded next to each script (NAME.out, made with
 * {@code bash NAME.sh} in a sandbox), and, where the machine allows it, against a live run in a sandbox.
 */
class ScriptCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/scripts");
    static final Path EXAMPLES = Path.of("../examples");

    static List<Path> scripts() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
    }

    static String simulate(Path dir, String name) throws IOException {
        String source = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        int status = Interpreter.run(new ScriptWorld(), Output.merged(sb), name, source);
        return sb + "[exit " + status + "]\n";
    }

    @TestFactory
    Stream<DynamicTest> simulatorMatchesRecordedKernelOutput() throws IOException {
        assertThat(scripts()).hasSizeGreaterThanOrEqualTo(30);
        return scripts().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String name = p.getFileName().toString();
            String recorded = Files.readString(CORPUS.resolve(name.replace(".sh", ".out")), StandardCharsets.UTF_8);
            assertThat(Mask.diff("kernel (recorded)", recorded, "simulator", simulate(CORPUS, name))).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> simulatorMatchesLiveKernel() throws IOException {
        String missing = Privilege.missing();
        if (missing != null) {
            System.out.println("ScriptCorpusTest: live kernel comparison skipped: " + missing);
            return Stream.empty();
        }
        List<Path> all = new java.util.ArrayList<>(scripts());
        all.add(EXAMPLES.resolve("seed.sh"));
        return all.stream().map(p -> DynamicTest.dynamicTest("live " + p.getFileName(), () -> {
            Path dir = p.getParent().toAbsolutePath();
            String name = p.getFileName().toString();
            Sandbox.Result real = Sandbox.runScript(dir, name);
            String kernel = real.output() + "[exit " + real.status() + "]\n";
            assertThat(Mask.diff("kernel", kernel, "simulator", simulate(dir, name))).isEmpty();
        }));
    }
}
