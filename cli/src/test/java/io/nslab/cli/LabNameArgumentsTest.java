package io.nslab.cli;

import io.nslab.fuzz.HostWorld;
import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: a lab name on the command line was joined to the state directory unchecked, so
 * {@code nslab down ..} took the directory above {@code /run/nslab} (that is, {@code /run}) for a lab's
 * record and deleted every file and empty directory in it; {@code nslab down /} did that to {@code /}
 * (it stopped only because {@code /etc}, not empty, came first). Here the state directory is private,
 * an absolute path inside the test's own directory stands for {@code /}, and the files around the
 * state directory must survive every such name.
 */
class LabNameArgumentsTest {
    @TempDir
    Path tmp;
    private KernelTestSupport support;
    private Path state;

    @BeforeEach
    void setUp() throws IOException {
        support = KernelTestSupport.create();
        state = tmp.resolve("above/nslab");
        Files.createDirectories(state.resolve("lab1"));
        Files.writeString(tmp.resolve("above/precious"), "keep me\n");
        Files.createDirectories(tmp.resolve("above/empty-dir"));
        Files.writeString(state.resolve("lab1/namespaces"), "");
        Files.writeString(state.resolve("stray-file"), "keep me too\n");
    }

    @AfterEach
    void tearDown() {
        if (support != null) {
            support.close();
        }
    }

    /** Relative escapes, and an absolute path, which stands in for "/": a test must never aim at the real root. */
    static java.util.stream.Stream<String> names() {
        return java.util.stream.Stream.of("..", ".", "../..", "../above", "lab1/..", "a/b", "", "\0", "x\ny", "ABSOLUTE");
    }

    @ParameterizedTest
    @MethodSource("names")
    void aNameThatIsNotALabNameIsRefusedAndTouchesNothing(String given) {
        String name = given.equals("ABSOLUTE") ? tmp.resolve("above").toString() : given;
        HostWorld before = HostWorld.read(tmp);
        for (String command : new String[] {"down", "status"}) {
            CliRun run = CliRun.of(command, name, "--netns-dir", support.directory().toString(), "--state-dir", state.toString());
            assertThat(run.exitCode()).as(command + " " + run.err()).isEqualTo(2);
            // a word with a slash is a lab file's name (docs/cli.md): refused as a file that is not there, or not a file
            assertThat(run.err()).as(command).containsAnyOf("lab name", "no such file", "not a lab file").doesNotContain("Exception");
        }
        assertThat(before.changesTo(HostWorld.read(tmp))).isEmpty();
        assertThat(tmp.resolve("above/precious")).hasContent("keep me");
    }
}
